import type { OfflineConversion } from '../../microsoft/models'
import { MINUTE_MS } from '../support/time'
import type { EmulatorState } from '../state/emulator-state'
import type { Caller } from './authenticate'
import {
  checkIdentity,
  checkTime,
  currencyIsValid,
  failure,
  isFailure,
  namedFailure,
  present,
  valueIsValid,
  type ItemFailure
} from './item-checks'

export interface AcceptedConversion {
  key: string
}

/** The dedupe key of an offline conversion: goal name, who (click id or hash) and the conversion time. */
export function conversionKey(name: string, identity: string, time: number): string {
  return `${name}|${identity}|${time}`
}

/**
 * Microsoft's item rules for ApplyOfflineConversions, first failure wins. Readiness (5615) comes after the
 * permanent rules, so that an item is never retried only to be refused later for a fixable reason.
 */
export function checkOfflineConversion(
  item: OfflineConversion | null,
  caller: Required<Caller>,
  state: EmulatorState
): ItemFailure | AcceptedConversion {
  if (item === null) return failure(5602)
  const customer = state.directory.customers.get(caller.customerId)
  if (customer && !customer.offlineConversionsEnabled) return failure(5613)
  if (!present(item.ConversionName)) return failure(5605, 'ConversionName')
  const goal = state.directory.goalNamed(item.ConversionName, caller.customerId, caller.accountId, 'OfflineConversion')
  if (!goal) return failure(5606, 'ConversionName')

  const identity = checkIdentity(item)
  if (isFailure(identity)) return identity
  // Enhanced conversions (a hash without a click id) need the goal's flag on (hlp_BA_CONC_UET_EnhancedConversions).
  if (!present(item.MicrosoftClickId) && goal.isEnhancedConversionsEnabled === false)
    return namedFailure('NotEligibleForEnhancedConversions', 'ConversionName')
  const now = state.now()
  const time = checkTime(
    item.ConversionTime,
    'ConversionTime',
    { missing: 5608, invalid: 5607, tooOld: 5607, future: 5614 },
    now,
    state.options.clockSkewSeconds * 1000
  )
  if (isFailure(time)) return time
  if (!valueIsValid(item.ConversionValue)) return failure(5610, 'ConversionValue')
  if (!currencyIsValid(item.ConversionCurrencyCode)) return failure(5611, 'ConversionCurrencyCode')

  const credit = item.ExternalAttributionCredit
  const model = item.ExternalAttributionModel
  if ((credit !== null && credit !== undefined) || present(model)) {
    if (!goal.isExternallyAttributed)
      return namedFailure(
        'GoalNotEligibleForExternalAttribution',
        credit !== null && credit !== undefined ? 'ExternalAttributionCredit' : 'ExternalAttributionModel'
      )
    if (credit !== null && credit !== undefined && !(credit > 0 && credit <= 1))
      return failure(4405, 'ExternalAttributionCredit')
  }

  if (goal.createdAt > now - state.options.goalReadyAfterMinutes * MINUTE_MS) return failure(5615, 'ConversionName')
  if (present(item.MicrosoftClickId)) {
    const click = state.directory.click(item.MicrosoftClickId)
    if (click && time < click.clickTime) return failure(5616, 'ConversionTime')
    if (click && time - click.clickTime > goal.conversionWindowInMinutes * MINUTE_MS)
      return failure(5617, 'MicrosoftClickId')
  }
  return { key: conversionKey(item.ConversionName, identity, time) }
}
