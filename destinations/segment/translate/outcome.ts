import {
  ErrorCodes,
  IntegrationError,
  InvalidAuthenticationError,
  MultiStatusResponse,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { JSONLikeObject } from '@segment/actions-core'
import { INVALID_SETTINGS_REASON, describeOutcome, outcomeToJson, redactText } from 'msads-conversions'
import type { Delivery, Outcome } from 'msads-conversions'

/** Reasons the core gives to events it refused before sending anything to Microsoft. */
const REFUSED_BEFORE_SENDING = new Set(['invalid_input', 'internal_error', INVALID_SETTINGS_REASON])

type RetryableStatus = ConstructorParameters<typeof RetryableError>[1]
const RETRYABLE_STATUSES = new Set<number>([
  408, 423, 429, 500, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 598, 599
])

/**
 * The core's outcome as the JSON body of an event's result or status entry, every field it has: whoever reads the
 * answer gets the outcome as data (the message, already free of personal data, is the only prose in it).
 */
export function outcomeBody(outcome: Outcome): JSONLikeObject {
  return outcomeToJson(outcome)
}

/** The status Segment acts on: 401 makes it refresh the token, 403 means a person must act. */
export function segmentStatus(outcome: Outcome): number {
  if (outcome.outcome === 'auth') return outcome.authAction === 'refresh' ? 401 : 403
  if (outcome.outcome === 'retry') return RETRYABLE_STATUSES.has(outcome.status) ? outcome.status : 503
  return outcome.status
}

function refusedBeforeSending(outcome: Outcome): boolean {
  return outcome.outcome === 'rejected' && REFUSED_BEFORE_SENDING.has(outcome.reason)
}

/** Segment's own destinations report a bad setting as IntegrationError(message, 'INVALID_SETTINGS', 400). */
const INVALID_SETTINGS_CODE = 'INVALID_SETTINGS'

function isSettingsProblem(outcome: Outcome): boolean {
  return outcome.outcome === 'rejected' && outcome.reason === INVALID_SETTINGS_REASON
}

function errorFor(outcome: Outcome): Error {
  const message = describeOutcome(outcome)
  switch (outcome.outcome) {
    case 'retry':
      return new RetryableError(message, segmentStatus(outcome) as RetryableStatus)
    case 'auth':
      return outcome.authAction === 'refresh'
        ? new InvalidAuthenticationError(message, ErrorCodes.INVALID_AUTHENTICATION)
        : new IntegrationError(message, outcome.reason, 403)
    default:
      if (isSettingsProblem(outcome)) return new IntegrationError(message, INVALID_SETTINGS_CODE, 400)
      return refusedBeforeSending(outcome)
        ? new PayloadValidationError(message)
        : new IntegrationError(message, outcome.reason, segmentStatus(outcome))
  }
}

/** An error that says what happened as data too: `outcome` holds the same body a batch entry carries. */
export type OutcomeError = Error & { outcome: JSONLikeObject }

/**
 * The actions-core error for a failed event in single mode, so Segment retries, refreshes or drops it. It carries
 * the outcome body, as core errors (MicrosoftApiError, OAuthError) carry theirs, for a host that reads it.
 */
export function outcomeToError(outcome: Outcome): OutcomeError {
  return Object.assign(errorFor(outcome), { outcome: outcomeBody(outcome) })
}

/** Single mode: the body of a delivered or skipped event, or the error of a failed one. */
export function resultOrThrow(outcome: Outcome): JSONLikeObject {
  if (outcome.outcome === 'delivered' || outcome.outcome === 'skipped') return outcomeBody(outcome)
  throw outcomeToError(outcome)
}

function errorType(outcome: Outcome): keyof typeof ErrorCodes | undefined {
  // A settings problem is not the payload's: actions-core names it from its status (BAD_REQUEST).
  if (isSettingsProblem(outcome)) return undefined
  if (refusedBeforeSending(outcome)) return 'PAYLOAD_VALIDATION_FAILED'
  if (outcome.outcome === 'auth' && outcome.authAction === 'refresh') return 'INVALID_AUTHENTICATION'
  if (outcome.outcome === 'retry') return 'RETRYABLE_ERROR'
  return undefined
}

/** Microsoft's answer as an entry's `body`: JSON as it came, anything else as text. */
function asBody(answer: unknown): JSONLikeObject | string {
  if (typeof answer === 'string') return answer
  return typeof answer === 'object' && answer !== null && !Array.isArray(answer)
    ? (answer as JSONLikeObject)
    : JSON.stringify(answer)
}

/**
 * Batch mode: one entry per event, in order, as Segment documents MultiStatus: `sent` is the event's part of the
 * request Microsoft received (the record, personal data as Microsoft got it, hashed, and masked where raw) and
 * `body` Microsoft's answer about it (its PartialError or CAPI error detail, else the answer the request got). An
 * event refused before sending has neither, so actions-core blames the input, not Microsoft; a skipped event never
 * left Segment, so its `sent` is empty and its `body` says why it was skipped.
 */
export function toMultiStatus({ outcomes, sent, answers }: Delivery): MultiStatusResponse {
  const response = new MultiStatusResponse()
  outcomes.forEach((outcome, index) => {
    const item = sent[index] as JSONLikeObject | undefined
    const answer = answers[index]
    if (outcome.outcome === 'skipped') {
      response.setSuccessResponseAtIndex(index, { status: outcome.status, sent: '', body: outcomeBody(outcome) })
      return
    }
    if (outcome.outcome === 'delivered') {
      response.setSuccessResponseAtIndex(index, {
        status: outcome.status,
        sent: item ?? '',
        body: answer === undefined ? '' : asBody(answer)
      })
      return
    }
    const type = errorType(outcome)
    response.setErrorResponseAtIndex(index, {
      status: segmentStatus(outcome),
      ...(type ? { errortype: type } : {}),
      errormessage: describeOutcome(outcome),
      ...(item ? { sent: item } : {}),
      ...(answer !== undefined ? { body: asBody(answer) } : {})
    })
  })
  return response
}

/** The outcome a failed core call carries (MicrosoftApiError, OAuthError), or a retry for anything unforeseen. */
export function outcomeOfError(error: unknown): Outcome {
  const carried = (error as { outcome?: Outcome } | undefined)?.outcome
  if (carried && typeof carried === 'object' && typeof carried.outcome === 'string') return carried
  return {
    outcome: 'retry',
    reason: 'unexpected_error',
    status: 503,
    message: `Unexpected error: ${redactText(String((error as Error)?.message ?? error))}`
  }
}
