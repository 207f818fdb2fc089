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
  const clickId = violations.check(() => resolveClickId(input.clickId))?.value
  const hasPii = !isBlank(input.email) || !isBlank(input.phone)
  if (!adUserDataGranted) return { clickId, withheldForConsent: hasPii }
  return {
    clickId,
    hashedEmail: violations.check(() => hashEmail(input.email)),
    hashedPhone: violations.check(() => hashPhone(input.phone, defaultPhoneCountry)),
    withheldForConsent: false
  }
}

export function hasIdentity(identity: Identity): boolean {
  return Boolean(identity.clickId || identity.hashedEmail || identity.hashedPhone)
}

/** The person part of a dedupe key: the click id, else a hash. */
export function identityKey(identity: Identity): string | undefined {
  return identity.clickId?.toLowerCase() ?? identity.hashedEmail ?? identity.hashedPhone
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}
