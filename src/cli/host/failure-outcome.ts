import type { Outcome, OutcomeKind } from '../../outcome'
import { redactText } from '../../support/redact'

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
 * A failure that carries no outcome (an error nobody foresaw): the kind follows the status as Segment reads it; the
 * reason is the error's own code when it has a specific one, else ours.
 */
export function fromFailure(status: number, message: string, errorCode?: string): Outcome {
  const kind = kindOf(status)
  const specificCode = errorCode && !GENERIC_CODES.has(errorCode) ? errorCode : undefined
  const outcome: Outcome = {
    status,
    outcome: kind,
    reason: specificCode ?? fallbackReason(kind, status),
    message: redactText(message)
  }
  if (kind === 'auth') outcome.authAction = status === 401 ? 'refresh' : 'inactive'
  return outcome
}
