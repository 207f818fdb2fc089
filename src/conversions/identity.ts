import type { CountryCode } from 'libphonenumber-js/min'
import type { OutcomeWarning } from '../outcome'
import { resolveClickId, type ClickIdSources } from './click-id'
import { warningFor, type Violations } from './build-context'
import { hashEmail } from './email'
import { InputError, type FieldNames } from './input-error'
import { hashPhone } from './phone'

export interface Identity {
  clickId?: string
  hashedEmail?: string
  hashedPhone?: string
  /** An email or phone was given but withheld because ad_user_data was denied. */
  withheldForConsent: boolean
  /** An email or phone that was given but cannot be used, and why: dropped when another identity remains. */
  unusable?: InputError[]
}

/** The InputError that makes an email or phone unusable; anything else propagates. */
function unusableBecause(error: unknown): InputError {
  if (!(error instanceof InputError)) throw error
  return error
}

// Two functions rather than one taking a closure: this runs for every event, and closures cost an allocation each.
function hashedEmailOf(email: unknown): string | InputError | undefined {
  try {
    return hashEmail(email)
  } catch (error) {
    return unusableBecause(error)
  }
}

function hashedPhoneOf(phone: unknown, country: CountryCode | undefined): string | InputError | undefined {
  try {
    return hashPhone(phone, country)
  } catch (error) {
    return unusableBecause(error)
  }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/**
 * Who converted: the click id, and the hashed email and phone unless ad_user_data consent is denied. A click id
 * that breaks a rule is an input error; an unusable email or phone is set aside in `unusable` for `settleUnusable`.
 */
export function resolveIdentity(
  input: { clickId?: ClickIdSources; email?: unknown; phone?: unknown },
  adUserDataGranted: boolean,
  violations: Violations,
  defaultPhoneCountry?: CountryCode
): Identity {
  const clickId = violations.apply(resolveClickId, input.clickId, undefined, undefined)?.value
  if (!adUserDataGranted) return { clickId, withheldForConsent: !isBlank(input.email) || !isBlank(input.phone) }
  const email = hashedEmailOf(input.email)
  const phone = hashedPhoneOf(input.phone, defaultPhoneCountry)
  const identity: Identity = {
    clickId,
    withheldForConsent: false,
    hashedEmail: email instanceof InputError ? undefined : email,
    hashedPhone: phone instanceof InputError ? undefined : phone
  }
  if (email instanceof InputError || phone instanceof InputError)
    identity.unusable = [email, phone].filter((value): value is InputError => value instanceof InputError)
  return identity
}

/**
 * An unusable email or phone: dropped with a warning when something else still identifies the conversion
 * (`identified`), an input error otherwise, since then nothing would.
 */
export function settleUnusable(
  identity: Identity,
  identified: boolean,
  violations: Violations,
  warnings: OutcomeWarning[],
  names?: FieldNames
): void {
  for (const error of identity.unusable ?? []) {
    if (identified)
      warnings.push(
        warningFor(error.field, error.rule, `${error.detail}; it was dropped and the conversion sent without it`, names)
      )
    else violations.add(error.field, error.rule, error.detail)
  }
}

export function hasIdentity(identity: Identity): boolean {
  return Boolean(identity.clickId || identity.hashedEmail || identity.hashedPhone)
}

/**
 * The person part of Microsoft's duplicate key (DuplicateConversionKey): the click id (in lower case) and both
 * hashes as sent, or undefined when nothing identifies the conversion.
 */
export function identityKey(identity: Identity): string | undefined {
  if (!hasIdentity(identity)) return undefined
  const clickId = identity.clickId ? identity.clickId.toLowerCase() : ''
  if (identity.hashedEmail === undefined && identity.hashedPhone === undefined) return clickId
  return `${clickId}|${identity.hashedEmail ?? ''}|${identity.hashedPhone ?? ''}`
}

/** The part of `identityKey` to index duplicates by: the click id (in lower case), else the first hash. */
export function identityIndex(identity: Identity): string | undefined {
  if (identity.clickId) return identity.clickId.toLowerCase()
  return identity.hashedEmail ?? identity.hashedPhone
}
