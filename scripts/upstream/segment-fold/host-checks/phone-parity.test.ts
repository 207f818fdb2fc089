/**
 * Run by .ci/check-upstream.sh segment beside the export: the export's phone adapter (google-libphonenumber) must
 * read numbers as libphonenumber-js, which the core uses here, does: same E.164 number, same possible or not.
 */
import {
  getCountries as jsCountries,
  getCountryCallingCode as jsCallingCode,
  parsePhoneNumberFromString as jsParse
} from 'libphonenumber-js/min'
import type { CountryCode as JsCountry } from 'libphonenumber-js/min'
import {
  getCountries,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString
} from '../src/destinations/microsoft-advertising-conversions/core/replacements/libphonenumber'

const NUMBERS: [string, string | undefined][] = [
  ['+1 (415) 555-2671', undefined],
  ['415-555-2671', 'US'],
  ['(020) 7946 0958', 'GB'],
  ['+44 20 7946 0958', undefined],
  ['030 901820', 'DE'],
  ['+49 30 901820', 'DE'],
  ['01 23 45 67 89', 'FR'],
  ['+33 6 12 34 56 78', 'FR'],
  ['03-1234-5678', 'JP'],
  ['+81 90 1234 5678', undefined],
  ['+61 2 9876 5432', undefined],
  ['0412 345 678', 'AU'],
  ['+55 11 91234-5678', undefined],
  ['+91 98765 43210', undefined],
  ['98765 43210', 'IN'],
  ['+86 138 0013 8000', undefined],
  ['12', 'US'],
  ['+1 415', undefined],
  ['not a number', 'US'],
  ['+999 123 456 789', undefined],
  ['0044 20 7946 0958', 'GB'],
  ['+1 800 FLOWERS', undefined],
  ['555-2671', 'US'],
  ['+7 912 345-67-89', undefined],
  ['+971 50 123 4567', undefined],
  ['+44 (0)20 7946 0958', undefined],
  ['+49 (0)30 901820', undefined],
  ['+33 (0)6 12 34 56 78', undefined],
  ['+61 (0)2 9876 5432', undefined],
  ['+39 06 1234 5678', undefined]
]

describe('the export phone adapter against libphonenumber-js', () => {
  it.each(NUMBERS)('%s (default %s) parses the same', (text, country) => {
    const js = jsParse(text, country as JsCountry | undefined)
    const adapter = parsePhoneNumberFromString(text, country)
    expect(adapter ? { number: adapter.number, possible: adapter.isPossible() } : undefined).toEqual(
      js ? { number: js.number, possible: js.isPossible() } : undefined
    )
  })

  it('knows the same calling codes and countries', () => {
    expect(['US', 'GB', 'DE', 'FR', 'JP', 'IN', 'BR'].map(getCountryCallingCode)).toEqual([
      '1',
      '44',
      '49',
      '33',
      '81',
      '91',
      '55'
    ])
    expect([isSupportedCountry('US'), isSupportedCountry('ZZ'), isSupportedCountry('XX')]).toEqual([true, false, false])
  })

  it('lists countries whose calling codes are the ones libphonenumber-js knows (the fast path proves E.164 by them)', () => {
    const codes = (countries: string[], code: (country: never) => string) =>
      [...new Set(countries.map((country) => code(country as never)))].sort()
    expect(codes(getCountries(), getCountryCallingCode)).toEqual(codes(jsCountries(), jsCallingCode))
  })
})
