import type { RetryQueue } from './retry-queue'
import type { SoakEvent } from './workload'

export type FinalKind = 'delivered' | 'rejected' | 'skipped' | 'gave_up'

export interface Final {
  kind: FinalKind
  reason: string
}

/**
 * What a host knows about each event it was handed: its final outcome (exactly one), and how many times it
 * sent events again. An event reported twice, or never, is a bug the soak must show.
 */
export class Ledger {
  readonly finals = new Map<number, Final>()
  retried = 0
  reportedTwice = 0
  tokenRefreshes = 0

  /** Another ledger's events and counts (a path run in several parts). */
  add(other: Ledger): void {
    for (const [index, final] of other.finals) this.finals.set(index, final)
    this.retried += other.retried
    this.reportedTwice += other.reportedTwice
    this.tokenRefreshes += other.tokenRefreshes
  }

  settle(queue: RetryQueue<SoakEvent>, event: SoakEvent, kind: Exclude<FinalKind, 'gave_up'>, reason: string): void {
    queue.settle(event)
    if (this.finals.has(event.index)) this.reportedTwice++
    this.finals.set(event.index, { kind, reason })
  }

  /** A retryable failure: back in the queue, or given up after the last attempt. */
  retry(queue: RetryQueue<SoakEvent>, event: SoakEvent, reason: string, retryAfterSeconds?: number): void {
    if (queue.retry(event, retryAfterSeconds)) {
      this.retried++
      return
    }
    this.finals.set(event.index, { kind: 'gave_up', reason })
  }
}

/** Sleeps until the queue has an item ready. */
export async function waitForReady(queue: RetryQueue<unknown>): Promise<void> {
  const ms = queue.waitMs()
  if (ms <= 0) return
  const until = queue.now + ms
  await new Promise((resolve) => setTimeout(resolve, ms))
  queue.reach(until)
}

/** Runs `round` on `concurrency` workers until the queue is empty and no worker holds items. */
export async function drain(
  queue: RetryQueue<unknown>,
  concurrency: number,
  round: () => Promise<number>
): Promise<void> {
  let busy = 0
  const worker = async (): Promise<void> => {
    for (;;) {
      if (queue.size === 0) {
        if (busy === 0) return
        await new Promise((resolve) => setTimeout(resolve, 5))
        continue
      }
      await waitForReady(queue)
      busy++
      try {
        await round()
      } finally {
        busy--
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/** Tries `work` until it succeeds (an admin connecting the account tries again too), at most `attempts` times. */
export async function untilDone<T>(work: () => Promise<T>, attempts = 20, waitMs = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      if (attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, waitMs))
    }
  }
}
