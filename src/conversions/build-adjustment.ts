import type {
  AdjustmentType,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../microsoft/models/offline-conversions'
import { skipped, type OutcomeWarning } from '../outcome'
import {
  buildContext,
  optionalText,
  requiredText,
  warningFor,
  withViolations,
  type BuildContext,
  type Violations
} from './build-context'
import { GOAL_NAME_MAX_LENGTH } from './build-offline'
import type { BuildResult } from './build-result'
import type { DedupeKey } from './dedupe'
import { CONSENT_REASONS, resolveConsent } from './consent'
import { CONSENT_DEFAULT } from './consent-default'
import { hasIdentity, identityKey, resolveIdentity, settleUnusable } from './identity'
import { InputError } from './input-error'
import type { AdjustmentInput } from './inputs'
import { parseAmount, parseCurrency } from './money'
import { checkWindow, notYetDue, OFFLINE_MAX_AGE_DAYS, parseTime, toMicrosoftTime, toWholeSeconds } from './time'

const TYPES: Record<string, AdjustmentType> = {
  restate: 'Restate',
  restatement: 'Restate',
  retract: 'Retract',
  retraction: 'Retract'
}

export function parseAdjustmentType(value: unknown): AdjustmentType {
  if (typeof value !== 'string' || value.trim() === '')
    throw new InputError('adjustment_type', 'required', 'is required (Restate or Retract)')
  const type = TYPES[value.trim().toLowerCase()]
  if (!type) throw new InputError('adjustment_type', 'enum', 'must be Restate or Retract')
  return type
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
}

function adjustmentWith(
  input: AdjustmentInput,
  context: BuildContext,
  v: Violations
): BuildResult<OfflineConversionAdjustment | OnlineConversionAdjustment> {
  const { options, nowMs } = context
  const consent = resolveConsent(input.consent, options.consentDefault ?? CONSENT_DEFAULT)
  if (consent.adStorage === 'denied') {
    return {
      ok: false,
      outcome: skipped(CONSENT_REASONS.adStorageDenied, 'Skipped: ad_storage consent is denied, so nothing was sent.')
    }
  }

  const warnings: OutcomeWarning[] = []
  const type = v.check(() => parseAdjustmentType(input.adjustmentType))
  const name = v.check(() => requiredText(input.conversionName, 'conversion_name', GOAL_NAME_MAX_LENGTH))
  const window = { nowMs, maxAgeDays: OFFLINE_MAX_AGE_DAYS, clockSkewMs: options.clockSkewMs }
  // A time taken from the input, never the clock: sending the same input again must be the same adjustment.
  const adjustmentMs = v.check(() => {
    if (isGiven(input.adjustmentTime))
      return checkWindow(toWholeSeconds(parseTime(input.adjustmentTime, 'adjustment_time')), 'adjustment_time', window)
    if (isGiven(input.sourceTime))
      return checkWindow(toWholeSeconds(parseTime(input.sourceTime, 'adjustment_time')), 'adjustment_time', window)
    throw new InputError(
      'adjustment_time',
      'required',
      'is required: an adjustment needs the time of the change, so that sending it again is the same adjustment'
    )
  })
  const conversionGiven = isGiven(input.conversionTime)
  const conversionMs = conversionGiven
    ? v.check(() =>
        checkWindow(toWholeSeconds(parseTime(input.conversionTime, 'conversion_time')), 'conversion_time', window)
      )
    : undefined
  const identity = resolveIdentity(input, consent.adUserData === 'granted', v, options.defaultPhoneCountry)
  const transactionId = v.check(() => optionalText(input.transactionId, 'transaction_id'))
  let value = v.check(() => parseAmount(input.adjustmentValue, 'adjustment_value'))
  let currency = v.check(() => parseCurrency(input.currency))

  if (type === 'Restate' && value === undefined && !v.errors.some((e) => e.field === 'adjustment_value')) {
    v.add('adjustment_value', 'required', 'is required for a Restate adjustment')
  }
  if (type === 'Retract' && (value !== undefined || currency !== undefined)) {
    const field = value !== undefined ? 'adjustment_value' : 'currency'
    warnings.push(
      warningFor(field, 'retract_no_value', 'was dropped: a Retract carries no value or currency', options.fieldNames)
    )
    value = undefined
    currency = undefined
  }
  if (conversionMs !== undefined && adjustmentMs !== undefined && adjustmentMs < conversionMs) {
    v.add(
      'adjustment_time',
      'after_conversion',
      `(${toMicrosoftTime(adjustmentMs)}) is earlier than {conversion_time} (${toMicrosoftTime(conversionMs)})`
    )
  }

  const offline = conversionGiven && hasIdentity(identity)
  settleUnusable(identity, hasIdentity(identity) || transactionId !== undefined, v, warnings, options.fieldNames)
  if (!v.any && !offline && !transactionId && !identity.unusable) {
    if (conversionGiven && identity.withheldForConsent) {
      return {
        ok: false,
        outcome: skipped(
          CONSENT_REASONS.adUserDataDenied,
          'Skipped: ad_user_data consent is denied and there is no click id or transaction id to identify the conversion.'
        )
      }
    }
    if (hasIdentity(identity))
      v.add(
        'conversion_time',
        'required',
        'is required to adjust an offline conversion (it identifies the original conversion)'
      )
    else
      v.add(
        'transaction_id',
        'identity_required',
        'is required: an adjustment needs transaction_id (online conversions), or conversion_time with a click id, email or phone (offline conversions)'
      )
  }
  if (v.any) return { ok: false, outcome: v.toOutcome(options.fieldNames) }
  // The adjustment time is never before the conversion time, so it is the one to wait for.
  const held = notYetDue('adjustment_time', adjustmentMs!, nowMs, options.fieldNames)
  if (held) return { ok: false, outcome: held }

  const common = {
    ...(currency !== undefined ? { AdjustmentCurrencyCode: currency } : {}),
    AdjustmentTime: toMicrosoftTime(adjustmentMs!),
    AdjustmentType: type!,
    ...(value !== undefined ? { AdjustmentValue: value } : {}),
    ConversionName: name!
  }
  const extra = warnings.length > 0 ? { warnings } : {}
  if (offline) {
    const record: OfflineConversionAdjustment = { ...common, ConversionTime: toMicrosoftTime(conversionMs!) }
    if (identity.hashedEmail) record.HashedEmailAddress = identity.hashedEmail
    if (identity.hashedPhone) record.HashedPhoneNumber = identity.hashedPhone
    if (identity.clickId) record.MicrosoftClickId = identity.clickId
    const key: DedupeKey = {
      kind: 'adjustment',
      id: identityKey(identity)!,
      scope: `${type}|${name}|${conversionMs}`,
      time: adjustmentMs!
    }
    return { ok: true, group: 'applyOfflineConversionAdjustments', record, dedupeKeys: [key], ...extra }
  }
  const record: OnlineConversionAdjustment = { ...common, TransactionId: transactionId! }
  const key: DedupeKey = {
    kind: 'online-adjustment',
    id: transactionId!,
    scope: `${type}|${name}`,
    time: adjustmentMs!
  }
  return { ok: true, group: 'applyOnlineConversionAdjustments', record, dedupeKeys: [key], ...extra }
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
