import type { EventOutcome } from '../host/event-outcome'

export interface RetryPolicy {
  /** Attempts after the first for events whose outcome is `retry`. */
  retries: number
  /** First wait; it doubles at each attempt. */
  baseDelayMs: number
  /** No wait is longer, even when Microsoft asks for more (retryAfterSeconds). */
  maxDelayMs: number
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 60_000 }

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The wait before attempt `attempt` (1-based retry number): exponential with jitter, at least what Microsoft asked for, capped. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | undefined,
  random: () => number = Math.random
): number {
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1)
  const jittered = exponential * (0.75 + random() * 0.5)
  const asked = (retryAfterSeconds ?? 0) * 1000
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, asked)))
}

/**
 * Transient: a `retry` outcome, or a token refused again right after the host refreshed it (`auth`, refresh):
 * the next attempt gets a fresh token, as Segment and rudder-server refresh and retry. An account a person must
 * fix (`auth`, inactive) is final.
 */
function isTransient(outcome: EventOutcome): boolean {
  return outcome.outcome === 'retry' || (outcome.outcome === 'auth' && outcome.authAction === 'refresh')
}

/** What a wait is for, in the words of the progress line. */
function whyWaiting(outcomes: readonly EventOutcome[]): string {
  const throttled = outcomes.some((outcome) => outcome.status === 429)
  const count = outcomes.length.toLocaleString('en-US')
  return throttled
    ? `Microsoft is throttling; ${count} to send again`
    : `${count} to send again after a transient failure`
}

/**
 * Runs a batch and sends again, a bounded number of times with backoff, the events whose outcome is transient.
 * Events still transient after the last attempt keep their outcome.
 */
export async function withRetries<T>(
  items: readonly T[],
  attempt: (items: T[]) => Promise<EventOutcome[]>,
  policy: RetryPolicy,
  onRetry?: (count: number, waitMs: number, why: string) => void
): Promise<EventOutcome[]> {
  const outcomes = await attempt([...items])
  const sleep = policy.sleep ?? defaultSleep
  for (let round = 1; round <= policy.retries; round++) {
    const again = outcomes.flatMap((outcome, index) => (isTransient(outcome) ? [index] : []))
    if (!again.length) break
    const asked = Math.max(0, ...again.map((index) => outcomes[index].retryAfterSeconds ?? 0))
    const waitMs = retryDelayMs(policy, round, asked)
    onRetry?.(again.length, waitMs, whyWaiting(again.map((index) => outcomes[index])))
    await sleep(waitMs)
    const retried = await attempt(again.map((index) => items[index]))
    again.forEach((index, position) => (outcomes[index] = retried[position]))
  }
  return outcomes
}
