import type { StateSnapshot, StoredRecord } from '../../src/emulator'
import type { Ledger } from './ledger'
import type { KillResumeReport } from './sender-path'
import { identityOf, storedIdentity, type SoakEvent } from './workload'

export interface PathReport {
  sent: number
  delivered: number
  rejected: number
  rejected_reasons: Record<string, number>
  skipped: number
  skipped_reasons: Record<string, number>
  /** Events sent again after a retryable failure (one per re-send). */
  retried: number
  /** Events without a final outcome (given up after the last attempt, or never reported), and events reported
   * delivered that the emulator does not hold. */
  lost: number
  /** Items the emulator received again after accepting them once. */
  duplicates: number
  /** delivered + rejected + skipped + lost = sent. */
  sums_to_input: boolean
  /** The expected outcome kind for every event (valid delivered, spoiled rejected, denied skipped). */
  outcomes_as_expected: boolean
  gave_up: number
  gave_up_reasons: Record<string, number>
  reported_twice: number
  stored_but_not_reported_delivered: number
  requests: Record<string, Record<string, number>>
  faults_injected: Record<string, number>
  token_refreshes: number
  seconds: number
  /** The sender path's kill -9 and --resume cycle, when the soak ran one. */
  kill_resume?: KillResumeReport
}

function count(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1
}

/** The host's account of each event against what the emulator stored. */
export function reportPath(
  events: readonly SoakEvent[],
  ledger: Ledger,
  state: StateSnapshot,
  seconds: number,
  killResume?: KillResumeReport
): PathReport {
  const stored = new Map<string, number>()
  const records = (state.offlineConversions.records ?? {}) as Record<string, Array<StoredRecord<Record<string, string>>>>
  for (const list of Object.values(records)) for (const record of list) stored.set(storedIdentity(record.item), (stored.get(storedIdentity(record.item)) ?? 0) + 1)

  const report = {
    sent: events.length,
    delivered: 0,
    rejected: 0,
    rejected_reasons: {} as Record<string, number>,
    skipped: 0,
    skipped_reasons: {} as Record<string, number>,
    retried: ledger.retried,
    lost: 0,
    // After a kill -9, the lines past the checkpoint that were already stored are sent again: Microsoft ignores them.
    duplicates: Math.max(0, state.offlineConversions.duplicates - (killResume?.stored_past_checkpoint ?? 0)),
    gave_up: 0,
    gave_up_reasons: {} as Record<string, number>,
    reported_twice: ledger.reportedTwice,
    stored_but_not_reported_delivered: 0
  }
  let unexpected = 0
  const deliveredIdentities = new Set<string>()
  for (const event of events) {
    const final = ledger.finals.get(event.index)
    if (!final || final.kind === 'gave_up') {
      report.lost++
      if (final) {
        report.gave_up++
        count(report.gave_up_reasons, final.reason)
      }
      continue
    }
    if (final.kind !== event.expect) unexpected++
    if (final.kind === 'delivered') {
      const identity = identityOf(event)
      deliveredIdentities.add(identity)
      if (!stored.has(identity)) report.lost++
      else report.delivered++
    } else if (final.kind === 'rejected') {
      report.rejected++
      count(report.rejected_reasons, final.reason)
    } else {
      report.skipped++
      count(report.skipped_reasons, final.reason)
    }
  }
  for (const identity of stored.keys()) if (!deliveredIdentities.has(identity)) report.stored_but_not_reported_delivered++
  return {
    ...report,
    sums_to_input: report.delivered + report.rejected + report.skipped + report.lost === report.sent,
    outcomes_as_expected: unexpected === 0,
    requests: state.requests,
    faults_injected: state.faultsInjected,
    token_refreshes: state.tokens.refreshesIssued,
    seconds,
    ...(killResume ? { kill_resume: killResume } : {})
  }
}
