import type { CountryCode } from 'libphonenumber-js/min'
import { resolveClickId, type ClickIdSources } from './click-id'
import type { Violations } from './build-context'
import { hashEmail } from './email'
import { hashPhone } from './phone'

export interface Identity {
  clickId?: string
  hashedEmail?: string
  hashedPhone?: string
  /** An email or phone was given but withheld because ad_user_data was denied. */
  withheldForConsent: boolean
}

/** Who converted: the click id, and the hashed email and phone unless ad_user_data consent is denied. */
export function resolveIdentity(
  input: { clickId?: ClickIdSources; email?: unknown; phone?: unknown },
  adUserDataGranted: boolean,
  violations: Violations,
  defaultPhoneCountry?: CountryCode
): Identity {
  const clickId = violations.apply(resolveClickId, input.clickId, undefined, undefined)?.value
  if (!adUserDataGranted) return { clickId, withheldForConsent: !isBlank(input.email) || !isBlank(input.phone) }
  return {
    clickId,
    hashedEmail: violations.apply(hashEmail, input.email, undefined, undefined),
    hashedPhone: violations.apply(hashPhone, input.phone, defaultPhoneCountry, undefined),
    withheldForConsent: false
  }
}

export function hasIdentity(identity: Identity): boolean {
  return Boolean(identity.clickId || identity.hashedEmail || identity.hashedPhone)
}

/** The person part of a dedupe key: the click id (in lower case), else a hash. */
export function identityKey(identity: Identity): string | undefined {
  if (identity.clickId) return identity.clickId.toLowerCase()
  return identity.hashedEmail ?? identity.hashedPhone
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}
