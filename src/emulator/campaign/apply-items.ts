import type { BatchError, UploadChannel } from '../../microsoft/models'
import type { FaultKind } from '../faults/fault-plan'
import type { EmulatorState } from '../state/emulator-state'
import type { RecordBook } from '../state/record-book'
import type { UploadKind, UploadResult } from '../state/upload-ledger'
import { batchError } from './faults'
import { isFailure, type ItemFailure } from './item-checks'
import type { AcceptedConversion } from './offline-conversion-rules'

export interface ApplyRun<T> {
  items: ReadonlyArray<T | null>
  check: (item: T | null) => ItemFailure | AcceptedConversion
  book: RecordBook<T>
  scope: string
  fault?: FaultKind
  /** Where the items came from, for the offline conversion reports (state.uploads). */
  upload?: { kind: UploadKind; channel: UploadChannel }
  /** Called for each item that was stored (not for duplicates). */
  onStored?: (item: T) => void
}

/**
 * The common core of the three Apply operations: check every item, let the `partialErrors` fault fail some of
 * the good ones with 5612 (unrecorded, so a retry is not a duplicate), store the rest in order (the first of a
 * key wins) and answer PartialErrors by index.
 */
export function applyItems<T>(state: EmulatorState, run: ApplyRun<T>): { PartialErrors: BatchError[] } {
  const errors: BatchError[] = []
  const results = new Map<number, UploadResult>()
  const accepted: Array<{ index: number; key: string }> = []
  run.items.forEach((item, index) => {
    const verdict = run.check(item)
    if (isFailure(verdict)) {
      errors.push(batchError(verdict.code, index, verdict.field, verdict.named))
      results.set(index, { code: verdict.code })
    } else accepted.push({ index, key: verdict.key })
  })

  const failed = run.fault === 'partialErrors' ? state.faults.pickItems(accepted.length) : []
  const receivedAt = new Date(state.now()).toISOString()
  accepted.forEach(({ index, key }, position) => {
    if (failed[position]) {
      errors.push(batchError(5612, index))
      results.set(index, { code: 5612 })
      return
    }
    const item = run.items[index] as T
    const stored = run.book.add(run.scope, key, item, receivedAt)
    results.set(index, stored ? 'stored' : 'duplicate')
    if (stored) run.onStored?.(item)
  })
  const upload = run.upload
  if (upload) {
    const at = Date.parse(receivedAt)
    run.items.forEach((item, index) => {
      const result = results.get(index)
      if (!result) return
      const name = (item as { ConversionName?: unknown } | null)?.ConversionName
      state.uploads.record({
        scope: run.scope,
        ...upload,
        receivedAt: at,
        goalName: typeof name === 'string' ? name : null,
        item,
        result
      })
    })
  }
  if (failed.length) errors.sort((a, b) => a.Index - b.Index)
  return { PartialErrors: errors }
}
