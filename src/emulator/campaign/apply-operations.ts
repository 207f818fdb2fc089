import {
  ApplyOfflineConversionAdjustmentsRequest,
  ApplyOfflineConversionsRequest,
  ApplyOnlineConversionAdjustmentsRequest
} from '../../microsoft/models'
import type { FaultKind } from '../faults/fault-plan'
import type { EmulatorState } from '../state/emulator-state'
import type { Reply } from '../server/reply'
import { applyItems } from './apply-items'
import type { Caller } from './authenticate'
import { okReply } from './faults'
import { checkOfflineAdjustment } from './offline-adjustment-rules'
import { checkOfflineConversion } from './offline-conversion-rules'
import { checkOnlineAdjustment } from './online-adjustment-rules'
import { parseCampaignBody, type ListRule } from './parse-body'

export interface OperationCall {
  body: string
  trackingId: string
  caller: Caller
  state: EmulatorState
  fault?: FaultKind
}

/** Microsoft documents 5600/5601 for offline conversions only; the adjustment lists reuse them. */
function listRule(key: string): ListRule {
  return { key, max: 1000, emptyCode: 5600, tooManyCode: 5601 }
}

const offlineRequest = ApplyOfflineConversionsRequest.strict()
const offlineAdjustmentRequest = ApplyOfflineConversionAdjustmentsRequest.strict()
const onlineAdjustmentRequest = ApplyOnlineConversionAdjustmentsRequest.strict()

/** The three Apply operations need an account; authenticate() has made sure there is one. */
function accountCaller(caller: Caller): Required<Caller> {
  if (!caller.accountId) throw new Error('An Apply operation reached its handler without CustomerAccountId.')
  return caller as Required<Caller>
}

export function applyOfflineConversions(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, offlineRequest, listRule('OfflineConversions'))
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value.OfflineConversions ?? [],
    check: (item) => checkOfflineConversion(item, caller, state),
    book: state.records.offlineConversions,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}

export function applyOfflineConversionAdjustments(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, offlineAdjustmentRequest, listRule('OfflineConversionAdjustments'))
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value.OfflineConversionAdjustments ?? [],
    check: (item) => checkOfflineAdjustment(item, caller, state),
    book: state.records.offlineConversionAdjustments,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}

export function applyOnlineConversionAdjustments(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, onlineAdjustmentRequest, listRule('OnlineConversionAdjustments'))
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value.OnlineConversionAdjustments ?? [],
    check: (item) => checkOnlineAdjustment(item, caller, state),
    book: state.records.onlineConversionAdjustments,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}
