import { createHash } from 'crypto'
import { hashPhone, normalizePhone } from '../phone'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

// Microsoft wants E.164 with the `+` before hashing: the `(0)` trunk prefix written after an international
// calling code is not part of the number: `+44 (0)20 7946 0958` is `+442079460958`.
describe('phones written +CC (0)…', () => {
  const cases: [string, string][] = [
    ['+44 (0)20 7946 0958', '+442079460958'],
    ['+49 (0)30 12345678', '+493012345678'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['+61 (0)2 9374 4000', '+61293744000'],
    ['+44 020 7946 0958', '+442079460958'],
    ['+4402079460958', '+442079460958'],
    ['0044 (0)20 7946 0958', '+442079460958']
  ]

  it.each(cases)('%s hashes as %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164)
    for (const country of [undefined, 'US', 'GB'] as const) expect(hashPhone(raw, country)).toBe(sha(e164))
  })

  it('gives the hash libphonenumber gives for the GB example, not the one with the trunk 0', () => {
    expect(hashPhone('+44 (0)20 7946 0958')).toMatch(/^f0bf0228/)
    expect(hashPhone('+44 (0)20 7946 0958')).not.toBe(sha('+4402079460958'))
  })

  it('keeps the leading 0 where it belongs to the national number (Italy)', () => {
    expect(normalizePhone('+39 06 1234 5678')).toBe('+390612345678')
    expect(hashPhone('+39 06 1234 5678')).toBe(sha('+390612345678'))
  })

  it('still takes numbers that prove E.164 as written', () => {
    expect(hashPhone('+1 (202) 555-0100')).toBe(sha('+12025550100'))
    expect(hashPhone('+14255551234')).toBe('c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e')
  })
})
