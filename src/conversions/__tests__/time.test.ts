import {
  checkWindow,
  DAY_MS,
  FUTURE_HOLD_BOUND_MS,
  microsoftTimeOf,
  notYetDue,
  parseTime,
  toMicrosoftTime,
  toWholeSeconds
} from '../time'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)

describe('time parsing', () => {
  it.each([
    ['2026-11-20T10:00:00+02:00', '2026-11-20T08:00:00.000Z'],
    ['2026-11-20T10:00:00-05:30', '2026-11-20T15:30:00.000Z'],
    ['2026-11-20T10:00:00Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00.123456+0100', '2026-11-20T09:00:00.123Z'],
    ['2026-11-20 10:00:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['11/20/2026 10:05:00 PM', '2026-11-20T22:05:00.000Z'],
    ['11/20/2026 12:05:00 AM', '2026-11-20T00:05:00.000Z'],
    ['Fri, 20 Nov 2026 10:00:00 GMT', '2026-11-20T10:00:00.000Z']
  ])('converts %s to UTC with Z', (input, expected) => {
    expect(toMicrosoftTime(parseTime(input, 'conversion_time'))).toBe(expected)
  })

  it('reads epoch seconds and milliseconds, as numbers or numeric strings', () => {
    const ms = Date.UTC(2026, 10, 20, 10, 0, 0)
    expect(parseTime(ms / 1000, 'conversion_time')).toBe(ms)
    expect(parseTime(ms, 'conversion_time')).toBe(ms)
    expect(parseTime(String(ms / 1000), 'conversion_time')).toBe(ms)
    expect(parseTime(new Date(ms), 'conversion_time')).toBe(ms)
  })

  it('rejects impossible dates and unreadable strings, naming the field', () => {
    expect(() => parseTime('2026-02-30T10:00:00Z', 'conversion_time')).toThrow(/conversion_time: is not a valid date/)
    expect(() => parseTime('yesterday', 'event_time')).toThrow('event_time: is not a date and time (write ISO-8601')
    expect(() => parseTime({}, 'conversion_time')).toThrow(
      'conversion_time: must be a date-time string or epoch number, not an object'
    )
    expect(() => parseTime([1], 'conversion_time')).toThrow(
      'conversion_time: must be a date-time string or epoch number, not a list'
    )
  })

  it('reads the year as written: 0000-01-01 is year 0, never silently 1900', () => {
    expect(toMicrosoftTime(parseTime('0000-01-01', 'conversion_time'))).toBe('0000-01-01T00:00:00.000Z')
    expect(toMicrosoftTime(parseTime('0099-12-31T23:59:59Z', 'conversion_time'))).toBe('0099-12-31T23:59:59.000Z')
    expect(() =>
      checkWindow(parseTime('0000-01-01', 'conversion_time'), 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })
    ).toThrow('conversion_time: is older than 90 days (0000-01-01T00:00:00.000Z)')
  })
})

describe('time windows', () => {
  it('rejects a 91-day-old time with a clear message', () => {
    expect(() => checkWindow(NOW - 91 * DAY_MS, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toThrow(
      'conversion_time: is older than 90 days (2026-08-23T12:00:00.000Z); Microsoft accepts only the last 90 days'
    )
  })

  it('rejects a future time beyond the clock-skew allowance, and allows small skew', () => {
    expect(() => checkWindow(NOW + 10 * 60_000, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toThrow(
      /is in the future/
    )
    expect(() => checkWindow(NOW + 60_000, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).not.toThrow()
    expect(() => checkWindow(NOW - 89 * DAY_MS, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).not.toThrow()
  })

  it('never rewrites a time inside the hold bound: it passes as given, and notYetDue holds it', () => {
    expect(checkWindow(NOW + 60_000, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toBe(NOW + 60_000)
    expect(checkWindow(NOW + FUTURE_HOLD_BOUND_MS, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toBe(
      NOW + FUTURE_HOLD_BOUND_MS
    )
    expect(checkWindow(NOW - 60_000, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toBe(NOW - 60_000)
    expect(() => checkWindow(NOW + 5 * 60_000 + 1, 'conversion_time', { nowMs: NOW, maxAgeDays: 90 })).toThrow(
      'conversion_time: is in the future (2026-11-22T12:05:00.001Z, more than the 300 s future-time hold bound ahead); Microsoft refuses future times (5614 FutureConversionTimeCannotBeSet)'
    )
    expect(notYetDue('conversion_time', NOW + 1500, NOW)).toMatchObject({
      outcome: 'retry',
      reason: 'time_not_yet_due',
      retryAfterSeconds: 2
    })
    expect(notYetDue('conversion_time', NOW, NOW)).toBeUndefined()
  })

  it('cuts times to whole seconds', () => {
    expect(toWholeSeconds(NOW + 999)).toBe(NOW)
    expect(toWholeSeconds(NOW)).toBe(NOW)
  })
})

describe('toMicrosoftTime', () => {
  it('writes exactly what Date#toISOString writes', () => {
    const fc = require('fast-check') as typeof import('fast-check')
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(toMicrosoftTime(ms)).toBe(new Date(ms).toISOString())
      }),
      { numRuns: 2000 }
    )
    for (const ms of [0, Date.UTC(2000, 1, 29), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2024, 1, 29, 12)]) {
      expect(toMicrosoftTime(ms)).toBe(new Date(ms).toISOString())
    }
  })
})

describe('the canonical UTC fast path', () => {
  it('reads what Date#toISOString writes exactly as Date.parse does, and rejects impossible dates', () => {
    const fc = require('fast-check') as typeof import('fast-check')
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const text = new Date(ms).toISOString()
        expect(parseTime(text, 'conversion_time')).toBe(ms)
      }),
      { numRuns: 2000 }
    )
    expect(() => parseTime('2026-02-29T10:00:00.000Z', 'conversion_time')).toThrow(/not a valid date/)
    expect(parseTime('2024-02-29T10:00:00.000Z', 'conversion_time')).toBe(Date.UTC(2024, 1, 29, 10))
  })

  it('microsoftTimeOf gives what toMicrosoftTime gives, for the time as read and truncated to whole seconds', () => {
    const fc = require('fast-check') as typeof import('fast-check')
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const text = new Date(ms).toISOString()
        const read = parseTime(text, 'conversion_time')
        expect(microsoftTimeOf(text, read)).toBe(toMicrosoftTime(read))
        expect(microsoftTimeOf(text, toWholeSeconds(read))).toBe(toMicrosoftTime(toWholeSeconds(read)))
      }),
      { numRuns: 2000 }
    )
    expect(microsoftTimeOf('2026-11-20T10:00:00.999Z', Date.UTC(2026, 10, 20, 10))).toBe('2026-11-20T10:00:00.000Z')
    // Another time than the text's is formatted anew, never taken from the text.
    expect(microsoftTimeOf('2026-11-20T10:00:01.999Z', Date.UTC(2026, 10, 20, 10))).toBe('2026-11-20T10:00:00.000Z')
    expect(microsoftTimeOf(' 2026-11-20T10:00:00.500Z', Date.UTC(2026, 10, 20, 10))).toBe('2026-11-20T10:00:00.000Z')
  })
})
