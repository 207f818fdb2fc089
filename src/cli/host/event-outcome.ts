import { readWarnings, type OutcomeKind, type OutcomeWarning } from '../../outcome'
import { INVALID_SETTINGS_REASON } from '../../microsoft/credential-formats'
import { plainText } from '../../support/plain-text'
import { redactText } from '../../support/redact'

/**
 * What the command line reports for each event: the destination's outcome as a plain JSON object
 * (never a secret: messages pass through redaction).
 */
export interface EventOutcome {
  status: number
  outcome: OutcomeKind
  reason: string
  message: string
  field?: string
  rule?: string
  code?: number | string
  retryAfterSeconds?: number
  trackingId?: string
  warnings?: OutcomeWarning[]
  /** For a `duplicate_in_batch` skip: the position in its batch of the event that was sent instead. */
  duplicateOf?: number
  /** For auth outcomes: refresh the token and retry, or a person must act. */
  authAction?: 'refresh' | 'inactive'
}

const KINDS = new Set<OutcomeKind>(['delivered', 'skipped', 'rejected', 'retry', 'auth'])

/** The outcome body the Segment destination puts in a result (`outcomeBody` of destinations/segment). */
export function fromOutcomeBody(status: number, body: Record<string, unknown>): EventOutcome | undefined {
  const kind = body.outcome as OutcomeKind
  if (!KINDS.has(kind) || typeof body.reason !== 'string') return undefined
  const outcome: EventOutcome = { status, outcome: kind, reason: body.reason, message: redactText(plainText(body.message) ?? '') }
  if (typeof body.field === 'string') outcome.field = body.field
  if (typeof body.rule === 'string') outcome.rule = body.rule
  if (typeof body.code === 'string' || typeof body.code === 'number') outcome.code = body.code
  if (typeof body.retryAfterSeconds === 'number') outcome.retryAfterSeconds = body.retryAfterSeconds
  if (typeof body.trackingId === 'string') outcome.trackingId = body.trackingId
  if (typeof body.duplicateOf === 'number') outcome.duplicateOf = body.duplicateOf
  const warnings = readWarnings(body.warnings, redactText)
  if (warnings.length) outcome.warnings = warnings
  if (kind === 'auth') outcome.authAction = status === 401 ? 'refresh' : 'inactive'
  return outcome
}

/** The field an actions-core schema message or a core input message names. */
function fieldOf(message: string): string | undefined {
  const ajv = /(?:missing the required field|field) '([^']+)'/.exec(message) ?? /^The value at \/([\w/]+)/.exec(message)
  if (ajv) return ajv[1].replace(/\//g, '.')
  // The core writes "<field> <rule>": email is not an email address…, conversion_time is older than 90 days….
  const leading = /^([a-z][A-Za-z0-9_.]*) (?:is|must|cannot|has|needs)\b/.exec(message)
  return leading?.[1]
}

/** `[5606 OfflineConversionNameInvalid] message TrackingId: …` as the destination words a failure. */
function codeOf(message: string): { code?: number | string; reason?: string; text: string; trackingId?: string } {
  const match = /^\[([^\]\s]+)(?: ([^\]]+))?\] (.*)$/s.exec(message)
  const tracking = /TrackingId: ([\w-]+)\.?\s*$/.exec(message)
  if (!match) return { text: message, trackingId: tracking?.[1] }
  const code = /^\d+$/.test(match[1]) ? Number(match[1]) : match[1]
  return { code, reason: match[2] ?? (typeof code === 'string' ? code : undefined), text: match[3], trackingId: tracking?.[1] }
}

/**
 * actions-core's own error codes (and INVALID_SETTINGS, Segment's convention for a bad setting), which say how
 * Segment treats an error, not why it happened.
 */
const GENERIC_CODES = new Set([
  'PAYLOAD_VALIDATION_FAILED',
  'INVALID_AUTHENTICATION',
  'RETRYABLE_ERROR',
  'OAUTH_REFRESH_FAILED',
  'REFRESH_TOKEN_EXPIRED',
  'BAD_REQUEST',
  'INVALID_SETTINGS'
])

function kindOf(status: number): OutcomeKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 429 || status === 408 || status >= 500) return 'retry'
  return 'rejected'
}

function fallbackReason(kind: OutcomeKind, status: number, message: string): string {
  if (message.startsWith('Check the destination settings')) return INVALID_SETTINGS_REASON
  if (kind === 'rejected') return 'invalid_input'
  if (kind === 'retry') return status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'timeout'
  return `http_${status}`
}

/**
 * A failure that carries no outcome body: an event refused before sending (actions-core's schema check, the
 * core's input or settings checks), or an error thrown in single mode. The kind follows the status as Segment
 * reads it; the reason is Microsoft's (from the `[code reason]` prefix), the destination's error code, or ours.
 */
export function fromFailure(status: number, message: string, errorCode?: string): EventOutcome {
  const safe = redactText(message)
  const parsed = codeOf(safe)
  const kind = kindOf(status)
  const specificCode = errorCode && !GENERIC_CODES.has(errorCode) ? errorCode : undefined
  const reason = parsed.reason ?? specificCode ?? fallbackReason(kind, status, safe)
  const outcome: EventOutcome = { status, outcome: kind, reason, message: safe }
  if (parsed.code !== undefined) outcome.code = parsed.code
  if (parsed.trackingId) outcome.trackingId = parsed.trackingId
  if (reason === 'invalid_input') {
    const field = fieldOf(parsed.text)
    if (field) outcome.field = field
  }
  if (kind === 'auth') outcome.authAction = status === 401 ? 'refresh' : 'inactive'
  return outcome
}

/** One entry of executeBatch's multistatus. */
export function fromMultiStatusNode(node: unknown): EventOutcome {
  const entry = (node ?? {}) as { status?: number; body?: unknown; errormessage?: string; errortype?: string }
  const status = typeof entry.status === 'number' ? entry.status : 500
  if (entry.body && typeof entry.body === 'object') {
    const outcome = fromOutcomeBody(status, entry.body as Record<string, unknown>)
    if (outcome) return outcome
  }
  if (status >= 200 && status < 300) return { status, outcome: 'delivered', reason: 'accepted', message: 'Accepted.' }
  return fromFailure(status, entry.errormessage ?? `HTTP ${status}`, entry.errortype)
}

/** An error thrown by perform (single mode) or by actions-core itself (schema validation). */
export function fromThrown(error: unknown): EventOutcome {
  const failure = (error ?? {}) as { status?: number; code?: string; message?: string; name?: string }
  const schemaError = failure.name === 'AggregateAjvError' || failure.name === 'ValidationError'
  const status = typeof failure.status === 'number' ? failure.status : schemaError ? 400 : 500
  return fromFailure(status, String(failure.message ?? 'Unexpected error.'), failure.code)
}

/** A core Outcome as the command line reports it. */
export function fromCoreOutcome(outcome: import('../../outcome').Outcome): EventOutcome {
  const event: EventOutcome = { status: outcome.status, outcome: outcome.outcome, reason: outcome.reason, message: redactText(outcome.message) }
  if (outcome.field !== undefined) event.field = outcome.field
  if (outcome.rule !== undefined) event.rule = outcome.rule
  if (outcome.code !== undefined) event.code = outcome.code
  if (outcome.retryAfterSeconds !== undefined) event.retryAfterSeconds = outcome.retryAfterSeconds
  if (outcome.trackingId !== undefined) event.trackingId = outcome.trackingId
  if (outcome.warnings?.length) {
    event.warnings = outcome.warnings.map((warning) => ({ ...warning, message: redactText(warning.message) }))
  }
  if (outcome.duplicateOf !== undefined) event.duplicateOf = outcome.duplicateOf
  if (outcome.authAction) event.authAction = outcome.authAction
  return event
}
