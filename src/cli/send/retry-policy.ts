import { isTransient } from '../../outcome'
import { NOT_YET_DUE_REASON } from '../../conversions/time'
import type { Outcome } from '../../outcome'

import type { RetryPolicy } from './retry-defaults'

export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-defaults'

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

/** What a wait is for, in the words of the progress line. */
function whyWaiting(outcomes: readonly Outcome[]): string {
  const throttled = outcomes.some((outcome) => outcome.status === 429)
  const count = outcomes.length.toLocaleString('en-US')
  if (outcomes.every((outcome) => outcome.reason === NOT_YET_DUE_REASON)) return `${count} held until their time is due`
  return throttled
    ? `Microsoft is throttling; ${count} to send again`
    : `${count} to send again after a transient failure`
}

/**
 * Rounds that only wait for events held until their time is due (time_not_yet_due) do not use up the retries: the
 * wait is bounded by the future-time hold bound, so this only stops a clock that never advances.
 */
const MAX_HELD_ROUNDS = 1000

/**
 * Runs a batch and sends again, a bounded number of times with backoff, the events whose outcome is transient.
 * Events held until their time is due wait in the queue for that time (without using up a retry). Events still
 * transient after the last attempt keep their outcome.
 */
export async function withRetries<T>(
  items: readonly T[],
  attempt: (items: T[]) => Promise<Outcome[]>,
  policy: RetryPolicy,
  onRetry?: (count: number, waitMs: number, why: string) => void
): Promise<Outcome[]> {
  const outcomes = await attempt([...items])
  const sleep = policy.sleep ?? defaultSleep
  let heldRounds = 0
  let round = 0
  for (;;) {
    const again = outcomes.flatMap((outcome, index) => (isTransient(outcome) ? [index] : []))
    if (!again.length) break
    const asked = Math.max(0, ...again.map((index) => outcomes[index].retryAfterSeconds ?? 0))
    let waitMs: number
    if (again.every((index) => outcomes[index].reason === NOT_YET_DUE_REASON) && heldRounds < MAX_HELD_ROUNDS) {
      heldRounds++
      waitMs = asked * 1000
    } else {
      if (round >= policy.retries) break
      round++
      waitMs = retryDelayMs(policy, round, asked)
    }
    onRetry?.(again.length, waitMs, whyWaiting(again.map((index) => outcomes[index])))
    await sleep(waitMs)
    const retried = await attempt(again.map((index) => items[index]))
    again.forEach((index, position) => (outcomes[index] = retried[position]))
  }
  return outcomes
}
