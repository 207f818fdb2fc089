import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  UnattributedReason,
  UploadChannel
} from '../../microsoft/models'
import type { StoredGoal } from '../state/directory'
import type { EmulatorState } from '../state/emulator-state'
import type { UploadEntry } from '../state/upload-ledger'
import { DAY_MS, MINUTE_MS, parseIsoTime } from '../support/time'
import { checkIdentity, isFailure, present } from './item-checks'
import { conversionKey } from './offline-conversion-rules'

/** One accepted offline item after Microsoft's processing: its goal, upload day and channel, and why it did not count. */
export interface ProcessedItem {
  goalName: string
  /** The UTC day it was received, YYYY-MM-DD. */
  day: string
  channel: UploadChannel
  /** Null when attributed. */
  reason: UnattributedReason | null
}

const MAX_LOOKBACK_MS = 90 * DAY_MS

/** The goal a conversion names, whatever its status: a paused or deleted goal is found, and is inactive. */
export function goalForName(
  state: EmulatorState,
  name: string,
  customerId: string,
  accountId: string
): StoredGoal | undefined {
  let found: StoredGoal | undefined
  for (const goal of state.directory.goals.values()) {
    if (goal.name !== name || goal.type !== 'OfflineConversion' || goal.customerId !== customerId) continue
    if (goal.scope !== 'Customer' && goal.accountId !== accountId) continue
    if (goal.status !== 'Deleted') return goal
    found ??= goal
  }
  return found
}

/**
 * Why a stored conversion is not attributed, or null. With no known clicks at all the emulator attributes every
 * click id (so that runs without a click seed behave as before); with some, a click id must be one of them, and the
 * emulator knows clicks by id only, so a conversion with hashes and no click id finds none.
 */
function conversionReason(
  state: EmulatorState,
  item: OfflineConversion,
  receivedAt: number,
  goal: StoredGoal | undefined
): UnattributedReason | null {
  if (!goal || goal.status !== 'Active') return 'GoalNotFoundOrInactive'
  const time = parseIsoTime(item.ConversionTime ?? '')
  if (time === undefined) return 'MalformedData'
  if (time > receivedAt) return 'ConversionTimeInFuture'
  if (receivedAt - time > MAX_LOOKBACK_MS) return 'ConversionTimeExceedsMaxLookback'
  if (state.directory.clicks.size === 0) return null
  if (!present(item.MicrosoftClickId)) return 'MissingMatchIdentifiers'
  const click = state.directory.click(item.MicrosoftClickId)
  if (!click) return 'NoMatchingClickFound'
  if (click.clickTime > time) return 'ClickTimestampAfterConversion'
  if (time - click.clickTime > goal.conversionWindowInMinutes * MINUTE_MS) return 'OutsideGoalLookbackWindow'
  return null
}

/** The dedupe key of the conversion an adjustment names, as the Apply rules build it. */
function originalKey(item: OfflineConversionAdjustment): string | undefined {
  const identity = checkIdentity(item)
  const time = parseIsoTime(item.ConversionTime ?? '')
  if (isFailure(identity) || time === undefined || !present(item.ConversionName)) return undefined
  return conversionKey(item.ConversionName, identity, time)
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/**
 * Microsoft's processing of what an account uploaded, replayed from the emulator's books in arrival order: every
 * offline conversion and offline adjustment that Apply or Bulk accepted (duplicates included, refused ones left
 * out), attributed or given its OfflineConversionUnattributedReason. Clicks are read as known now, so a click the
 * emulator learns after the upload (POST /__emulator/clicks) counts, as a click Microsoft logs late would.
 */
export function processUploads(state: EmulatorState, customerId: string, accountId: string): ProcessedItem[] {
  const processed: ProcessedItem[] = []
  const retracted = new Set<string>()
  const conversions = state.records.offlineConversions
  const goals = new Map<string, StoredGoal | undefined>()
  for (const entry of state.uploads.entries(accountId)) {
    if (typeof entry.result === 'object' || entry.kind === 'OnlineConversionAdjustment') continue
    const goalName = entry.goalName ?? ''
    if (!goals.has(goalName)) goals.set(goalName, goalForName(state, goalName, customerId, accountId))
    processed.push({
      goalName,
      day: dayOf(entry.receivedAt),
      channel: entry.channel,
      reason: reasonOf(entry, goals.get(goalName))
    })
  }
  return processed

  function reasonOf(entry: UploadEntry, goal: StoredGoal | undefined): UnattributedReason | null {
    if (entry.result === 'duplicate') return 'DuplicateConversionKey'
    const item = entry.item as OfflineConversion | OfflineConversionAdjustment
    if (entry.kind === 'OfflineConversion') return conversionReason(state, item, entry.receivedAt, goal)
    if (!goal || goal.status !== 'Active') return 'GoalNotFoundOrInactive'
    const original = originalKey(item)
    if (original === undefined || !conversions.has(accountId, original)) return 'AdjustmentOriginalNotFound'
    if (retracted.has(original)) return 'ConversionAlreadyRetracted'
    if ((item as OfflineConversionAdjustment).AdjustmentType === 'Retract') retracted.add(original)
    return null
  }
}
