/**
 * Consent, reduced to the two signals Microsoft's rules need. Hosts read their own signals (Segment's
 * categoryPreferences, Google-style fields, RudderStack's consentManagement) and hand over the raw values.
 */
export type ConsentState = 'granted' | 'denied'

export interface ConsentSignals {
  adStorage?: unknown
  adUserData?: unknown
}

export interface ResolvedConsent {
  adStorage: ConsentState
  adUserData: ConsentState
  /** True when a value came from the event rather than the admin's default. */
  adStorageFromEvent: boolean
  adUserDataFromEvent: boolean
}

const GRANTED = new Set(['granted', 'grant', 'g', 'true', 'yes', 'y', '1', 'allow', 'allowed', 'opt_in', 'optin'])
const DENIED = new Set(['denied', 'deny', 'd', 'false', 'no', 'n', '0', 'revoked', 'opt_out', 'optout', 'disallow'])

/** Reads a consent value in any of the usual spellings; anything unrecognised is no signal. */
export function parseConsentState(value: unknown): ConsentState | undefined {
  if (value === true || value === 1) return 'granted'
  if (value === false || value === 0) return 'denied'
  if (typeof value !== 'string') return undefined
  const key = value.trim().toLowerCase()
  if (GRANTED.has(key)) return 'granted'
  if (DENIED.has(key)) return 'denied'
  return undefined
}

const DEFAULTS: Record<ConsentState, ResolvedConsent> = {
  granted: Object.freeze({
    adStorage: 'granted',
    adUserData: 'granted',
    adStorageFromEvent: false,
    adUserDataFromEvent: false
  }),
  denied: Object.freeze({
    adStorage: 'denied',
    adUserData: 'denied',
    adStorageFromEvent: false,
    adUserDataFromEvent: false
  })
}

/** Each signal falls back to the admin's default on its own. */
export function resolveConsent(signals: ConsentSignals | undefined, fallback: ConsentState): ResolvedConsent {
  if (signals === undefined || (signals.adStorage === undefined && signals.adUserData === undefined))
    return DEFAULTS[fallback]
  const adStorage = parseConsentState(signals?.adStorage)
  const adUserData = parseConsentState(signals?.adUserData)
  return {
    adStorage: adStorage ?? fallback,
    adUserData: adUserData ?? fallback,
    adStorageFromEvent: adStorage !== undefined,
    adUserDataFromEvent: adUserData !== undefined
  }
}

export const CONSENT_REASONS = {
  adStorageDenied: 'ad_storage_consent_denied',
  adUserDataDenied: 'ad_user_data_consent_denied'
} as const
