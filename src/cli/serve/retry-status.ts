import type { Outcome } from '../../outcome'

/** A retry because Microsoft throttled: HTTP 429 or 117 CallRateExceeded. */
export function isThrottled(outcome: Pick<Outcome, 'outcome' | 'status' | 'code' | 'reason'>): boolean {
  return (
    outcome.outcome === 'retry' &&
    (outcome.status === 429 ||
      outcome.code === 117 ||
      outcome.reason === 'rate_limited' ||
      outcome.reason === 'CallRateExceeded')
  )
}

export interface RetryStatus {
  status: number
  headers: Record<string, string>
}

/**
 * The HTTP status that tells a sender (Segment, RudderStack, any webhook client) what to do with a request, from
 * its events' outcomes: 429 when Microsoft throttled, 503 when any event should be sent again (retry) or waits for
 * a token (auth), both with Retry-After; 200 when every event is final (delivered, skipped or rejected, each
 * outcome in the body). Webhook senders retry only on 5xx and 429.
 */
export function retryStatus(outcomes: readonly Outcome[], defaultRetryAfterSeconds: number): RetryStatus {
  const pending = outcomes.filter((outcome) => outcome.outcome === 'retry' || outcome.outcome === 'auth')
  if (!pending.length) return { status: 200, headers: {} }
  const wait = Math.max(
    defaultRetryAfterSeconds,
    ...pending.map((outcome) => (Number.isFinite(outcome.retryAfterSeconds) ? Number(outcome.retryAfterSeconds) : 0))
  )
  const status = pending.some(isThrottled) ? 429 : 503
  return { status, headers: { 'Retry-After': String(Math.ceil(wait)) } }
}
