import {
  OfflineConversion,
  OfflineConversionSchema,
  OfflineConversionAdjustment,
  OfflineConversionAdjustmentSchema,
  OnlineConversionAdjustment,
  OnlineConversionAdjustmentSchema
} from '../../microsoft/models'
import type { FaultKind } from '../faults/fault-plan'
import type { EmulatorState } from '../state/emulator-state'
import type { EmulatorRequest, Reply } from '../server/reply'
import type { UploadKind } from '../state/upload-ledger'
import { applyItems, type ApplyRun } from './apply-items'
import type { Caller } from './authenticate'
import { okReply } from './faults'
import { checkOfflineAdjustment } from './offline-adjustment-rules'
import { checkOfflineConversion } from './offline-conversion-rules'
import { checkOnlineAdjustment } from './online-adjustment-rules'
import { applyBodyParser } from './parse-apply-body'

export interface OperationCall {
  body: string
  trackingId: string
  caller: Caller
  state: EmulatorState
  fault?: FaultKind
  /** The request itself, for answers that hold a URL of this server. */
  request?: EmulatorRequest
}

/** Microsoft documents 5600/5601 for offline conversions only; the adjustment lists reuse them. */
const parseOffline = applyBodyParser<OfflineConversion>('OfflineConversions', OfflineConversionSchema)
const parseOfflineAdjustments = applyBodyParser<OfflineConversionAdjustment>(
  'OfflineConversionAdjustments',
  OfflineConversionAdjustmentSchema
)
const parseOnlineAdjustments = applyBodyParser<OnlineConversionAdjustment>(
  'OnlineConversionAdjustments',
  OnlineConversionAdjustmentSchema
)

/** The three Apply operations need an account; authenticate() has made sure there is one. */
function accountCaller(caller: Caller): Required<Caller> {
  if (!caller.accountId) throw new Error('An Apply operation reached its handler without CustomerAccountId.')
  return caller as Required<Caller>
}

/** One Apply operation: how its body parses, how each item is checked, and where accepted items are kept. */
function applyOperation<T>(
  parse: ReturnType<typeof applyBodyParser<T>>,
  check: (item: T | null, caller: Required<Caller>, state: EmulatorState) => ReturnType<ApplyRunCheck<T>>,
  bookOf: (state: EmulatorState) => ApplyRun<T>['book'],
  kind: UploadKind
): (call: OperationCall) => Reply {
  return (call) => {
    const parsed = parse(call.body, call.trackingId)
    if (!parsed.ok) return parsed.reply
    const { state } = call
    const caller = accountCaller(call.caller)
    const answer = applyItems(state, {
      items: parsed.value,
      check: (item) => check(item, caller, state),
      book: bookOf(state),
      scope: caller.accountId,
      fault: call.fault,
      upload: { kind, channel: 'CampaignManagementAPI' }
    })
    return okReply(call.trackingId, answer)
  }
}

type ApplyRunCheck<T> = ApplyRun<T>['check']

export const applyOfflineConversions = applyOperation(
  parseOffline,
  checkOfflineConversion,
  (state) => state.records.offlineConversions,
  'OfflineConversion'
)

export const applyOfflineConversionAdjustments = applyOperation(
  parseOfflineAdjustments,
  checkOfflineAdjustment,
  (state) => state.records.offlineConversionAdjustments,
  'OfflineConversionAdjustment'
)

export const applyOnlineConversionAdjustments = applyOperation(
  parseOnlineAdjustments,
  checkOnlineAdjustment,
  (state) => state.records.onlineConversionAdjustments,
  'OnlineConversionAdjustment'
)
