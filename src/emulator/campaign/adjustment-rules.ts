import type { StoredGoal } from '../state/directory'
import { parseIsoTime } from '../support/time'
import { OFFLINE_MAX_AGE_MS, currencyIsValid, failure, present, type ItemFailure } from './item-checks'

/** The fields offline and online adjustments share. */
export interface AdjustmentFields {
  AdjustmentCurrencyCode?: string | null
  AdjustmentTime?: string | null
  AdjustmentType?: string | null
  AdjustmentValue?: number | null
}

export function checkAdjustmentType(item: AdjustmentFields): ItemFailure | 'Restate' | 'Retract' {
  const type = item.AdjustmentType
  return type === 'Restate' || type === 'Retract' ? type : failure(5618, 'AdjustmentType')
}

/**
 * AdjustmentTime: present (5619), ISO-8601 (5621), not in the future (5622), within 90 days (5623) and not
 * before the conversion it adjusts, when that time is known (5620).
 */
export function checkAdjustmentTime(
  item: AdjustmentFields,
  now: number,
  skewMs: number,
  conversionTime?: number
): ItemFailure | number {
  if (!present(item.AdjustmentTime)) return failure(5619, 'AdjustmentTime')
  const time = parseIsoTime(item.AdjustmentTime)
  if (time === undefined) return failure(5621, 'AdjustmentTime')
  if (time > now + skewMs) return failure(5622, 'AdjustmentTime')
  if (time < now - OFFLINE_MAX_AGE_MS) return failure(5623, 'AdjustmentTime')
  if (conversionTime !== undefined && time < conversionTime) return failure(5620, 'AdjustmentTime')
  return time
}

/**
 * Value and currency: a Retract carries no value (5624), a Restate needs one (5625) that is a finite number of
 * at least 0 (5610), in a valid currency (5611); with no currency of its own, the goal's is used, and a goal
 * without one fails with 5626. A Retract's currency is ignored, as the documentation says.
 */
export function checkAdjustmentValue(
  item: AdjustmentFields,
  type: 'Restate' | 'Retract',
  goal: StoredGoal
): ItemFailure | undefined {
  const hasValue = item.AdjustmentValue !== null && item.AdjustmentValue !== undefined
  if (type === 'Retract') return hasValue ? failure(5624, 'AdjustmentValue') : undefined
  if (!hasValue) return failure(5625, 'AdjustmentValue')
  if (!Number.isFinite(item.AdjustmentValue) || (item.AdjustmentValue as number) < 0)
    return failure(5610, 'AdjustmentValue')
  if (!currencyIsValid(item.AdjustmentCurrencyCode) || item.AdjustmentCurrencyCode === '')
    return failure(5611, 'AdjustmentCurrencyCode')
  if (!present(item.AdjustmentCurrencyCode) && !goal.revenue.currencyCode)
    return failure(5626, 'AdjustmentCurrencyCode')
  return undefined
}
