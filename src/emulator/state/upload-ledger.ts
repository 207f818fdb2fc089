import type { UploadChannel } from '../../microsoft/models'

export type UploadKind = 'OfflineConversion' | 'OfflineConversionAdjustment' | 'OnlineConversionAdjustment'

/** What Apply (or a Bulk row) answered an item: stored, ignored as a duplicate, or refused with a code. */
export type UploadResult = 'stored' | 'duplicate' | { code: number }

/** One item as it arrived, for the offline conversion reports. */
export interface UploadEntry {
  scope: string
  kind: UploadKind
  channel: UploadChannel
  receivedAt: number
  /** The goal (ConversionName) the item named, when it named one. */
  goalName: string | null
  /** The item as it came (null for a null item), for the day's detail file. */
  item: unknown
  result: UploadResult
}

/**
 * Every item the Apply operations and the Bulk service answered, in arrival order: the emulator's books of what
 * was uploaded, from which GetOfflineConversionReports and GetOfflineConversionReportByGoalIds are computed.
 */
export class UploadLedger {
  private readonly byScope = new Map<string, UploadEntry[]>()

  record(entry: UploadEntry): void {
    const list = this.byScope.get(entry.scope)
    if (list) list.push(entry)
    else this.byScope.set(entry.scope, [entry])
  }

  entries(scope: string): readonly UploadEntry[] {
    return this.byScope.get(scope) ?? []
  }
}
