/**
 * A host's queue of work waiting to be (re)sent: each item with its attempt count and the earliest time it may go
 * again. The waits are a host's backoff, scaled down so that a soak of 100,000 events runs in minutes: a
 * Retry-After of `s` seconds waits `s × msPerSecond` ms, no hint waits an exponential backoff, both capped.
 */
export interface RetryPolicy {
  /** Attempts per item before the host gives up on it. */
  maxAttempts: number
  /** Milliseconds waited per second of Retry-After (or of the core's retryAfterSeconds). */
  msPerSecond: number
  /** Backoff of the first retry without a hint, doubled each time. */
  baseMs: number
  capMs: number
}

export const SOAK_RETRY_POLICY: RetryPolicy = { maxAttempts: 25, msPerSecond: 10, baseMs: 5, capMs: 300 }

export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterSeconds?: number): number {
  const hinted = retryAfterSeconds === undefined ? 0 : retryAfterSeconds * policy.msPerSecond
  const exponential = policy.baseMs * 2 ** Math.max(0, attempt - 1)
  return Math.min(policy.capMs, Math.max(hinted, exponential))
}

interface Entry<T> {
  item: T
  attempts: number
  readyAt: number
}

/**
 * The queue runs on its own clock, which moves only by the waits it imposes (the caller sleeps them for real):
 * which items are ready never depends on how long a batch took, so that a soak with one batch in flight sends
 * the same requests in the same order every time, and the emulator's seeded faults fall the same way.
 */
export class RetryQueue<T> {
  private entries: Array<Entry<T>> = []
  private clock = 0
  /** Attempts of the items taken and not yet settled or put back. */
  private readonly inFlight = new Map<T, number>()

  constructor(
    items: readonly T[],
    private readonly policy: RetryPolicy
  ) {
    this.entries = items.map((item) => ({ item, attempts: 0, readyAt: 0 }))
  }

  get size(): number {
    return this.entries.length
  }

  /** Up to `max` items whose wait is over, in queue order, each counted as one more attempt. */
  take(max: number): Array<{ item: T; attempt: number }> {
    const now = this.clock
    const taken: Array<{ item: T; attempt: number }> = []
    const kept: Array<Entry<T>> = []
    for (const entry of this.entries) {
      if (taken.length < max && entry.readyAt <= now) {
        entry.attempts += 1
        taken.push({ item: entry.item, attempt: entry.attempts })
        this.inFlight.set(entry.item, entry.attempts)
      } else {
        kept.push(entry)
      }
    }
    this.entries = kept
    return taken
  }

  /** Puts an item back after a retryable failure. False when it has used all its attempts (the host gives up). */
  retry(item: T, retryAfterSeconds?: number): boolean {
    const now = this.clock
    const attempts = this.inFlight.get(item) ?? 1
    this.inFlight.delete(item)
    if (attempts >= this.policy.maxAttempts) return false
    this.entries.push({ item, attempts, readyAt: now + backoffMs(this.policy, attempts, retryAfterSeconds) })
    return true
  }

  /** The item reached a final outcome. */
  settle(item: T): void {
    this.inFlight.delete(item)
  }

  /** Milliseconds until the next item is ready (0 when one is, or when the queue is empty). */
  waitMs(): number {
    let earliest = Infinity
    for (const entry of this.entries) if (entry.readyAt < earliest) earliest = entry.readyAt
    return this.entries.length ? Math.max(0, earliest - this.clock) : 0
  }

  /** The caller waited until `waitMs()` was over: the queue's clock moves on to then (never back). */
  reach(time: number): void {
    this.clock = Math.max(this.clock, time)
  }

  get now(): number {
    return this.clock
  }
}
