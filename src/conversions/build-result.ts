import type { Outcome } from '../outcome'
import type { DedupeKey } from './dedupe'

/** Which request an item goes into: a Campaign Management Apply operation or the CAPI. */
export type RecordGroup = 'applyOfflineConversions' | 'applyOfflineConversionAdjustments' | 'applyOnlineConversionAdjustments' | 'capi'

export type BuildResult<R> =
  | { ok: true; group: RecordGroup; record: R; dedupeKeys: DedupeKey[]; warnings?: string[] }
  | { ok: false; outcome: Outcome }
