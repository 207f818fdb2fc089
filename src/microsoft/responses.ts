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

/**
 * Turns the answer to one Apply call into one outcome per item sent, in order. PartialErrors are matched by
 * their `Index`, never by position; a request-level fault applies to every item.
 */
export function interpretApplyResponse(response: HttpResponse, itemCount: number, subject?: ItemSubject): Outcome[] {
  const body = parseJson(response.body)
  const trackingId = trackingIdOf(response, body)
  const waitSeconds = retryAfterSeconds(response.headers)

  if (response.status >= 200 && response.status < 300) {
    const parsed = PartialErrorsResponseSchema.safeParse(body ?? {})
    if (!parsed.success) {
      // Microsoft said 200 but the body is unreadable: resending is safe, since it ignores exact duplicates.
      return Array.from({ length: itemCount }, () =>
        retry('unreadable_response', 'Microsoft answered 200 with a body that could not be read.', { trackingId })
      )
    }
    const outcomes: Outcome[] = Array.from({ length: itemCount }, () => delivered({ trackingId }))
    for (const error of parsed.data.PartialErrors ?? []) {
      if (error.Index >= 0 && error.Index < itemCount) outcomes[error.Index] = itemOutcome(error, trackingId, subject)
    }
    return outcomes
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
    return Array.from({ length: itemCount }, () => outcome)
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
    const outcomes: Outcome[] = Array.from({ length: itemCount }, () => rest)
    for (const error of fault.data.BatchErrors ?? []) {
      if (error.Index >= 0 && error.Index < itemCount) outcomes[error.Index] = itemOutcome(error, id, subject)
    }
    return outcomes
  }
  const outcome = outcomeForHttpStatus(response.status, { trackingId, retryAfterSeconds: waitSeconds })
  return Array.from({ length: itemCount }, () => outcome)
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

/**
 * Turns a UET Conversions API answer into one outcome per event sent. `error.details[].index` names the events;
 * warnings leave an event delivered (Microsoft dropped only the field). Microsoft shows at most 10 details, so an
 * event that is neither counted nor named is retried, which is safe because CAPI deduplicates by eventId.
 */
export function interpretCapiResponse(
  response: HttpResponse,
  eventCount: number,
  continueOnValidationError: boolean
): Outcome[] {
  const body = parseJson(response.body)
  const parsed = CapiResponseSchema.safeParse(body ?? {})
  const traceId = parsed.success ? parsed.data.traceId : undefined
  const waitSeconds = retryAfterSeconds(response.headers)

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
    return Array.from({ length: eventCount }, () => outcome)
  }
  const isOk = response.status >= 200 && response.status < 300
  const details = parsed.success ? (parsed.data.error?.details ?? []) : []
  if (!isOk && (response.status !== 400 || !parsed.success || !parsed.data.error)) {
    const outcome = outcomeForHttpStatus(response.status, { trackingId: traceId, retryAfterSeconds: waitSeconds })
    return Array.from({ length: eventCount }, () => outcome)
  }

  const errors = new Map<number, Outcome>()
  const warnings = new Map<number, OutcomeWarning[]>()
  // An index outside the request names no event of it: nothing to attach.
  const inRequest = details.filter(
    (detail) => detail.index !== undefined && detail.index >= 0 && detail.index < eventCount
  )
  for (const detail of inRequest) {
    const index = detail.index as number
    if (detail.isWarning) {
      const list = warnings.get(index) ?? []
      list.push(capiWarning(detail))
      warnings.set(index, list)
    } else if (!errors.has(index)) {
      errors.set(index, capiDetailOutcome(detail, traceId))
    }
  }

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
    return Array.from({ length: eventCount }, (_, index) => errors.get(index) ?? notProcessed)
  }

  const received = parsed.success ? parsed.data.eventsReceived : undefined
  const unaccounted = received !== undefined && received + errors.size < eventCount
  return Array.from({ length: eventCount }, (_, index) => {
    const error = errors.get(index)
    if (error) return error
    if (unaccounted && !warnings.has(index)) {
      return retry(
        'not_confirmed',
        'Microsoft did not confirm this event; it will be sent again with the same eventId.',
        { trackingId: traceId }
      )
    }
    const extra: Partial<ReturnType<typeof delivered>> = { trackingId: traceId }
    const eventWarnings = warnings.get(index)
    if (eventWarnings) extra.warnings = eventWarnings
    return delivered(extra)
  })
}
