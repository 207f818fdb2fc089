import type { ConsentState } from './consent'

/** The values an admin may choose for the consent default, on every host. */
export const CONSENT_DEFAULT_CHOICES: readonly ConsentState[] = ['granted', 'denied']

/**
 * What a configuration without a consent default means: granted, so that a configuration saved before the setting
 * existed keeps sending as it did, as Segment's own Microsoft destination assumes (docs/setup.md explains the choice).
 */
export const CONSENT_DEFAULT: ConsentState = 'granted'

export const CONSENT_DEFAULT_PROBLEM = `must be ${CONSENT_DEFAULT_CHOICES.join(' or ')}`

export type ConsentDefaultReading =
  { consentDefault: ConsentState; problem?: undefined } | { consentDefault?: undefined; problem: string }

/**
 * A host's consent default setting: blank is the default; granted or denied in any case, spaces ignored. Any other
 * value is a problem to show the admin, never read as either choice: read as denied it would drop every event
 * without a consent signal, read as granted it would send events the admin may have meant to hold back.
 */
export function parseConsentDefault(value: unknown): ConsentDefaultReading {
  if (value === undefined || value === null) return { consentDefault: CONSENT_DEFAULT }
  const choice = typeof value === 'string' ? value.trim().toLowerCase() : undefined
  if (choice === '') return { consentDefault: CONSENT_DEFAULT }
  const known = CONSENT_DEFAULT_CHOICES.find((state) => state === choice)
  return known ? { consentDefault: known } : { problem: CONSENT_DEFAULT_PROBLEM }
}
