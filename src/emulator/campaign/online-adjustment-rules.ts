import type { OnlineConversionAdjustment } from '../../microsoft/models'
import type { EmulatorState } from '../state/emulator-state'
import type { Caller } from './authenticate'
import { checkAdjustmentTime, checkAdjustmentType, checkAdjustmentValue } from './adjustment-rules'
import { failure, isFailure, present, type ItemFailure } from './item-checks'
import type { AcceptedConversion } from './offline-conversion-rules'

/**
 * ApplyOnlineConversionAdjustments item rules. Microsoft documents no codes of its own for this operation, so the
 * offline ones are reused: the goal may be of any type, and a missing TransactionId is 4406.
 */
export function checkOnlineAdjustment(
  item: OnlineConversionAdjustment | null,
  caller: Required<Caller>,
  state: EmulatorState
): ItemFailure | AcceptedConversion {
  if (item === null) return failure(5602)
  const type = checkAdjustmentType(item)
  if (isFailure(type)) return type
  if (!present(item.ConversionName)) return failure(5605, 'ConversionName')
  const goal = state.directory.goalNamed(item.ConversionName, caller.customerId, caller.accountId)
  if (!goal) return failure(5606, 'ConversionName')
  if (!present(item.TransactionId)) return failure(4406, 'TransactionId')

  const eventTime = state.transactions.get(item.TransactionId)
  if (state.options.requireOriginalConversion && eventTime === undefined) return failure(5627, 'TransactionId')
  const adjustmentTime = checkAdjustmentTime(item, state.now(), state.options.clockSkewSeconds * 1000, eventTime)
  if (isFailure(adjustmentTime)) return adjustmentTime
  const value = checkAdjustmentValue(item, type, goal)
  if (value) return value
  return { key: `${type}|${item.ConversionName}|${item.TransactionId}|${adjustmentTime}` }
}
