import { readOutcome } from '../../outcome-json'
import type { Outcome, OutcomeKind } from '../../outcome'
import { redactText } from '../../support/redact'

/**
 * What the command line reports for each event: the core's outcome, with the status the host acted on and every
 * message passed through redaction (never a secret).
 */
export type EventOutcome = Outcome

function authActionFor(status: number): Outcome['authAction'] {
  return status === 401 ? 'refresh' : 'inactive'
}

/**
 * The outcome a destination put in its answer (a Segment result or status body, a RudderStack job's `outcome`),
 * with the status the host acted on; undefined when `body` holds none.
 */
export function fromOutcomeBody(status: number, body: unknown): EventOutcome | undefined {
  const outcome = readOutcome(body, { status, clean: redactText })
  if (!outcome) return undefined
  const read: EventOutcome = { ...outcome, status }
  if (read.outcome === 'auth' && !read.authAction) read.authAction = authActionFor(status)
  return read
}

/** The field an actions-core schema message names: `missing the required field 'x'`, `The value at /x/y …`. */
function schemaFieldOf(message: string): string | undefined {
  const named =
    /(?:missing the required field|field) '([^']+)'/.exec(message) ?? /^The value at \/([\w/]+)/.exec(message)
  return named?.[1].replace(/\//g, '.')
}

/** actions-core's own error codes, which say how Segment treats an error, not why it happened. */
const GENERIC_CODES = new Set([
  'PAYLOAD_VALIDATION_FAILED',
  'INVALID_AUTHENTICATION',
  'RETRYABLE_ERROR',
  'OAUTH_REFRESH_FAILED',
  'REFRESH_TOKEN_EXPIRED',
  'BAD_REQUEST'
])

function kindOf(status: number): OutcomeKind {
  if (status === 401 || status === 403) return 'auth'
  if (status === 429 || status === 408 || status >= 500) return 'retry'
  return 'rejected'
}

function fallbackReason(kind: OutcomeKind, status: number): string {
  if (kind === 'rejected') return 'invalid_input'
  if (kind === 'retry') return status === 429 ? 'rate_limited' : status >= 500 ? 'server_error' : 'timeout'
  return `http_${status}`
}

/**
 * A failure that carries no outcome: one actions-core wrote itself (its schema check, such as a required field
 * missing, never reaches the destination's code) or an error nobody foresaw. The kind follows the status as
 * Segment reads it; the reason is the error's own code when it has a specific one, else ours.
 */
export function fromFailure(status: number, message: string, errorCode?: string): EventOutcome {
  const safe = redactText(message)
  const kind = kindOf(status)
  const specificCode = errorCode && !GENERIC_CODES.has(errorCode) ? errorCode : undefined
  const reason = specificCode ?? fallbackReason(kind, status)
  const outcome: EventOutcome = { status, outcome: kind, reason, message: safe }
  if (reason === 'invalid_input') {
    const field = schemaFieldOf(safe)
    if (field) outcome.field = field
  }
  if (kind === 'auth') outcome.authAction = authActionFor(status)
  return outcome
}

/** One entry of executeBatch's multistatus. */
export function fromMultiStatusNode(node: unknown): EventOutcome {
  const entry = (node ?? {}) as { status?: number; body?: unknown; errormessage?: string; errortype?: string }
  const status = typeof entry.status === 'number' ? entry.status : 500
  const carried = fromOutcomeBody(status, entry.body)
  if (carried) return carried
  if (status >= 200 && status < 300) return { status, outcome: 'delivered', reason: 'accepted', message: 'Accepted.' }
  return fromFailure(status, entry.errormessage ?? `HTTP ${status}`, entry.errortype)
}

/** A core Outcome as the command line reports it: messages redacted, and the status the host acted on. */
export function fromCoreOutcome(outcome: Outcome, status: number = outcome.status): EventOutcome {
  const event: EventOutcome = { ...outcome, status, message: redactText(outcome.message) }
  if (outcome.warnings?.length) {
    event.warnings = outcome.warnings.map((warning) => ({ ...warning, message: redactText(warning.message) }))
  } else delete event.warnings
  return event
}
