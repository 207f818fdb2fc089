import { retry, type Outcome } from '../outcome'
import { fieldLabel, InputError, kindOf, type FieldNames, type NeutralField } from './input-error'

export const DAY_MS = 86_400_000
export const OFFLINE_MAX_AGE_DAYS = 90
export const CAPI_MAX_AGE_DAYS = 7
/**
 * The future-time hold bound: an event at most this far ahead of our clock (a source clock a little ahead) is held
 * and sent once due; one further ahead is refused. Microsoft itself allows no future time at all (5614).
 */
export const FUTURE_HOLD_BOUND_MS = 5 * 60_000
/** The default of the `clockSkewMs` option: the future-time hold bound. */
export const DEFAULT_CLOCK_SKEW_MS = FUTURE_HOLD_BOUND_MS
/** The retry reason of an event held because its time is ahead of the clock. */
export const NOT_YET_DUE_REASON = 'time_not_yet_due'

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[,.](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/
// The Bulk format RudderStack's warehouse mappings use: M/D/YYYY h:mm:ss AM/PM, read as UTC.
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i
const NUMERIC = /^\d+(?:\.\d+)?$/
const EXPLICIT_ZONE = /(?:GMT|UTC|Z|[+-]\d{4})\b/

// Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138).
const SECONDS_LIMIT = 1e11

// The largest time a JavaScript Date can hold.
const MAX_DATE_MS = 8.64e15

function fromEpoch(value: number, field: NeutralField): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new InputError(field, 'format', 'is not a valid time: an epoch time must be a positive finite number')
  const ms = value < SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value)
  if (ms > MAX_DATE_MS) throw new InputError(field, 'format', 'is not a valid time: the epoch time is out of range')
  return ms
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]
}

/** The number written by `count` digits from `start`, or -1 when one of them is not a digit (small integers only). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0
  for (let index = start; index < start + count; index += 1) {
    const digit = text.charCodeAt(index) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** Days since 1970-01-01 of a proleptic Gregorian date, in integer arithmetic (the inverse of toMicrosoftTime's). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

// parseTime reads an event's time and microsoftTimeOf reads the same text again to decide whether to send it as it
// is: the last answer is kept. It depends on the text alone, so it cannot differ from reading the text again.
let lastCanonicalText: string | undefined
let lastCanonicalMs: number | undefined

function readCanonicalUtc(text: string): number | undefined {
  if (
    text.length !== 24 ||
    text.charCodeAt(23) !== 90 /* Z */ ||
    text.charCodeAt(10) !== 84 /* T */ ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45
  )
    return undefined
  if (text.charCodeAt(13) !== 58 /* : */ || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 46 /* . */)
    return undefined
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  const hour = digitsAt(text, 11, 2)
  const minute = digitsAt(text, 14, 2)
  const second = digitsAt(text, 17, 2)
  const milli = digitsAt(text, 20, 3)
  if (year < 0 || hour < 0 || minute < 0 || second < 0 || milli < 0) return undefined
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
    return undefined
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + milli
}

/**
 * The form nearly every source sends (`Date#toISOString`: 2026-11-20T10:00:00.000Z), read without a regular
 * expression. Anything else, or an impossible date, returns undefined and takes the general path.
 */
export function parseCanonicalUtc(text: string): number | undefined {
  if (text !== lastCanonicalText) {
    lastCanonicalMs = readCanonicalUtc(text)
    lastCanonicalText = text
  }
  return lastCanonicalMs
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  field: NeutralField
): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new InputError(field, 'format', 'is not a valid date and time')
  }
  // Not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  return sign * (hours * 60 + minutes)
}

function parseTimeValue(value: unknown, field: NeutralField): number {
  if (value instanceof Date) return fromEpoch(value.getTime(), field)
  if (typeof value === 'number') return fromEpoch(value, field)
  throw new InputError(field, 'type', `must be a date-time string or epoch number, not ${kindOf(value)}`)
}

/**
 * Any input time to epoch milliseconds: ISO-8601 with or without an offset (none means UTC), epoch seconds or
 * milliseconds, a Date, or M/D/YYYY h:mm:ss AM/PM. Strings without a zone are read as UTC, as Microsoft's API does.
 */
export function parseTime(value: unknown, field: NeutralField): number {
  if (typeof value !== 'string') return parseTimeValue(value, field)
  const raw = value.trim()
  if (raw === '') throw new InputError(field, 'required', 'is empty')
  const canonical = parseCanonicalUtc(raw)
  if (canonical !== undefined) return canonical
  if (NUMERIC.test(raw)) return fromEpoch(Number(raw), field)

  const iso = ISO.exec(raw)
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = iso
    const ms = Math.round(Number(`0.${frac}`) * 1000)
    const local = utc(+y, +mo, +d, +h, +mi, +s, Math.min(ms, 999), field)
    return local - offsetMinutes(zone) * 60_000
  }
  const us = US_DATE.exec(raw)
  if (us) {
    const [, mo, d, y, h = '0', mi = '0', s = '0', meridiem] = us
    let hour = +h
    if (meridiem) {
      if (hour < 1 || hour > 12) throw new InputError(field, 'format', 'is not a valid date and time')
      hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0)
    }
    return utc(+y, +mo, +d, hour, +mi, +s, 0, field)
  }
  if (EXPLICIT_ZONE.test(raw)) {
    const parsed = Date.parse(raw)
    if (!Number.isNaN(parsed)) return parsed
  }
  throw new InputError(
    field,
    'format',
    'is not a date and time (write ISO-8601 such as 2026-11-20T10:00:00Z, or epoch seconds, not words such as "yesterday")'
  )
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'))
const pad2 = (n: number): string => TWO_DIGITS[n]
function pad3(n: number): string {
  if (n < 10) return `00${n}`
  return n < 100 ? `0${n}` : `${n}`
}

/**
 * UTC ISO-8601 with `Z`, as Microsoft wants it: the same text as `Date#toISOString` for years 0 to 9999, computed
 * with integer arithmetic (days to civil date) because allocating a Date per event is the hot path's largest cost.
 */
export function toMicrosoftTime(ms: number): string {
  const days = Math.floor(ms / DAY_MS)
  let rest = ms - days * DAY_MS
  const hour = Math.floor(rest / 3_600_000)
  rest -= hour * 3_600_000
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  const milli = rest - second * 1000
  const shifted = days + 719_468
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (year < 0 || year > 9999) return new Date(ms).toISOString()
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${pad3(milli)}Z`
}

export interface TimeWindow {
  nowMs: number
  maxAgeDays: number
  clockSkewMs?: number
}

/**
 * The time as Microsoft wants it, reusing the input text when it already is canonical UTC: as it is when it holds
 * `ms`, or its date and time up to the second with `.000Z` when `ms` is that time truncated to whole seconds (the
 * text's digits are the ones toMicrosoftTime would write), so that most events format no new date.
 */
export function microsoftTimeOf(value: unknown, ms: number): string {
  if (typeof value !== 'string' || value.length !== 24) return toMicrosoftTime(ms)
  const given = parseCanonicalUtc(value)
  if (given === ms) return value
  return given !== undefined && given - (given % 1000) === ms ? `${value.slice(0, 19)}.000Z` : toMicrosoftTime(ms)
}

/**
 * Whole seconds (truncated): the most the Bulk file's `MM/dd/yyyy HH:mm:ss` carries, and so the one precision of
 * every time that reaches Microsoft, on every path and in every dedupe key: the same conversion sent through Apply
 * and then Bulk is the same conversion.
 */
export function toWholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

/**
 * The time to send, as given (never rewritten): rejects times older than the window or ahead of the clock by more
 * than the future-time hold bound (Microsoft refuses any future time for good: 5614 FutureConversionTimeCannotBeSet,
 * CAPI InvalidEventTime). A time ahead by less passes here; `notYetDue` then holds the event until it is due.
 */
export function checkWindow(ms: number, field: NeutralField, window: TimeWindow): number {
  const skew = window.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS
  if (ms > window.nowMs + skew) {
    throw new InputError(
      field,
      'future',
      `is in the future (${toMicrosoftTime(ms)}, more than the ${Math.round(skew / 1000)} s future-time hold bound ahead); Microsoft refuses future times (5614 FutureConversionTimeCannotBeSet)`
    )
  }
  if (window.nowMs - ms > window.maxAgeDays * DAY_MS) {
    throw new InputError(
      field,
      'max_age',
      `is older than ${window.maxAgeDays} days (${toMicrosoftTime(ms)}); Microsoft accepts only the last ${window.maxAgeDays} days`
    )
  }
  return ms
}

/**
 * The retry outcome of an event whose time is ahead of the clock (within the hold bound): it is never sent early
 * and never rewritten to now, so a resend carries the same time; the host sends it again once due.
 */
export function notYetDue(field: NeutralField, ms: number, nowMs: number, names?: FieldNames): Outcome | undefined {
  if (ms <= nowMs) return undefined
  const label = fieldLabel(field, names)
  const seconds = Math.ceil((ms - nowMs) / 1000)
  return retry(
    NOT_YET_DUE_REASON,
    `${label} (${toMicrosoftTime(ms)}) is ${seconds} s ahead of this clock, within the future-time hold bound; Microsoft refuses future times (5614 FutureConversionTimeCannotBeSet), so it is held and sent once due.`,
    { field: label, rule: 'not_yet_due', retryAfterSeconds: seconds }
  )
}
