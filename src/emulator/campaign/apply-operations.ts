import {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
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
import { applyBodyParser } from './parse-apply-body'

export interface OperationCall {
  body: string
  trackingId: string
  caller: Caller
  state: EmulatorState
  fault?: FaultKind
}

/** Microsoft documents 5600/5601 for offline conversions only; the adjustment lists reuse them. */
const parseOffline = applyBodyParser<OfflineConversion>('OfflineConversions', OfflineConversion)
const parseOfflineAdjustments = applyBodyParser<OfflineConversionAdjustment>('OfflineConversionAdjustments', OfflineConversionAdjustment)
const parseOnlineAdjustments = applyBodyParser<OnlineConversionAdjustment>('OnlineConversionAdjustments', OnlineConversionAdjustment)

/** The three Apply operations need an account; authenticate() has made sure there is one. */
function accountCaller(caller: Caller): Required<Caller> {
  if (!caller.accountId) throw new Error('An Apply operation reached its handler without CustomerAccountId.')
  return caller as Required<Caller>
}

export function applyOfflineConversions(call: OperationCall): Reply {
  const parsed = parseOffline(call.body, call.trackingId)
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value,
    check: (item) => checkOfflineConversion(item, caller, state),
    book: state.records.offlineConversions,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}

export function applyOfflineConversionAdjustments(call: OperationCall): Reply {
  const parsed = parseOfflineAdjustments(call.body, call.trackingId)
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value,
    check: (item) => checkOfflineAdjustment(item, caller, state),
    book: state.records.offlineConversionAdjustments,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}

export function applyOnlineConversionAdjustments(call: OperationCall): Reply {
  const parsed = parseOnlineAdjustments(call.body, call.trackingId)
  if (!parsed.ok) return parsed.reply
  const { state } = call
  const caller = accountCaller(call.caller)
  const answer = applyItems(state, {
    items: parsed.value,
    check: (item) => checkOnlineAdjustment(item, caller, state),
    book: state.records.onlineConversionAdjustments,
    scope: caller.accountId,
    fault: call.fault
  })
  return okReply(call.trackingId, answer)
}
