import type { OfflineConversion } from '../microsoft/models/offline-conversions'
import { MICROSOFT_NAMED_ERRORS } from '../microsoft/error-codes'
import { rejected, skipped, type Outcome, type OutcomeWarning } from '../outcome'
import { foreignReason } from '../reasons'
import { redactText } from '../support/redact'
import {
  buildContext,
  optionalText,
  requiredText,
  withViolations,
  type BuildContext,
  type Violations
} from './build-context'
import type { BuildResult } from './build-result'
import type { DedupeKey } from './dedupe'
import { CONSENT_REASONS, resolveConsent } from './consent'
import { CONSENT_DEFAULT } from './consent-default'
import { hasIdentity, identityIndex, identityKey, resolveIdentity, settleUnusable } from './identity'
import { fieldLabel, InputError, type FieldNames } from './input-error'
import type { OfflineConversionInput } from './inputs'
import { parseAmount, parseCurrency } from './money'
import { checkWindow, microsoftTimeOf, notYetDue, OFFLINE_MAX_AGE_DAYS, parseTime, toWholeSeconds } from './time'

export const GOAL_NAME_MAX_LENGTH = 100
export const NOT_ELIGIBLE_FOR_ENHANCED_CONVERSIONS = 'NotEligibleForEnhancedConversions'

/** A hash-only conversion to a goal whose enhanced conversions are off: Microsoft would refuse it, so it is not sent. */
function notEligibleForEnhancedConversions(goal: string, names: FieldNames | undefined): Outcome {
  const named = MICROSOFT_NAMED_ERRORS.get(NOT_ELIGIBLE_FOR_ENHANCED_CONVERSIONS)!
  return rejected(
    foreignReason(NOT_ELIGIBLE_FOR_ENHANCED_CONVERSIONS),
    `The goal "${redactText(goal)}" does not have enhanced conversions on, and this conversion has no click id, only a hashed email or phone. ${named.action}`,
    { field: fieldLabel('conversion_name', names), rule: 'enhanced_conversions' }
  )
}

function conversionTimeOf(value: unknown, nowMs: number, clockSkewMs: number | undefined): number {
  if (value === undefined || value === null) throw new InputError('conversion_time', 'required', 'is required')
  return checkWindow(toWholeSeconds(parseTime(value, 'conversion_time')), 'conversion_time', {
    nowMs,
    maxAgeDays: OFFLINE_MAX_AGE_DAYS,
    clockSkewMs
  })
}

function attributionCreditOf(value: unknown): number | undefined {
  const amount = parseAmount(value, 'external_attribution_credit')
  if (amount !== undefined && (amount <= 0 || amount > 1)) {
    throw new InputError('external_attribution_credit', 'range', 'must be greater than 0 and at most 1')
  }
  return amount
}

function offlineConversionWith(
  input: OfflineConversionInput,
  context: BuildContext,
  v: Violations
): BuildResult<OfflineConversion> {
  const { options, nowMs } = context
  const consent = resolveConsent(input.consent, options.consentDefault ?? CONSENT_DEFAULT)
  if (consent.adStorage === 'denied') {
    return {
      ok: false,
      outcome: skipped(CONSENT_REASONS.adStorageDenied, 'Skipped: ad_storage consent is denied, so nothing was sent.')
    }
  }

  const name = v.apply(requiredText, input.conversionName, 'conversion_name', GOAL_NAME_MAX_LENGTH)
  const timeMs = v.apply(conversionTimeOf, input.conversionTime, nowMs, options.clockSkewMs)
  const identity = resolveIdentity(input, consent.adUserData === 'granted', v, options.defaultPhoneCountry)
  const value = v.apply(parseAmount, input.value, 'conversion_value', undefined)
  const currency = v.apply(parseCurrency, input.currency, 'currency', undefined)
  const credit = v.apply(attributionCreditOf, input.externalAttributionCredit, undefined, undefined)
  const model = v.apply(optionalText, input.externalAttributionModel, 'external_attribution_model', undefined)
  // Allocated only when an email or phone is unusable: nearly every event has no warning.
  const warnings: OutcomeWarning[] | undefined = identity.unusable ? [] : undefined
  if (warnings) settleUnusable(identity, hasIdentity(identity), v, warnings, options.fieldNames)

  if (!v.any && !hasIdentity(identity) && !identity.unusable) {
    if (identity.withheldForConsent) {
      return {
        ok: false,
        outcome: skipped(
          CONSENT_REASONS.adUserDataDenied,
          'Skipped: ad_user_data consent is denied and there is no click id, so nothing identifies the conversion.'
        )
      }
    }
    v.add(
      'microsoft_click_id',
      'identity_required',
      'is required: an offline conversion needs a Microsoft click id, or an email or phone for enhanced conversions'
    )
  }
  if (v.any) return { ok: false, outcome: v.toOutcome(options.fieldNames) }
  if (!identity.clickId && options.goalFacts?.enhancedConversions(name!) === false)
    return { ok: false, outcome: notEligibleForEnhancedConversions(name!, options.fieldNames) }
  const held = notYetDue('conversion_time', timeMs!, nowMs, options.fieldNames)
  if (held) return { ok: false, outcome: held }

  const record: OfflineConversion = {}
  if (currency !== undefined) record.ConversionCurrencyCode = currency
  record.ConversionName = name
  record.ConversionTime = microsoftTimeOf(input.conversionTime, timeMs!)
  if (value !== undefined) record.ConversionValue = value
  if (credit !== undefined) record.ExternalAttributionCredit = credit
  if (model !== undefined) record.ExternalAttributionModel = model
  if (identity.hashedEmail) record.HashedEmailAddress = identity.hashedEmail
  if (identity.hashedPhone) record.HashedPhoneNumber = identity.hashedPhone
  if (identity.clickId) record.MicrosoftClickId = identity.clickId

  // Microsoft's DuplicateConversionKey: click id, goal name, time, both hashes. An order id is no part of it: one
  // sale split across several click ids is several conversions.
  const dedupeKeys: DedupeKey[] = [
    { kind: 'offline', id: identityKey(identity)!, index: identityIndex(identity), scope: name!, time: timeMs! }
  ]
  const result: Extract<BuildResult<OfflineConversion>, { ok: true }> = {
    ok: true,
    group: 'applyOfflineConversions',
    record,
    dedupeKeys
  }
  if (warnings?.length) result.warnings = warnings
  return result
}

/** One neutral input to one ApplyOfflineConversions item, or the outcome that explains why not. */
export function buildOfflineConversion(
  input: OfflineConversionInput,
  context: BuildContext = buildContext()
): BuildResult<OfflineConversion> {
  return withViolations(offlineConversionWith, input, context)
}
