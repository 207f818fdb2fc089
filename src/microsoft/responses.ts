import { delivered, retry, type Outcome, type OutcomeWarning } from '../outcome'
import { redactText } from '../support/redact'
import { outcomeForCode, outcomeForHttpStatus } from './classify'
import type { HttpResponse } from './http'
import { retryAfterSeconds } from './http'
import { ApplicationFaultSchema, PartialErrorsResponseSchema, type BatchError } from './models/faults'
import { CapiResponseSchema, type CapiErrorDetail } from './models/capi'

function parseJson(body: string): unknown {
  if (!body) return undefined
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

export function trackingIdOf(response: HttpResponse, body?: unknown): string | undefined {
  const fromHeader = response.headers.trackingid ?? response.headers['x-ms-trackingid']
  if (fromHeader) return fromHeader
  const fromBody = (body as { TrackingId?: unknown } | undefined)?.TrackingId
  return typeof fromBody === 'string' ? fromBody : undefined
}

/**
 * The words that say which goal an item error is about: `conversion name "Purchase"`. The name is the host's
 * input, and a mapping mistake can put an email or phone there, so it is redacted like a log line.
 */
export function conversionNameSubject(name: unknown): string | undefined {
  return typeof name === 'string' && name !== '' ? `conversion name "${redactText(name)}"` : undefined
}

/** Optional words that make an item error specific, e.g. which conversion name did not match a goal. */
export type ItemSubject = (index: number, error: BatchError) => string | undefined

function itemOutcome(error: BatchError, trackingId: string | undefined, subject?: ItemSubject): Outcome {
  return outcomeForCode(error.Code, {
    errorCode: error.ErrorCode,
    message: error.Message,
    trackingId,
    subject: subject?.(error.Index, error)
  })
}

/** One outcome per item, in order, and Microsoft's answer about each (its own entry, or the request's answer). */
export interface ReadAnswer {
  outcomes: Outcome[]
  answers: unknown[]
}

function sameForAll(count: number, outcome: Outcome, answer: unknown): ReadAnswer {
  return {
    outcomes: new Array<Outcome>(count).fill(outcome),
    answers: new Array<unknown>(count).fill(answer)
  }
}

/** The raw entries of a list in Microsoft's answer (what zod read, as Microsoft wrote it). */
function rawEntries(body: unknown, key: string): unknown[] {
  const list = (body as Record<string, unknown> | undefined)?.[key]
  return Array.isArray(list) ? list : []
}

/**
 * Microsoft's answer to a Campaign Management call as data: the JSON body with the TrackingId its header carried
 * (what support asks for), or the text of a body that is not JSON.
 */
function answerOf(response: HttpResponse, body: unknown, trackingId: string | undefined): unknown {
  if (body === undefined) return response.body || (trackingId ? { TrackingId: trackingId } : undefined)
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !trackingId) return body
  return 'TrackingId' in body ? body : { TrackingId: trackingId, ...body }
}

/**
 * Turns the answer to one Apply call into one outcome per item sent, in order, with Microsoft's answer about each:
 * its PartialError or BatchError entry, else the answer the request got. Item errors are matched by their `Index`,
 * never by position; a request-level fault applies to every item.
 */
export function readApplyAnswer(response: HttpResponse, itemCount: number, subject?: ItemSubject): ReadAnswer {
  const body = parseJson(response.body)
  const trackingId = trackingIdOf(response, body)
  const waitSeconds = retryAfterSeconds(response.headers)
  const answer = answerOf(response, body, trackingId)

  if (response.status >= 200 && response.status < 300) {
    const parsed = PartialErrorsResponseSchema.safeParse(body ?? {})
    if (!parsed.success) {
      // Microsoft said 200 but the body is unreadable: resending is safe, since it ignores exact duplicates.
      const outcome = retry('unreadable_response', 'Microsoft answered 200 with a body that could not be read.', {
        trackingId
      })
      return sameForAll(itemCount, outcome, answer)
    }
    const errors = parsed.data.PartialErrors ?? []
    // What an item without an error of its own was told: the answer, without the other items' errors.
    const accepted = errors.length > 0 ? { ...(answer as object), PartialErrors: null } : answer
    const result = sameForAll(itemCount, delivered({ trackingId }), accepted)
    const raw = rawEntries(body, 'PartialErrors')
    errors.forEach((error, position) => {
      if (error.Index < 0 || error.Index >= itemCount) return
      result.outcomes[error.Index] = itemOutcome(error, trackingId, subject)
      result.answers[error.Index] = raw[position]
    })
    return result
  }

  const fault = ApplicationFaultSchema.safeParse(body)
  if (fault.success && fault.data.Type === 'AdApiFaultDetail' && fault.data.Errors?.length) {
    const first = fault.data.Errors[0]
    const outcome = outcomeForCode(first.Code, {
      httpStatus: response.status,
      errorCode: first.ErrorCode,
      message: first.Message,
      trackingId: fault.data.TrackingId ?? trackingId,
      retryAfterSeconds: waitSeconds
    })
    return sameForAll(itemCount, outcome, answer)
  }
  if (fault.success && (fault.data.Type === 'ApiFaultDetail' || fault.data.Type === 'EditorialApiFaultDetail')) {
    const id = fault.data.TrackingId ?? trackingId
    const operation = fault.data.OperationErrors?.[0]
    const rest: Outcome = operation
      ? outcomeForCode(operation.Code, {
          httpStatus: response.status,
          errorCode: operation.ErrorCode,
          message: operation.Message,
          trackingId: id,
          retryAfterSeconds: waitSeconds
        })
      : retry(
          'batch_not_processed',
          'Not processed because another item of the same request was invalid; it will be sent again.',
          { trackingId: id }
        )
    const result = sameForAll(itemCount, rest, answer)
    const raw = rawEntries(body, 'BatchErrors')
    ;(fault.data.BatchErrors ?? []).forEach((error, position) => {
      if (error.Index < 0 || error.Index >= itemCount) return
      result.outcomes[error.Index] = itemOutcome(error, id, subject)
      result.answers[error.Index] = raw[position]
    })
    return result
  }
  const outcome = outcomeForHttpStatus(response.status, { trackingId, retryAfterSeconds: waitSeconds })
  return sameForAll(itemCount, outcome, answer)
}

/** One outcome per item sent, in order (readApplyAnswer without the answers). */
export function interpretApplyResponse(response: HttpResponse, itemCount: number, subject?: ItemSubject): Outcome[] {
  return readApplyAnswer(response, itemCount, subject).outcomes
}

function capiDetailOutcome(detail: CapiErrorDetail, traceId: string | undefined): Outcome {
  const code = detail.errorCode ?? 'ValidationError'
  const property = detail.propertyName ? `${detail.propertyName}: ` : ''
  return {
    outcome: 'rejected',
    reason: code,
    code,
    status: 400,
    message: `${property}${detail.errorMessage ?? 'did not pass validation'}`,
    trackingId: traceId
  }
}

/** A detail Microsoft marked isWarning: it dropped that field (`data[3].userData.em` names `userData.em`). */
function capiWarning(detail: CapiErrorDetail): OutcomeWarning {
  const field = (detail.propertyName ?? 'field').replace(/^data\[\d+]\.?/, '') || 'event'
  const text = redactText(detail.errorMessage ?? 'did not pass validation')
  return { field, rule: detail.errorCode ?? 'ValidationWarning', message: `${field} was dropped by Microsoft: ${text}` }
}

interface EventDetails {
  /** The first error detail naming each event, as an outcome and as Microsoft wrote it. */
  errors: Map<number, { outcome: Outcome; answer: unknown }>
  /** The warning details naming each event. */
  warnings: Map<number, { warnings: OutcomeWarning[]; answers: unknown[] }>
}

/** `error.details[]` by the event each names; an index outside the request names no event of it. */
function eventDetails(
  details: readonly CapiErrorDetail[],
  rawDetails: readonly unknown[],
  eventCount: number,
  traceId: string | undefined
): EventDetails {
  const errors: EventDetails['errors'] = new Map()
  const warnings: EventDetails['warnings'] = new Map()
  details.forEach((detail, position) => {
    const { index, isWarning } = detail
    if (index === undefined || index < 0 || index >= eventCount) return
    if (isWarning) {
      const entry = warnings.get(index) ?? { warnings: [], answers: [] }
      entry.warnings.push(capiWarning(detail))
      entry.answers.push(rawDetails[position])
      warnings.set(index, entry)
    } else if (!errors.has(index)) {
      errors.set(index, { outcome: capiDetailOutcome(detail, traceId), answer: rawDetails[position] })
    }
  })
  return { errors, warnings }
}

/**
 * Microsoft's answer as one event of the request sees it: `details` only its own (none when undefined). The
 * request-wide fields (eventsReceived, traceId, the error's code and message) are shared by every event.
 */
function answerWithDetails(body: unknown, details?: unknown[]): unknown {
  const answer = body as { error?: Record<string, unknown> } | undefined
  if (!answer?.error) return body
  const error = { ...answer.error }
  if (details) error.details = details
  else delete error.details
  return { ...answer, error }
}

/**
 * Turns a UET Conversions API answer into one outcome per event sent, with Microsoft's answer about each: its error
 * detail, else what the request got. `error.details[].index` names the events; warnings leave an event delivered
 * (Microsoft dropped only the field). Microsoft shows at most 10 details, so an event that is neither counted nor
 * named is retried, which is safe because CAPI deduplicates by eventId.
 */
export function readCapiAnswer(
  response: HttpResponse,
  eventCount: number,
  continueOnValidationError: boolean
): ReadAnswer {
  const body = parseJson(response.body)
  const parsed = CapiResponseSchema.safeParse(body ?? {})
  const traceId = parsed.success ? parsed.data.traceId : undefined
  const waitSeconds = retryAfterSeconds(response.headers)
  const answer = body ?? (response.body || undefined)

  if (response.status === 401) {
    const message =
      parsed.success && parsed.data.error?.message
        ? parsed.data.error.message
        : 'You are not authorized to access this resource.'
    const outcome: Outcome = {
      outcome: 'auth',
      reason: 'capi_token_rejected',
      code: 'Unauthorized',
      authAction: 'inactive',
      status: 401,
      message: `The UET Conversions API refused the tag token: ${message} Check uet_capi_token and uet_tag_id.`,
      trackingId: traceId
    }
    return sameForAll(eventCount, outcome, answer)
  }
  const isOk = response.status >= 200 && response.status < 300
  if (!isOk && (response.status !== 400 || !parsed.success || !parsed.data.error)) {
    const outcome = outcomeForHttpStatus(response.status, { trackingId: traceId, retryAfterSeconds: waitSeconds })
    return sameForAll(eventCount, outcome, answer)
  }

  const details = parsed.success ? (parsed.data.error?.details ?? []) : []
  const rawDetails = rawEntries((body as { error?: unknown } | undefined)?.error, 'details')
  const { errors, warnings } = eventDetails(details, rawDetails, eventCount, traceId)
  const shared = details.length > 0 ? answerWithDetails(body) : answer

  if (!isOk) {
    // A 400: nothing in this request was processed.
    const notProcessed = continueOnValidationError
      ? retry(
          'validation_error_not_detailed',
          'Microsoft rejected the whole request without naming this event; it will be sent again.',
          { trackingId: traceId }
        )
      : retry(
          'batch_not_processed',
          'Not processed because another event of the same request was invalid; it will be sent again.',
          { trackingId: traceId }
        )
    const result = sameForAll(eventCount, notProcessed, shared)
    for (const [index, error] of errors) {
      result.outcomes[index] = error.outcome
      result.answers[index] = error.answer
    }
    return result
  }

  const received = parsed.success ? parsed.data.eventsReceived : undefined
  const unaccounted = received !== undefined && received + errors.size < eventCount
  const notConfirmed = retry(
    'not_confirmed',
    'Microsoft did not confirm this event; it will be sent again with the same eventId.',
    { trackingId: traceId }
  )
  // Outcomes are read, never changed, by whoever gets them: events with the same news share one.
  const accepted = delivered({ trackingId: traceId })
  const result: ReadAnswer = { outcomes: new Array<Outcome>(eventCount), answers: new Array<unknown>(eventCount) }
  for (let index = 0; index < eventCount; index += 1) {
    const error = errors.get(index)
    const warned = warnings.get(index)
    if (error) {
      result.outcomes[index] = error.outcome
      result.answers[index] = error.answer
    } else if (warned) {
      result.outcomes[index] = delivered({ trackingId: traceId, warnings: warned.warnings })
      result.answers[index] = answerWithDetails(body, warned.answers)
    } else {
      result.outcomes[index] = unaccounted ? notConfirmed : accepted
      result.answers[index] = shared
    }
  }
  return result
}

/** One outcome per event sent, in order (readCapiAnswer without the answers). */
export function interpretCapiResponse(
  response: HttpResponse,
  eventCount: number,
  continueOnValidationError: boolean
): Outcome[] {
  return readCapiAnswer(response, eventCount, continueOnValidationError).outcomes
}
