import type { Outcome, OutcomeWarning } from '../outcome'
import type { DedupeKey } from './dedupe'

/** Which request an item goes into: a Campaign Management Apply operation or the CAPI. */
export type RecordGroup =
  'applyOfflineConversions' | 'applyOfflineConversionAdjustments' | 'applyOnlineConversionAdjustments' | 'capi'

export type BuildResult<R> =
  | { ok: true; group: RecordGroup; record: R; dedupeKeys: DedupeKey[]; warnings?: OutcomeWarning[] }
  | { ok: false; outcome: Outcome }
