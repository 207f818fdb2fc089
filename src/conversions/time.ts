import { InputError, type NeutralField } from './input-error'

export const DAY_MS = 86_400_000
export const OFFLINE_MAX_AGE_DAYS = 90
export const CAPI_MAX_AGE_DAYS = 7
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60_000

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?$/
// The Bulk format RudderStack's warehouse mappings use: M/D/YYYY h:mm:ss AM/PM, read as UTC.
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i
const NUMERIC = /^\d+(?:\.\d+)?$/
const EXPLICIT_ZONE = /(?:GMT|UTC|Z|[+-]\d{4})\b/

// Epoch values below this are seconds, above it milliseconds (1e11 s is the year 5138).
const SECONDS_LIMIT = 1e11

// The largest time a JavaScript Date can hold.
const MAX_DATE_MS = 8.64e15

function fromEpoch(value: number, field: NeutralField): number {
  if (!Number.isFinite(value) || value <= 0) throw new InputError(field, 'format', 'is not a valid time')
  const ms = value < SECONDS_LIMIT ? Math.round(value * 1000) : Math.round(value)
  if (ms > MAX_DATE_MS) throw new InputError(field, 'format', 'is not a valid time')
  return ms
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, field: NeutralField): number {
  const time = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  const check = new Date(time)
  if (
    Number.isNaN(time) ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw new InputError(field, 'format', 'is not a valid date and time')
  }
  return time
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z' || zone === 'UTC') return 0
  const sign = zone[0] === '-' ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0
  return sign * (hours * 60 + minutes)
}

/**
 * Any input time to epoch milliseconds: ISO-8601 with or without an offset (none means UTC), epoch seconds or
 * milliseconds, a Date, or M/D/YYYY h:mm:ss AM/PM. Strings without a zone are read as UTC, as Microsoft's API does.
 */
export function parseTime(value: unknown, field: NeutralField): number {
  if (value instanceof Date) return fromEpoch(value.getTime(), field)
  if (typeof value === 'number') return fromEpoch(value, field)
  if (typeof value !== 'string') throw new InputError(field, 'type', 'must be a date-time string or epoch number')
  const raw = value.trim()
  if (raw === '') throw new InputError(field, 'required', 'is empty')
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
  throw new InputError(field, 'format', 'is not an ISO-8601 date-time or epoch time')
}

/** UTC ISO-8601 with `Z`, as Microsoft wants it. */
export function toMicrosoftTime(ms: number): string {
  return new Date(ms).toISOString()
}

export interface TimeWindow {
  nowMs: number
  maxAgeDays: number
  clockSkewMs?: number
}

/** Rejects times older than the window or in the future (beyond a small clock-skew allowance). */
export function checkWindow(ms: number, field: NeutralField, window: TimeWindow): void {
  const skew = window.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS
  if (ms > window.nowMs + skew) {
    throw new InputError(field, 'future', `is in the future (${toMicrosoftTime(ms)}); Microsoft refuses future times`)
  }
  if (window.nowMs - ms > window.maxAgeDays * DAY_MS) {
    throw new InputError(
      field,
      'max_age',
      `is older than ${window.maxAgeDays} days (${toMicrosoftTime(ms)}); Microsoft accepts only the last ${window.maxAgeDays} days`
    )
  }
}
