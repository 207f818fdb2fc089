import { parseAmount, parseCurrency } from '../money'
import { parseConsentState, resolveConsent } from '../consent'

describe('money', () => {
  it('reads finite non-negative numbers and numeric strings', () => {
    expect(parseAmount(19.99, 'conversion_value')).toBe(19.99)
    expect(parseAmount(' 42.5 ', 'conversion_value')).toBe(42.5)
    expect(parseAmount(undefined, 'conversion_value')).toBeUndefined()
  })

  it('rejects NaN, infinities, negatives and text', () => {
    expect(() => parseAmount(Number.NaN, 'conversion_value')).toThrow(
      'conversion_value: is out of range: it must be a finite number'
    )
    expect(() => parseAmount(Infinity, 'conversion_value')).toThrow(/finite/)
    expect(() => parseAmount(-1, 'conversion_value')).toThrow(/negative/)
    expect(() => parseAmount('12 dollars', 'conversion_value')).toThrow(/must be a number/)
  })

  it('accepts ISO 4217 codes in any case and rejects others', () => {
    expect(parseCurrency('usd')).toBe('USD')
    expect(parseCurrency('EUR')).toBe('EUR')
    expect(() => parseCurrency('XYZ')).toThrow(/ISO 4217/)
    expect(() => parseCurrency('dollars')).toThrow(/currency/)
  })
})

describe('consent', () => {
  it.each([
    [true, 'granted'],
    ['GRANTED', 'granted'],
    ['G', 'granted'],
    [false, 'denied'],
    ['denied', 'denied'],
    ['D', 'denied'],
    ['maybe', undefined],
    [undefined, undefined]
  ])('reads %p as %p', (value, expected) => {
    expect(parseConsentState(value)).toBe(expected)
  })

  it('falls back to the admin default per signal', () => {
    expect(resolveConsent({ adUserData: 'denied' }, 'granted')).toMatchObject({
      adStorage: 'granted',
      adUserData: 'denied',
      adStorageFromEvent: false
    })
    expect(resolveConsent(undefined, 'denied')).toMatchObject({ adStorage: 'denied', adUserData: 'denied' })
  })
})
