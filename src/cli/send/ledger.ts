import type { CoreOptions } from '../../conversions/inputs'
import type { Outcome } from '../../outcome'
import type { ConversionKind, NeutralInput } from '../pipeline/conversion'
import type { Subscription } from '../host/subscriptions'
import { isFailure, isTransient, worstOutcome } from '../../outcome'
import { OutcomeTable } from './outcome-table'
import type { InputRecord } from './read-records'
import type { RejectsFile } from './rejects-file'

/** How a line was sent, kept in the rejects file so that `msads send REJECTS.jsonl` sends it the same way. */
export type LineSource = 'segment' | 'rudderstack' | 'csv'

/** Where a line's conversion went and what it was (the forward log describes it from the neutral input). */
export type TargetOutcome = Outcome & { target: string; subscription?: Subscription; sent?: SentConversion }

export interface SentConversion {
  kind: ConversionKind
  input: NeutralInput
  options: CoreOptions
  /** The item the sink's core built of the input, when the sink says it. */
  item?: object
}

/** One input line on its way: sent to one or more targets (subscriptions), finished when all have answered. */
export interface PendingLine {
  line: number
  /** The event, or, for a Segment event read from an NDJSON line, `text` (a string the collector need not trace). */
  record?: Record<string, unknown>
  /** The event's NDJSON line, kept instead of the parsed event while it is on its way (eventOf parses it again). */
  text?: string
  /** The event's messageId (the forward log's event id), when the event is kept as text. */
  messageId?: string
  source?: LineSource
  /** Where the event came from when it is a line of a rejects file sent again. */
  origin?: unknown
  remaining: number
  results: TargetOutcome[]
  done?: boolean
}

/** The line's event: as routed, or parsed again from its line (the same text gave the same object). */
export function eventOf(pending: PendingLine): Record<string, unknown> {
  return pending.record ?? (JSON.parse(pending.text ?? '{}') as Record<string, unknown>)
}

const DRY_RUN_OUTCOME: Outcome = {
  status: 200,
  outcome: 'skipped',
  reason: 'dry_run',
  message: 'Not sent: dry run (the request was printed).'
}

/** Final for a resume: nothing a rerun would change without a fix (a transient outcome is not final). */
function isFinal(outcome: Pick<Outcome, 'outcome' | 'authAction'>): boolean {
  return !isTransient(outcome)
}

/**
 * Accounts for every input line exactly once: its final outcome goes into the table, and, when it was not delivered
 * (and not skipped on purpose), into the rejects file with the line number, the reason, how it was routed and the
 * event itself. It also knows the last line up to which every outcome is final (the resume point).
 */
export class Ledger {
  readonly table = new OutcomeTable()
  /** Outcomes of the lines up to `finalThrough`. */
  readonly finalTable = new OutcomeTable()
  /** Every line up to this one has a final outcome. */
  finalThrough = 0
  private readonly open = new Map<number, PendingLine>()
  /** Lines in the order they were read, with their outcome once they have one. */
  private readonly order: Array<{ line: number; outcome?: Outcome }> = []
  private readonly waiting = new Map<number, { line: number; outcome?: Outcome }>()
  private orderStart = 0
  private blocked = false
  /**
   * Told of each line when it is finished, with every target's outcome (the forward log); a promise when the
   * caller must wait before sending more.
   */
  onFinished?: (pending: PendingLine) => Promise<void> | undefined

  constructor(
    private readonly rejects: RejectsFile,
    private readonly dryRun: boolean,
    private readonly input: string
  ) {}

  get notDelivered(): number {
    return this.rejects.count
  }

  /** Lines sent that have no outcome yet. */
  get unsettled(): number {
    return this.open.size
  }

  /** Starts a line's account; every line read must go through here (then finish, settle or unreadable). */
  begin(pending: PendingLine): PendingLine {
    this.open.set(pending.line, pending)
    this.track(pending.line)
    return pending
  }

  /**
   * Records one target's answer; the line is finished when the last of its targets has answered. A promise only
   * when there is something to wait for (the rejects file's write): a million delivered events await nothing.
   */
  settle(pending: PendingLine, outcome: TargetOutcome): Promise<void> | undefined {
    if (pending.done) return undefined
    // A literal of one is sized to it; a push onto an empty array reserves room for 17.
    if (pending.results.length) pending.results.push(outcome)
    else pending.results = [outcome]
    pending.remaining -= 1
    return pending.remaining <= 0 ? this.finish(pending) : undefined
  }

  /** Ends a line's account (see settle for what it returns). */
  finish(pending: PendingLine): Promise<void> | undefined {
    if (pending.done) return undefined
    pending.done = true
    this.open.delete(pending.line)
    let final: TargetOutcome = worstOutcome(pending.results)
    if (this.dryRun && final.outcome === 'delivered') final = { ...DRY_RUN_OUTCOME, target: final.target }
    this.table.add(final)
    this.markDone(pending.line, final)
    const logging = this.dryRun ? undefined : this.onFinished?.(pending)
    if (!isFailure(final)) return logging
    const failures = pending.results.filter(isFailure)
    const { target, subscription, sent: _sent, ...outcome } = final
    const subscriptions = failures.flatMap((failure) => (failure.subscription ? [failure.subscription] : []))
    const writing = this.rejects.write({
      line: pending.line,
      ...outcome,
      ...(target ? { target } : {}),
      ...(failures.length > 1
        ? { failures: failures.map(({ subscription: _subscription, sent: _conversion, ...rest }) => rest) }
        : {}),
      input: this.input,
      ...(pending.source ? { source: pending.source } : {}),
      ...(subscriptions.length ? { subscriptions } : {}),
      ...(pending.origin !== undefined ? { origin: pending.origin } : {}),
      event: eventOf(pending)
    })
    return logging ? Promise.all([logging, writing]).then(() => undefined) : writing
  }

  /** A line that could not be read (not JSON, a broken CSV row, bytes that are not UTF-8): rejected, kept raw. */
  async unreadable(input: Extract<InputRecord, { error: unknown }>): Promise<void> {
    const outcome: Outcome = {
      status: 400,
      outcome: 'rejected',
      reason: input.error.reason,
      message: input.error.message
    }
    this.track(input.line)
    this.table.add(outcome)
    this.markDone(input.line, outcome)
    const kept =
      input.raw !== undefined ? { raw: input.raw } : input.rawBase64 !== undefined ? { rawBase64: input.rawBase64 } : {}
    await this.rejects.write({ line: input.line, ...outcome, input: this.input, ...kept })
  }

  /**
   * Ends every line still waiting for an answer (a request that never settled, a run stopped before its batches
   * came back) as `retry`, so each is counted and in the rejects file, to be sent again.
   */
  async abandonOpen(message: string): Promise<number> {
    const open = [...this.open.values()]
    // Every line is counted even when the rejects file refuses its write; the first refusal is thrown at the end.
    let refused: { error: unknown } | undefined
    for (const pending of open) {
      pending.results = [
        { status: 504, outcome: 'retry', reason: 'not_settled', message, target: pending.results[0]?.target ?? 'none' }
      ]
      await this.finish(pending)?.catch((error: unknown) => void (refused ??= { error }))
    }
    if (refused) throw refused.error
    return open.length
  }

  private track(line: number): void {
    if (this.blocked) return // the resume point cannot move past a transient outcome any more
    const entry = { line }
    this.order.push(entry)
    this.waiting.set(line, entry)
  }

  /** Lines finish out of order (batches in flight at once); the resume point moves over those done in order. */
  private markDone(line: number, outcome: Outcome): void {
    const entry = this.waiting.get(line)
    if (!entry) return
    this.waiting.delete(line)
    entry.outcome = outcome
    this.advance()
  }

  private advance(): void {
    while (!this.blocked && this.orderStart < this.order.length) {
      const head = this.order[this.orderStart]
      if (!head.outcome) break
      if (!isFinal(head.outcome)) {
        this.blocked = true
        this.order.length = 0
        this.waiting.clear()
        return
      }
      this.finalTable.add(head.outcome)
      this.finalThrough = head.line
      this.orderStart += 1
    }
    if (this.orderStart > 4096) {
      this.order.splice(0, this.orderStart)
      this.orderStart = 0
    }
  }
}
