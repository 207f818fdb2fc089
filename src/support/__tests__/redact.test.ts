import { redactText, redactValue } from '../redact'

describe('redaction by shape', () => {
  it('masks emails and phone numbers however they are written', () => {
    expect(redactText('mail Jane.Doe+x@Example.org or call +1 (206) 555-0142, 0044 20 7946 0958, 425 555 0199')).toBe(
      'mail [email] or call [phone], [phone], [phone]'
    )
  })

  it('keeps dates, times and IPv4 addresses, which a log needs and which are not phone numbers', () => {
    expect(redactText('conversion_time 2026-11-21T11:34:30.000Z, at 2026-11-21 11:34, from 203.0.113.9')).toBe(
      'conversion_time 2026-11-21T11:34:30.000Z, at 2026-11-21 11:34, from 203.0.113.9'
    )
    expect(redactValue({ time: '2026-07-25T17:25:55.951Z', ip: '198.51.100.23' })).toEqual({
      time: '2026-07-25T17:25:55.951Z',
      ip: '198.51.100.23'
    })
  })

  it('still masks a phone number that follows a date or an address without a break', () => {
    expect(redactText('2026-11-21 (206) 555-0142')).not.toContain('555-0142')
    expect(redactText('203.0.113.9 +1 206 555 0142')).toBe('203.0.113.9 [phone]')
  })

  it('masks what hides in texts with few digits: bearer tokens of letters, and emails', () => {
    expect(redactText('Authorization: bearer abcDEFghiJKL')).toBe('Authorization: bearer [redacted]')
    expect(redactText('mail a@b.co now')).toBe('mail [email] now')
    expect(redactText('order-1234567 for Jane')).toBe('order-1234567 for Jane')
  })
})
