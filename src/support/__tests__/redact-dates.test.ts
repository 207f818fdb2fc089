import { redactText, redactValue } from '../redact'

describe('redaction keeps dates and masks phone numbers', () => {
  it('leaves ISO and US dates as they are', () => {
    expect(redactText('conversion_time is in the future (2026-11-25T10:00:00.000Z)')).toBe(
      'conversion_time is in the future (2026-11-25T10:00:00.000Z)'
    )
    expect(redactText('Conversion Time 11/22/2026 15:29:51')).toBe('Conversion Time 11/22/2026 15:29:51')
    expect(redactText('at 2026-11-22 15:29:51 and 22.11.2026 15:29')).toBe(
      'at 2026-11-22 15:29:51 and 22.11.2026 15:29'
    )
    expect(redactValue({ ConversionTime: '2026-11-22T15:29:51.000Z' })).toEqual({
      ConversionTime: '2026-11-22T15:29:51.000Z'
    })
  })

  it('still masks phone numbers, including ones with dashes', () => {
    expect(redactText('call 425-555-1234 or +1 (425) 555-0100')).toBe('call [phone] or [phone]')
    expect(redactText('phone +14255551234')).toBe('phone [phone]')
  })
})
