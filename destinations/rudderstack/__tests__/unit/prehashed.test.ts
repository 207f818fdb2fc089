import { parseDestinationConfig } from '../../destination-config'
import type { Part } from '../../parts'
import { prehashedWarnings } from '../../prehashed'
import { baseConfig, JOHN_EMAIL_SHA256 } from '../data/common'

const hashed = parseDestinationConfig({ ...baseConfig, isHashRequired: false })
const hashing = parseDestinationConfig(baseConfig)
const offline = (email: unknown, phone: unknown): Part => ({
  kind: 'offline',
  label: 'offline conversion',
  input: { conversionName: 'Lead', conversionTime: '2026-11-22T10:00:00Z', email, phone },
  fieldNames: { email: 'traits.email', phone: 'traits.phone' }
})

describe('isHashRequired: false', () => {
  it('is on by default, and then nothing is said', () => {
    expect(hashing.isHashRequired).toBe(true)
    expect(prehashedWarnings(offline('john@contoso.com', '+14255551234'), hashing)).toEqual([])
  })

  it('says nothing about digests, blanks or absent values', () => {
    expect(prehashedWarnings(offline(` ${JOHN_EMAIL_SHA256.toUpperCase()} `, ''), hashed)).toEqual([])
    expect(prehashedWarnings(offline(undefined, null), hashed)).toEqual([])
  })

  it('names each field that is not a digest, never its value', () => {
    const warnings = prehashedWarnings(offline('john@contoso.com', 14255551234), hashed)
    expect(warnings).toEqual([
      'traits.email is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.',
      'traits.phone is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.'
    ])
    expect(warnings.join(' ')).not.toMatch(/contoso|4255551234/)
  })

  it('reads the user data of a UET Conversions API event', () => {
    const capi: Part = {
      kind: 'capi',
      label: 'UET Conversions API event',
      input: { eventType: 'custom', userData: { email: 'john@contoso.com' } },
      fieldNames: {}
    }
    expect(prehashedWarnings(capi, hashed)).toEqual([
      'email is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.'
    ])
  })
})
