import type { Subscription } from '../host/subscriptions'
import type { CliMetrics } from '../metrics/cli-metrics'
import type { Conversion, Sink } from '../pipeline/conversion'
import type { ConversionLane } from '../pipeline/lane'
import type { Outcome } from '../../outcome'
import { reportedOutcome } from '../output/reported-outcome'
import { Lanes } from './lanes'
import type { Ledger, PendingLine, TargetOutcome } from './ledger'
import type { RecordRouter, Routing } from './record-router'
import { withRetries, type RetryPolicy } from './retry-policy'
import { TaskPool } from './task-pool'

interface LaneItem {
  pending: PendingLine
  lane: ConversionLane
  conversion: Conversion
  subscription?: Subscription
}

/** A batch's outcomes in the metrics, one count per kind and reason (a counter's labels are costly per event). */
function countOutcomes(
  metrics: CliMetrics | undefined,
  action: string,
  account: string | undefined,
  outcomes: Outcome[]
): void {
  if (!metrics) return
  const counts = new Map<string, { outcome: Outcome; count: number }>()
  for (const outcome of outcomes) {
    if (outcome.warnings?.length) {
      metrics.recordOutcome(action, outcome.outcome, outcome.reason, 1, account, outcome.warnings)
      continue
    }
    const key = `${outcome.outcome}\u0000${outcome.reason}`
    const entry = counts.get(key)
    if (entry) entry.count += 1
    else counts.set(key, { outcome, count: 1 })
  }
  for (const { outcome, count } of counts.values())
    metrics.recordOutcome(action, outcome.outcome, outcome.reason, count, account)
}

/** What the dispatcher holds by default (input bytes of the events waiting for or in a request): 16 MiB. */
export const DEFAULT_MAX_HELD_BYTES = 16 * 2 ** 20

/**
 * The pipeline's middle: each line routed to its neutral conversions (RecordRouter), batched per lane and handed
 * to the sink. Batches per lane, at most `concurrency` requests in flight and at most `maxHeldBytes` of input held (waiting in
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
      sink: Sink
      router: RecordRouter
      metrics?: CliMetrics
      /** The account of the metrics' labels. */
      account?: string
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

  /**
   * Routes one line. With its NDJSON `text`, a Segment event on its way keeps that one string instead of the parsed
   * event (a few objects per event fewer for the collector to trace and promote while its batch is in flight).
   */
  route(line: number, record: Record<string, unknown>, bytes = 0, text?: string): Promise<void> | undefined {
    const { ledger } = this.context
    const routing = this.context.router.route(line, record)
    const asText = text !== undefined && routing.source === 'segment' && routing.record === record
    const remaining = routing.sends.length + routing.outcomes.length
    const { source, origin } = routing
    const pending = ledger.begin(
      asText
        ? {
            line,
            text,
            messageId: typeof record.messageId === 'string' ? record.messageId : undefined,
            source,
            origin,
            remaining,
            results: []
          }
        : { line, record: routing.record, source, origin, remaining, results: [] }
    )
    if (!routing.sends.length) {
      pending.results.push(...routing.outcomes)
      return ledger.finish(pending)
    }
    if (routing.outcomes.length || routing.sends.length > 1) return this.routeAll(pending, routing, bytes)
    // The common line: one conversion that joins its lane's batch and, most of the time, waits for nothing.
    const { lane, conversion, subscription } = routing.sends[0]
    const full = this.lanes.add(lane.key, { pending, lane, conversion, subscription }, bytes)
    if (full) return this.sendThenBound(full)
    return this.overBound() ? this.bound() : undefined
  }

  /** A line with several conversions, or with outcomes before a sink: each in turn, waiting where it must. */
  private async routeAll(pending: PendingLine, routing: Routing, bytes: number): Promise<void> {
    for (const outcome of routing.outcomes) {
      const writing = this.context.ledger.settle(pending, outcome)
      if (writing) await writing
    }
    for (const { lane, conversion, subscription } of routing.sends) {
      const full = this.lanes.add(lane.key, { pending, lane, conversion, subscription }, bytes)
      if (full) await this.send(full)
    }
    await this.bound()
  }

  private async sendThenBound(full: { items: LaneItem[]; bytes: number }): Promise<void> {
    await this.send(full)
    await this.bound()
  }

  private overBound(): boolean {
    return this.heldBytes > this.maxHeldBytes && this.lanes.bytes > 0
  }

  /** Past the bound on what is held, the heaviest lane goes early as a smaller batch, until it is under the bound. */
  private async bound(): Promise<void> {
    while (this.overBound()) {
      const [, heaviest] = this.lanes.takeHeaviest()!
      await this.send(heaviest)
    }
  }

  async finish(): Promise<void> {
    for (const [, batch] of this.lanes.takeAll()) await this.send(batch)
    await this.pool.drain()
  }

  private send({ items, bytes }: { items: LaneItem[]; bytes: number }): Promise<void> {
    if (this.halted) return Promise.resolve()
    const { sink, ledger, retry, onAnswer, onSettled, metrics, account } = this.context
    const { lane } = items[0]
    const target = sink.target ?? lane.target
    return this.pool.submit(async () => {
      const attempt = async (batch: LaneItem[]) => {
        // A run that has ended sends nothing more: its lines without an answer were already accounted for.
        if (this.halted) throw new Error('The run has ended.')
        const answers = await sink.deliver(
          lane.kind,
          batch.map((item) => item.conversion),
          lane.options
        )
        onAnswer()
        countOutcomes(metrics, lane.action, account, answers)
        return answers.map((answer) => reportedOutcome(answer))
      }
      const outcomes = await withRetries(items, attempt, retry, (count, waitMs, why) => {
        this.resent += count
        const untilMs = Date.now() + waitMs
        if (!this.waiting || this.waiting.untilMs < untilMs) this.waiting = { untilMs, why }
      })
      if (this.halted) return
      for (let index = 0; index < items.length; index++) {
        const { pending, subscription, conversion } = items[index]
        const settled: TargetOutcome = subscription
          ? {
              ...outcomes[index],
              target,
              subscription,
              sent: { kind: lane.kind, input: conversion.input, options: lane.options, item: conversion.item }
            }
          : { ...outcomes[index], target }
        const writing = ledger.settle(pending, settled)
        if (writing) await writing
      }
      onSettled()
    }, bytes)
  }
}
