import type { StateSnapshot, StoredRecord } from '../../src/emulator'
import type { Ledger } from './ledger'
import type { KillResumeReport } from './sender-path'
import {
  identityOf,
  SOAK_KINDS,
  storedAdjustmentIdentity,
  storedCapiIdentity,
  storedIdentity,
  type SoakEvent,
  type SoakKind
} from './workload'

/** One kind's account: its events, those delivered and found in the emulator's book, lost, and stored twice. */
export interface KindReport {
  sent: number
  delivered: number
  lost: number
  /** Items of the kind the emulator received again after accepting them once, and identities stored twice. */
  duplicates: number
}

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
  /** The same account per kind, each against its own book of the emulator's state. */
  kinds: Record<SoakKind, KindReport>
  /** CAPI events the emulator stored without an eventId: a resend of one would count twice. */
  capi_without_event_id: number
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
  const books = storedBooks(state)
  const report = {
    sent: events.length,
    delivered: 0,
    rejected: 0,
    rejected_reasons: {} as Record<string, number>,
    skipped: 0,
    skipped_reasons: {} as Record<string, number>,
    retried: ledger.retried,
    lost: 0,
    duplicates: 0,
    gave_up: 0,
    gave_up_reasons: {} as Record<string, number>,
    reported_twice: ledger.reportedTwice,
    stored_but_not_reported_delivered: 0
  }
  const kinds = Object.fromEntries(
    SOAK_KINDS.map((kind) => [kind, { sent: 0, delivered: 0, lost: 0, duplicates: 0 }])
  ) as Record<SoakKind, KindReport>
  // After a kill -9, the lines past the checkpoint that were already stored are sent again: Microsoft ignores them.
  const repeatsExpected = { ...(killResume?.stored_past_checkpoint_by_kind ?? {}) } as Partial<Record<SoakKind, number>>
  for (const kind of SOAK_KINDS) {
    const repeats = books[kind].repeats - (repeatsExpected[kind] ?? 0)
    let storedTwice = 0
    for (const copies of books[kind].stored.values()) storedTwice += copies - 1
    kinds[kind].duplicates = Math.max(0, repeats) + storedTwice
  }
  let unexpected = 0
  const deliveredIdentities = new Set<string>()
  for (const event of events) {
    const final = ledger.finals.get(event.index)
    const kind = kinds[event.kind]
    kind.sent++
    if (!final || final.kind === 'gave_up') {
      report.lost++
      kind.lost++
      if (final) {
        report.gave_up++
        count(report.gave_up_reasons, final.reason)
      }
      continue
    }
    if (final.kind !== event.expect) unexpected++
    if (final.kind === 'delivered') {
      const identity = `${event.kind}:${identityOf(event)}`
      deliveredIdentities.add(identity)
      if (!books[event.kind].stored.has(identityOf(event))) {
        report.lost++
        kind.lost++
      } else {
        report.delivered++
        kind.delivered++
      }
    } else if (final.kind === 'rejected') {
      report.rejected++
      count(report.rejected_reasons, final.reason)
    } else {
      report.skipped++
      count(report.skipped_reasons, final.reason)
    }
  }
  for (const kind of SOAK_KINDS)
    for (const identity of books[kind].stored.keys())
      if (!deliveredIdentities.has(`${kind}:${identity}`)) report.stored_but_not_reported_delivered++
  report.duplicates = SOAK_KINDS.reduce((n, kind) => n + kinds[kind].duplicates, 0)
  let capiWithoutId = 0
  for (const list of Object.values(
    (state.capiEvents.records ?? {}) as Record<string, Array<StoredRecord<{ eventId?: string }>>>
  ))
    for (const record of list) if (!record.item.eventId) capiWithoutId++
  return {
    ...report,
    kinds,
    capi_without_event_id: capiWithoutId,
    sums_to_input: report.delivered + report.rejected + report.skipped + report.lost === report.sent,
    outcomes_as_expected: unexpected === 0,
    requests: state.requests,
    faults_injected: state.faultsInjected,
    token_refreshes: state.tokens.refreshesIssued,
    seconds,
    ...(killResume ? { kill_resume: killResume } : {})
  }
}

interface Book {
  /** Copies stored per identity. */
  stored: Map<string, number>
  /** Items the emulator received again after storing them (and ignored, as Microsoft does). */
  repeats: number
}

function bookOf<T>(view: { records?: unknown; duplicates: number }, identity: (item: T) => string): Book {
  const stored = new Map<string, number>()
  for (const list of Object.values((view.records ?? {}) as Record<string, Array<StoredRecord<T>>>))
    for (const record of list) stored.set(identity(record.item), (stored.get(identity(record.item)) ?? 0) + 1)
  return { stored, repeats: view.duplicates }
}

/** What the emulator holds of each kind: offline conversions, adjustments (offline and online), CAPI events. */
export function storedBooks(state: StateSnapshot): Record<SoakKind, Book> {
  const offline = bookOf(state.offlineConversions, storedIdentity)
  const adjustments = bookOf(state.offlineConversionAdjustments, storedAdjustmentIdentity)
  // An online adjustment would mean the core lost the click id and time: its items count as stored, never as ours.
  const online = bookOf<{ AdjustmentType?: string; TransactionId?: string }>(
    state.onlineConversionAdjustments,
    (item) => `online|${item.AdjustmentType}|${item.TransactionId}`
  )
  for (const [identity, copies] of online.stored) adjustments.stored.set(identity, copies)
  adjustments.repeats += online.repeats
  return { conversion: offline, adjustment: adjustments, capi: bookOf(state.capiEvents, storedCapiIdentity) }
}
