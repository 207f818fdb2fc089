import type { AdjustmentType, OfflineConversionAdjustment, OnlineConversionAdjustment } from '../microsoft/models/offline-conversions'
import { skipped } from '../outcome'
import { buildContext, optionalText, requiredText, withViolations, type BuildContext, type Violations } from './build-context'
import { GOAL_NAME_MAX_LENGTH } from './build-offline'
import type { BuildResult } from './build-result'
import type { DedupeKey } from './dedupe'
import { CONSENT_REASONS, resolveConsent } from './consent'
import { hasIdentity, identityKey, resolveIdentity } from './identity'
import { InputError } from './input-error'
import type { AdjustmentInput } from './inputs'
import { parseAmount, parseCurrency } from './money'
import { checkWindow, OFFLINE_MAX_AGE_DAYS, parseTime, toMicrosoftTime } from './time'

const MINUTE_MS = 60_000
const TYPES: Record<string, AdjustmentType> = {
  restate: 'Restate',
  restatement: 'Restate',
  retract: 'Retract',
  retraction: 'Retract'
}

export function parseAdjustmentType(value: unknown): AdjustmentType {
  if (typeof value !== 'string' || value.trim() === '') throw new InputError('adjustment_type', 'required', 'is required (Restate or Retract)')
  const type = TYPES[value.trim().toLowerCase()]
  if (!type) throw new InputError('adjustment_type', 'enum', 'must be Restate or Retract')
  return type
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
}

/**
 * One neutral adjustment to an offline adjustment (click id or hash + conversion time) or an online one
 * (transaction id), chosen by what the input carries, or the outcome that explains why not.
 */
export function buildAdjustment(
  input: AdjustmentInput,
  context: BuildContext = buildContext()
): BuildResult<OfflineConversionAdjustment | OnlineConversionAdjustment> {
  return withViolations(adjustmentWith, input, context)
}

function adjustmentWith(
  input: AdjustmentInput,
  context: BuildContext,
  v: Violations
): BuildResult<OfflineConversionAdjustment | OnlineConversionAdjustment> {
  const { options, nowMs } = context
  const consent = resolveConsent(input.consent, options.consentDefault ?? 'granted')
  if (consent.adStorage === 'denied') {
    return { ok: false, outcome: skipped(CONSENT_REASONS.adStorageDenied, 'Skipped: ad_storage consent is denied, so nothing was sent.') }
  }

  const warnings: string[] = []
  const type = v.check(() => parseAdjustmentType(input.adjustmentType))
  const name = v.check(() => requiredText(input.conversionName, 'conversion_name', GOAL_NAME_MAX_LENGTH))
  const adjustmentMs = v.check(() => {
    const ms = isGiven(input.adjustmentTime) ? parseTime(input.adjustmentTime, 'adjustment_time') : nowMs
    // The adjustment itself may be as old as the conversion it adjusts; the 90-day rule is checked on that.
    checkWindow(ms, 'adjustment_time', { nowMs, maxAgeDays: OFFLINE_MAX_AGE_DAYS, clockSkewMs: options.clockSkewMs })
    return ms
  })
  const conversionGiven = isGiven(input.conversionTime)
  const conversionMs = conversionGiven
    ? v.check(() => {
        const ms = parseTime(input.conversionTime, 'conversion_time')
        checkWindow(ms, 'conversion_time', { nowMs, maxAgeDays: OFFLINE_MAX_AGE_DAYS, clockSkewMs: options.clockSkewMs })
        return ms
      })
    : undefined
  const identity = resolveIdentity(input, consent.adUserData === 'granted', v, options.defaultPhoneCountry)
  const transactionId = v.check(() => optionalText(input.transactionId, 'transaction_id'))
  let value = v.check(() => parseAmount(input.adjustmentValue, 'adjustment_value'))
  let currency = v.check(() => parseCurrency(input.currency))

  if (type === 'Restate' && value === undefined && !v.errors.some((e) => e.field === 'adjustment_value')) {
    v.add('adjustment_value', 'required', 'is required for a Restate adjustment')
  }
  if (type === 'Retract' && (value !== undefined || currency !== undefined)) {
    warnings.push('adjustment_value and currency were dropped: a Retract carries no value')
    value = undefined
    currency = undefined
  }
  if (conversionMs !== undefined && adjustmentMs !== undefined && adjustmentMs < conversionMs) {
    v.add('adjustment_time', 'after_conversion', `(${toMicrosoftTime(adjustmentMs)}) is earlier than {conversion_time} (${toMicrosoftTime(conversionMs)})`)
  }

  const offline = conversionGiven && hasIdentity(identity)
  if (!v.any && !offline && !transactionId) {
    if (conversionGiven && identity.withheldForConsent) {
      return {
        ok: false,
        outcome: skipped(CONSENT_REASONS.adUserDataDenied, 'Skipped: ad_user_data consent is denied and there is no click id or transaction id to identify the conversion.')
      }
    }
    if (hasIdentity(identity)) v.add('conversion_time', 'required', 'is required to adjust an offline conversion (it identifies the original conversion)')
    else v.add('transaction_id', 'identity_required', 'is required: an adjustment needs transaction_id (online conversions), or conversion_time with a click id, email or phone (offline conversions)')
  }
  if (v.any) return { ok: false, outcome: v.toOutcome(options.fieldNames) }

  const adjustmentMinute = Math.floor(adjustmentMs! / MINUTE_MS)
  const common = {
    ...(currency !== undefined ? { AdjustmentCurrencyCode: currency } : {}),
    AdjustmentTime: toMicrosoftTime(adjustmentMs!),
    AdjustmentType: type!,
    ...(value !== undefined ? { AdjustmentValue: value } : {}),
    ConversionName: name!
  }
  const extra = warnings.length ? { warnings } : {}
  if (offline) {
    const record: OfflineConversionAdjustment = { ...common, ConversionTime: toMicrosoftTime(conversionMs!) }
    if (identity.hashedEmail) record.HashedEmailAddress = identity.hashedEmail
    if (identity.hashedPhone) record.HashedPhoneNumber = identity.hashedPhone
    if (identity.clickId) record.MicrosoftClickId = identity.clickId
    const key: DedupeKey = {
      kind: 'adjustment',
      id: identityKey(identity)!,
      scope: `${type}|${name}|${Math.floor(conversionMs! / MINUTE_MS)}`,
      minute: adjustmentMinute
    }
    return { ok: true, group: 'applyOfflineConversionAdjustments', record, dedupeKeys: [key], ...extra }
  }
  const record: OnlineConversionAdjustment = { ...common, TransactionId: transactionId! }
  const key: DedupeKey = { kind: 'online-adjustment', id: transactionId!, scope: `${type}|${name}`, minute: adjustmentMinute }
  return { ok: true, group: 'applyOnlineConversionAdjustments', record, dedupeKeys: [key], ...extra }
}


