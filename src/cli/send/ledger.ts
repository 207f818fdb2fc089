import type { EventOutcome } from '../host/event-outcome'
import { OutcomeTable, isFailure, worstOutcome } from './outcome-table'
import type { InputRecord } from './read-records'
import type { RejectsFile } from './rejects-file'

/** One input line on its way: sent to one or more targets (subscriptions), finished when all have answered. */
export interface PendingLine {
  line: number
  record: Record<string, unknown>
  remaining: number
  results: Array<EventOutcome & { target: string }>
}

const DRY_RUN_OUTCOME: EventOutcome = { status: 200, outcome: 'skipped', reason: 'dry_run', message: 'Not sent: dry run (the request was printed).' }

/**
 * Accounts for every input line exactly once: its final outcome goes into the table, and, when it was not delivered
 * (and not skipped on purpose), into the rejects file with the line number, the reason and the event itself.
 */
export class Ledger {
  readonly table = new OutcomeTable()

  constructor(
    private readonly rejects: RejectsFile,
    private readonly dryRun: boolean
  ) {}

  get notDelivered(): number {
    return this.rejects.count
  }

  /** Records one target's answer; the line is finished when the last of its targets has answered. */
  async settle(pending: PendingLine, outcome: EventOutcome & { target: string }): Promise<void> {
    pending.results.push(outcome)
    pending.remaining -= 1
    if (pending.remaining <= 0) await this.finish(pending)
  }

  async finish(pending: PendingLine): Promise<void> {
    let final: EventOutcome & { target?: string } = worstOutcome(pending.results)
    if (this.dryRun && final.outcome === 'delivered') final = { ...DRY_RUN_OUTCOME, target: final.target }
    this.table.add(final)
    if (!isFailure(final)) return
    const failures = pending.results.filter(isFailure)
    const { target, ...outcome } = final
    await this.rejects.write({
      line: pending.line,
      ...outcome,
      ...(target ? { target } : {}),
      ...(failures.length > 1 ? { failures } : {}),
      event: pending.record
    })
  }

  /** A line that could not be read (not JSON, a broken CSV row): rejected, kept raw. */
  async unreadable(input: Extract<InputRecord, { error: unknown }>): Promise<void> {
    const outcome: EventOutcome = { status: 400, outcome: 'rejected', reason: input.error.reason, message: input.error.message }
    this.table.add(outcome)
    await this.rejects.write({ line: input.line, ...outcome, ...(input.raw !== undefined ? { raw: input.raw } : {}) })
  }
}
