import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode
} from 'libphonenumber-js/min'
import { InputError, kindOf } from './input-error'
import { isSha256Hex, scratch, sha256Hex, sha256HexOfScratch } from './sha256'

const FORMATTING = /[\s()./\u2010-\u2015-]/g
const E164 = /^\+[1-9]\d{7,14}$/
const INTERNATIONAL_PREFIX = /^00(?=[1-9])/
// `+1`, written before a North American national number
const PLUS_ONE = [43, 49]
const callingCodes = new Map<CountryCode, string>()

function callingCodeOf(country: CountryCode): string | undefined {
  let code = callingCodes.get(country)
  if (code === undefined) {
    try {
      code = getCountryCallingCode(country)
    } catch {
      code = ''
    }
    callingCodes.set(country, code)
  }
  return code || undefined
}

// Calling codes of the numbering plans, keyed as `digits count * 1000 + code` (calling codes are prefix-free).
let callingCodeKeys: Set<number> | undefined

function knownCallingCodes(): Set<number> {
  if (callingCodeKeys === undefined) {
    callingCodeKeys = new Set()
    for (const country of getCountries()) {
      const code = getCountryCallingCode(country)
      callingCodeKeys.add(code.length * 1000 + Number(code))
    }
  }
  return callingCodeKeys
}

/**
 * Whether international digits (the character codes after the `+`) prove E.164 as written: a known calling code
 * followed by a digit other than 0. A 0 there is a trunk prefix (`+44 (0)20…`) or a national number that keeps its 0
 * (Italy): only libphonenumber knows which, so such numbers take the full parse.
 */
function provesE164(d1: number, d2: number, d3: number, d4: number): boolean {
  const codes = knownCallingCodes()
  const one = d1 - 48
  const two = one * 10 + d2 - 48
  const three = two * 10 + d3 - 48
  if (codes.has(1000 + one)) return d2 !== 48
  if (codes.has(2000 + two)) return d3 !== 48
  if (codes.has(3000 + three)) return d4 !== 48
  return false
}

/** Digits with at most a leading `+`: nothing to strip. */
function isCompact(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if ((code < 48 || code > 57) && !(code === 43 && i === 0)) return false
  }
  return text.charCodeAt(0) !== 48 || text.charCodeAt(1) !== 48
}

/**
 * A national number of the North American Numbering Plan in E.164, or undefined: ten digits whose area code and
 * exchange both start with 2-9, after an optional leading 1 (the trunk prefix).
 */
function nanpNational(digits: string): string | undefined {
  const start = digits.length === 11 && digits.charCodeAt(0) === 49 ? 1 : 0
  if (digits.length - start !== 10) return undefined
  for (let i = start; i < digits.length; i += 1) {
    const code = digits.charCodeAt(i)
    if (code < 48 || code > 57) return undefined
  }
  if (digits.charCodeAt(start) < 50 || digits.charCodeAt(start + 3) < 50) return undefined
  return `+1${start ? digits.slice(1) : digits}`
}

/**
 * E.164 with the leading `+`. Two fast paths come before full parsing: numbers already written internationally
 * that prove E.164 as written (strip the punctuation, check the shape, a known calling code not followed by a 0, no
 * `(0)`), and national numbers of the North American plan when the default
 * country uses +1. Everything else goes through libphonenumber with the default country.
 */
export function normalizePhone(raw: string, defaultCountry?: CountryCode): string {
  const compact = isCompact(raw) ? raw : raw.trim().replace(FORMATTING, '').replace(INTERNATIONAL_PREFIX, '+')
  if (
    E164.test(compact) &&
    !raw.includes('(0') &&
    provesE164(compact.charCodeAt(1), compact.charCodeAt(2), compact.charCodeAt(3), compact.charCodeAt(4))
  )
    return compact
  if (defaultCountry && callingCodeOf(defaultCountry) === '1') {
    const nanp = nanpNational(compact)
    if (nanp !== undefined) return nanp
  }
  // The compact form once it reads as international: libphonenumber does not read a 00 prefix without a country.
  const parsed = parsePhoneNumberFromString(compact.startsWith('+') ? compact : raw, defaultCountry)
  if (!parsed || !parsed.isPossible()) {
    const hint = compact.startsWith('+') || defaultCountry ? '' : ' (no country code, and no default country is set)'
    throw new InputError('phone', 'e164', `cannot be read as a phone number${hint}`)
  }
  return parsed.number
}

/**
 * `normalizePhone`'s two fast paths, written as bytes into `out` without building a string: digits with at most a
 * leading `+`, separated by spaces, brackets, dots, dashes or slashes. Returns the length of the E.164 number
 * written, or -1 for anything else (other characters, a 00 prefix, a number needing full parsing).
 */
function writePlainPhone(text: string, out: Buffer, nanpDefault: boolean): number {
  if (text.length > out.length - 2) return -1
  let length = 0
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if ((code >= 48 && code <= 57) || (code === 43 /* + */ && length === 0)) {
      // eslint-disable-next-line no-param-reassign -- out is the caller's scratch buffer this function fills
      out[length] = code
      length += 1
    }
    // space ( ) - . /
    else if (code !== 32 && code !== 40 && code !== 41 && code !== 45 && code !== 46 && code !== 47) return -1
  }
  if (out[0] === 43) {
    if (length < 9 || length > 16 || out[1] === 48 || text.includes('(0')) return -1
    return provesE164(out[1], out[2], out[3], out[4]) ? length : -1
  }
  if (length >= 2 && out[0] === 48 && out[1] === 48) return -1
  if (!nanpDefault) return -1
  const start = length === 11 && out[0] === 49 ? 1 : 0
  if (length - start !== 10 || out[start] < 50 || out[start + 3] < 50) return -1
  out.copyWithin(2, start, length)
  out.set(PLUS_ONE)
  return 12
}

/** The SHA-256 of the E.164 phone number, or the value itself when it already is a SHA-256 digest. */
export function hashPhone(raw: unknown, defaultCountry?: CountryCode): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  let text: string
  if (typeof raw === 'string') text = raw.trim()
  else if (typeof raw === 'number' && Number.isInteger(raw)) text = String(raw)
  else throw new InputError('phone', 'type', `must be a string, not ${kindOf(raw)}`)
  if (text === '') return undefined
  if (isSha256Hex(text)) return text.toLowerCase()
  const plainLength = writePlainPhone(
    text,
    scratch,
    defaultCountry !== undefined && callingCodeOf(defaultCountry) === '1'
  )
  if (plainLength > 0) return sha256HexOfScratch(plainLength)
  return sha256Hex(normalizePhone(text, defaultCountry))
}

/**
 * A host's default phone country setting (ISO 3166-1 alpha-2, any case, spaces ignored): the country, nothing
 * when the setting is blank, or the problem to show the admin.
 */
export function parsePhoneCountry(value: unknown): { country?: CountryCode; problem?: string } {
  if (value === undefined || value === null) return {}
  const code = typeof value === 'string' ? value.trim().toUpperCase() : undefined
  if (code === '') return {}
  if (code === undefined || !/^[A-Z]{2}$/.test(code) || !isSupportedCountry(code)) {
    return { problem: 'must be a two-letter country code with a phone numbering plan, such as US or GB' }
  }
  return { country: code }
}

export type { CountryCode } from 'libphonenumber-js/min'
