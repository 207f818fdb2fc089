import { warningReason, type Outcome, type OutcomeKind } from '../../outcome'

export const KIND_ORDER: readonly OutcomeKind[] = ['delivered', 'skipped', 'rejected', 'retry', 'auth']

/** Counts of final outcomes by kind and reason; every input line adds exactly one. */
export class OutcomeTable {
  private readonly counts = new Map<OutcomeKind, Map<string, number>>()
  private readonly warningCounts = new Map<string, number>()
  total = 0

  add(outcome: Pick<Outcome, 'outcome' | 'reason' | 'warnings'>): void {
    for (const warning of outcome.warnings ?? []) {
      const reason = warningReason(warning)
      this.warningCounts.set(reason, (this.warningCounts.get(reason) ?? 0) + 1)
    }
    this.addCount(outcome.outcome, outcome.reason, 1)
  }

  addCount(kind: OutcomeKind, reason: string, count: number): void {
    let reasons = this.counts.get(kind)
    if (!reasons) {
      reasons = new Map()
      this.counts.set(kind, reasons)
    }
    reasons.set(reason, (reasons.get(reason) ?? 0) + count)
    this.total += count
  }

  count(kind: OutcomeKind): number {
    let sum = 0
    for (const value of this.counts.get(kind)?.values() ?? []) sum += value
    return sum
  }

  /** Rows in kind order, then by count (largest first). */
  rows(): Array<{ outcome: OutcomeKind; reason: string; events: number }> {
    return KIND_ORDER.flatMap((kind) =>
      [...(this.counts.get(kind)?.entries() ?? [])]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([reason, events]) => ({ outcome: kind, reason, events }))
    )
  }

  /** Warnings (optional fields dropped from events still sent) by reason, largest first. */
  warnings(): Record<string, number> {
    return Object.fromEntries([...this.warningCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
  }

  toJSON(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {}
    for (const kind of KIND_ORDER) {
      const reasons = this.counts.get(kind)
      if (reasons?.size) out[kind] = Object.fromEntries(reasons)
    }
    return out
  }
}

// A failure goes to the rejects file and makes the exit code non-zero; an event sent to several subscriptions ends
// with the most severe of its outcomes. Both are the core's, for every host and command alike.
export { isFailure, worstOutcome } from '../../outcome'

/** One table of the counts of several (an earlier run's and this one's). */
export function mergeOutcomes(tables: Array<Record<string, Record<string, number>>>): OutcomeTable {
  const merged = new OutcomeTable()
  for (const table of tables) {
    for (const [outcome, reasons] of Object.entries(table)) {
      for (const [reason, count] of Object.entries(reasons)) merged.addCount(outcome as never, reason, count)
    }
  }
  return merged
}
