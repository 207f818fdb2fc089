import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min'
import { InputError } from './input-error'
import { isSha256Hex, sha256Hex } from './sha256'

const FORMATTING = /[\s().\-\u00a0\u2010-\u2015/]/g
const E164 = /^\+[1-9]\d{7,14}$/
const INTERNATIONAL_PREFIX = /^00(?=[1-9])/

/**
 * E.164 with the leading `+`. Numbers already written internationally take a fast path (strip the
 * punctuation, check the shape); national numbers go through libphonenumber with the default country.
 */
export function normalizePhone(raw: string, defaultCountry?: CountryCode): string {
  const compact = raw.trim().replace(FORMATTING, '').replace(INTERNATIONAL_PREFIX, '+')
  if (E164.test(compact)) return compact
  const parsed = parsePhoneNumberFromString(raw, defaultCountry)
  if (!parsed || !parsed.isPossible()) {
    const hint = compact.startsWith('+') || defaultCountry ? '' : ' (no country code, and no default country is set)'
    throw new InputError('phone', 'e164', `cannot be read as a phone number${hint}`)
  }
  return parsed.number
}

/** The SHA-256 of the E.164 phone number, or the value itself when it already is a SHA-256 digest. */
export function hashPhone(raw: unknown, defaultCountry?: CountryCode): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  let text: string
  if (typeof raw === 'string') text = raw.trim()
  else if (typeof raw === 'number' && Number.isInteger(raw)) text = String(raw)
  else throw new InputError('phone', 'type', 'must be a string')
  if (text === '') return undefined
  if (isSha256Hex(text)) return text.toLowerCase()
  return sha256Hex(normalizePhone(text, defaultCountry))
}

export type { CountryCode }
