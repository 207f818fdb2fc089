import type { Subscription } from '../host/subscriptions'
import { Lanes } from './lanes'
import type { LaneRunners } from './lane-runners'
import type { Ledger, PendingLine } from './ledger'
import type { RecordRouter } from './record-router'
import { withRetries, type RetryPolicy } from './retry-policy'
import { TaskPool } from './task-pool'

interface LaneItem {
  pending: PendingLine
  payload: unknown
  subscription?: Subscription
}

/** What the dispatcher holds by default (input bytes of the events waiting for or in a request): 16 MiB. */
export const DEFAULT_MAX_HELD_BYTES = 16 * 2 ** 20

/**
 * Batches per lane, at most `concurrency` requests in flight and at most `maxHeldBytes` of input held (waiting in
 * lanes or in requests): the reader waits while either is full, and the heaviest lane goes early, as a smaller
 * batch, when the events waiting weigh too much. Transient outcomes are retried, each answer settled in the ledger.
 * Once halted, it sends nothing more.
 */
export class Dispatcher {
  private readonly lanes: Lanes<LaneItem>
  private readonly pool: TaskPool
  private halted = false
  resent = 0
  /** The longest wait before events are sent again, while the progress line may show it. */
  waiting?: { untilMs: number; why: string }

  constructor(
    private readonly context: {
      runners: LaneRunners
      router: RecordRouter
      ledger: Ledger
      retry: RetryPolicy
      batchSize: number
      concurrency: number
      maxHeldBytes?: number
      /** A request was answered (the watchdog's sign of life). */
      onAnswer: () => void
      /** A batch's outcomes are all in the ledger. */
      onSettled: () => void
    }
  ) {
    this.lanes = new Lanes<LaneItem>(context.batchSize)
    this.maxHeldBytes = context.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES
    this.pool = new TaskPool(context.concurrency, this.maxHeldBytes)
  }

  private readonly maxHeldBytes: number

  /** Input bytes of the events waiting for or in a request. */
  get heldBytes(): number {
    return this.lanes.bytes + this.pool.weight
  }

  get inFlight(): number {
    return this.pool.inFlight
  }

  halt(): void {
    this.halted = true
  }

  async route(line: number, record: Record<string, unknown>, bytes = 0): Promise<void> {
    const { ledger } = this.context
    const routing = this.context.router.route(line, record)
    const pending = ledger.begin({
      line,
      record: routing.record,
      source: routing.source,
      origin: routing.origin,
      remaining: 0,
      results: []
    })
    if ('finished' in routing) {
      pending.results.push(routing.finished)
      return ledger.finish(pending)
    }
    pending.remaining = routing.lanes.length
    for (const { lane, payload, subscription } of routing.lanes) {
      const full = this.lanes.add(lane, { pending, payload, subscription }, bytes)
      if (full) await this.send(lane, full)
    }
    while (this.heldBytes > this.maxHeldBytes && this.lanes.bytes > 0) {
      const [lane, heaviest] = this.lanes.takeHeaviest()!
      await this.send(lane, heaviest)
    }
  }

  async finish(): Promise<void> {
    for (const [lane, batch] of this.lanes.takeAll()) await this.send(lane, batch)
    await this.pool.drain()
  }

  private send(lane: string, { items, bytes }: { items: LaneItem[]; bytes: number }): Promise<void> {
    if (this.halted) return Promise.resolve()
    const { runners, ledger, retry, onAnswer, onSettled } = this.context
    return this.pool.submit(async () => {
      const { run, target } = runners.get(lane)
      const attempt = async (batch: LaneItem[]) => {
        // A run that has ended sends nothing more: its lines without an answer were already accounted for.
        if (this.halted) throw new Error('The run has ended.')
        const outcomes = await run(batch.map((item) => item.payload))
        onAnswer()
        return outcomes
      }
      const outcomes = await withRetries(items, attempt, retry, (count, waitMs, why) => {
        this.resent += count
        const untilMs = Date.now() + waitMs
        if (!this.waiting || this.waiting.untilMs < untilMs) this.waiting = { untilMs, why }
      })
      if (this.halted) return
      for (let index = 0; index < items.length; index++) {
        const { pending, subscription } = items[index]
        await ledger.settle(pending, { ...outcomes[index], target, ...(subscription ? { subscription } : {}) })
      }
      onSettled()
    }, bytes)
  }
}
