/**
 * What the core's phone normalisation uses of libphonenumber-js, over google-libphonenumber, the phone library
 * segmentio/action-destinations depends on. Only the Segment export contains this file (it needs that package, which
 * this repository does not install); .ci/check-upstream.sh type-checks it and compares its numbers with
 * libphonenumber-js's.
 */
import { PhoneNumberFormat, PhoneNumberUtil } from 'google-libphonenumber'

/** A region code of two capital letters (ISO 3166-1 alpha-2) that the library knows. */
export type CountryCode = string

const util = PhoneNumberUtil.getInstance()
let supported: Set<string> | undefined

/** Every region the library has a numbering plan for, as libphonenumber-js's getCountries lists them. */
export function getCountries(): CountryCode[] {
  return util.getSupportedRegions()
}

export function isSupportedCountry(code: string): boolean {
  supported ??= new Set(util.getSupportedRegions())
  return supported.has(code)
}

/** The calling code of a region ('1' for US), as libphonenumber-js returns it; throws for an unknown region. */
export function getCountryCallingCode(country: CountryCode): string {
  const code = util.getCountryCodeForRegion(country)
  if (!code) throw new Error(`Unknown country: ${country}`)
  return String(code)
}

export interface ParsedPhoneNumber {
  /** E.164, with the leading '+'. */
  number: string
  isPossible(): boolean
}

/** Letters end the number for libphonenumber-js; google-libphonenumber would read them as keypad digits. */
const FIRST_LETTER = /[A-Za-z]/

/**
 * The number parsed with the default region, or undefined when it cannot be read (libphonenumber-js's contract).
 * Possible means possible as a full number: a number diallable only locally (7 digits in the US) is not, as in
 * libphonenumber-js.
 */
export function parsePhoneNumberFromString(text: string, defaultCountry?: CountryCode): ParsedPhoneNumber | undefined {
  const letter = FIRST_LETTER.exec(text)
  try {
    const parsed = util.parse(letter ? text.slice(0, letter.index) : text, defaultCountry)
    return {
      number: util.format(parsed, PhoneNumberFormat.E164),
      isPossible: () => util.isPossibleNumberWithReason(parsed) === PhoneNumberUtil.ValidationResult.IS_POSSIBLE
    }
  } catch {
    return undefined
  }
}
