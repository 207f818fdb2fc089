import type { OfflineConversionAdjustment } from '../../microsoft/models'
import type { EmulatorState } from '../state/emulator-state'
import type { Caller } from './authenticate'
import { checkAdjustmentTime, checkAdjustmentType, checkAdjustmentValue } from './adjustment-rules'
import { OFFLINE_MAX_AGE_MS, checkIdentity, failure, isFailure, present, type ItemFailure } from './item-checks'
import { parseIsoTime } from '../support/time'
import { conversionKey, type AcceptedConversion } from './offline-conversion-rules'

/**
 * ApplyOfflineConversionAdjustments item rules. The original conversion is named by goal, click id (or hash)
 * and ConversionTime; a ConversionTime older than 90 days is out of the adjustment window (5623).
 */
export function checkOfflineAdjustment(
  item: OfflineConversionAdjustment | null,
  caller: Required<Caller>,
  state: EmulatorState
): ItemFailure | AcceptedConversion {
  if (item === null) return failure(5602)
  const type = checkAdjustmentType(item)
  if (isFailure(type)) return type
  if (!present(item.ConversionName)) return failure(5605, 'ConversionName')
  const goal = state.directory.goalNamed(item.ConversionName, caller.customerId, caller.accountId, 'OfflineConversion')
  if (!goal) return failure(5606, 'ConversionName')
  const identity = checkIdentity(item)
  if (isFailure(identity)) return identity

  const now = state.now()
  const skewMs = state.options.clockSkewSeconds * 1000
  if (!present(item.ConversionTime)) return failure(5608, 'ConversionTime')
  const conversionTime = parseIsoTime(item.ConversionTime)
  if (conversionTime === undefined) return failure(5607, 'ConversionTime')
  if (conversionTime > now + skewMs) return failure(5614, 'ConversionTime')
  if (conversionTime < now - OFFLINE_MAX_AGE_MS) return failure(5623, 'ConversionTime')

  const adjustmentTime = checkAdjustmentTime(item, now, skewMs, conversionTime)
  if (isFailure(adjustmentTime)) return adjustmentTime
  const value = checkAdjustmentValue(item, type, goal)
  if (value) return value

  const original = conversionKey(item.ConversionName, identity, conversionTime)
  if (state.options.requireOriginalConversion && !state.records.offlineConversions.has(caller.accountId, original))
    return failure(5627)
  return { key: `${type}|${original}|${adjustmentTime}` }
}
