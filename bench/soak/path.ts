import type { StateSnapshot } from '../../src/emulator'
import type { Outcome } from '../../src/outcome'
import type { Ledger } from './ledger'
import type { RetryPolicy, RetryQueue } from './retry-queue'
import type { SoakEvent } from './workload'

/** What every simulated host gets: the events, where Microsoft is, and how it may retry. */
export interface PathContext {
  events: SoakEvent[]
  /** Batches in flight at once. */
  concurrency: number
  policy: RetryPolicy
  /** Events per batch (at most 1,000: Microsoft's limit per Apply call). */
  batchSize: number
  /** Called after each batch with the count of events that reached a final outcome so far. */
  onProgress(settled: number): void
  /** The emulator's state now (records included). */
  emulatorState(): StateSnapshot
  /** The sender path kills its first run with SIGKILL at a point drawn from this seed, then resumes it. */
  killResume?: { seed: number }
}

export type PathRunner = (context: PathContext) => Promise<Ledger>

/** A core outcome as a host acts on it: final, or worth another attempt. */
export function settleOutcome(ledger: Ledger, queue: RetryQueue<SoakEvent>, event: SoakEvent, outcome: Outcome): void {
  switch (outcome.outcome) {
    case 'delivered':
      return ledger.settle(queue, event, 'delivered', outcome.reason)
    case 'skipped':
      return ledger.settle(queue, event, 'skipped', outcome.reason)
    case 'rejected':
      return ledger.settle(
        queue,
        event,
        'rejected',
        outcome.field ? `${outcome.reason}:${outcome.field}` : outcome.reason
      )
    case 'auth':
      if (outcome.authAction === 'inactive') return ledger.settle(queue, event, 'rejected', outcome.reason)
      return ledger.retry(queue, event, outcome.reason, outcome.retryAfterSeconds)
    case 'retry':
      return ledger.retry(queue, event, outcome.reason, outcome.retryAfterSeconds)
  }
}
