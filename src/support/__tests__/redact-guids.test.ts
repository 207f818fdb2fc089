import fc from 'fast-check'
import { forgetSecrets, registerSecret, redactText, redactValue } from '../redact'

describe('redaction keeps GUIDs, dates, times and addresses whole', () => {
  afterEach(forgetSecrets)

  it('keeps 10,000 random GUIDs intact, with or without dashes, in any case, inside a sentence', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.boolean(), fc.boolean(), (uuid, dashes, upper) => {
        const id = (dashes ? uuid : uuid.replace(/-/g, ''))[upper ? 'toUpperCase' : 'toLowerCase']()
        expect(redactText(`Microsoft refused it. TrackingId: ${id}.`)).toBe(`Microsoft refused it. TrackingId: ${id}.`)
        expect(redactValue({ trackingId: id })).toEqual({ trackingId: id })
      }),
      { numRuns: 10_000, seed: 11 }
    )
  })

  it('keeps the TrackingId the issue saw mangled, and dates, times and IPv4 addresses next to it', () => {
    const line =
      'TrackingId: 3fe58e58-42a0-4c4b-8c0a-123456789012 at 2026-11-22T10:00:05.123Z, 10:00:05, from 192.168.10.254'
    expect(redactText(line)).toBe(line)
  })

  it('still masks emails, phone numbers and registered secrets next to GUIDs', () => {
    registerSecret('s3cr3t-client-value')
    const line =
      'id 3fe58e58-42a0-4c4b-8c0a-123456789012 mail jane@example.com phone +1 (425) 555-0100, 425-555-1234, key s3cr3t-client-value'
    expect(redactText(line)).toBe(
      'id 3fe58e58-42a0-4c4b-8c0a-123456789012 mail [email] phone [phone], [phone], key [redacted]'
    )
  })
})
