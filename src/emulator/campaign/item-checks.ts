import { isClickId, isCurrencyCode, isSha256Hex, normalClickId } from '../support/formats'
import { DAY_MS, parseIsoTime } from '../support/time'

/** An item's first failed rule: the code and the field it is about. */
export interface ItemFailure {
  code: number
  field: string | null
}

export const OFFLINE_MAX_AGE_MS = 90 * DAY_MS

export function failure(code: number, field: string | null = null): ItemFailure {
  return { code, field }
}

export function isFailure(value: unknown): value is ItemFailure {
  return typeof value === 'object' && value !== null && 'code' in value
}

export function present(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== ''
}

interface Identified {
  MicrosoftClickId?: string | null
  HashedEmailAddress?: string | null
  HashedPhoneNumber?: string | null
}

/**
 * Who converted: the click id, else a hashed email or phone. A hash that is not lowercase SHA-256 hex is refused
 * with 4407 (Microsoft documents no code; it could never match). Returns the identity part of the dedupe key.
 */
export function checkIdentity(item: Identified): ItemFailure | string {
  if (present(item.HashedEmailAddress) && !isSha256Hex(item.HashedEmailAddress))
    return failure(4407, 'HashedEmailAddress')
  if (present(item.HashedPhoneNumber) && !isSha256Hex(item.HashedPhoneNumber)) return failure(4407, 'HashedPhoneNumber')
  if (present(item.MicrosoftClickId)) {
    return isClickId(item.MicrosoftClickId)
      ? `clk:${normalClickId(item.MicrosoftClickId)}`
      : failure(5604, 'MicrosoftClickId')
  }
  if (present(item.HashedEmailAddress)) return `em:${item.HashedEmailAddress}`
  if (present(item.HashedPhoneNumber)) return `ph:${item.HashedPhoneNumber}`
  return failure(5603, 'MicrosoftClickId')
}

export interface TimeCodes {
  missing: number
  invalid: number
  tooOld: number
  future: number
}

/** A required UTC time: present, ISO-8601, not older than 90 days, not past now plus the skew allowance. */
export function checkTime(
  value: string | null | undefined,
  field: string,
  codes: TimeCodes,
  now: number,
  skewMs: number
): ItemFailure | number {
  if (!present(value)) return failure(codes.missing, field)
  const time = parseIsoTime(value)
  if (time === undefined) return failure(codes.invalid, field)
  if (time > now + skewMs) return failure(codes.future, field)
  if (time < now - OFFLINE_MAX_AGE_MS) return failure(codes.tooOld, field)
  return time
}

/** A value, when given, is a finite number of at least 0. */
export function valueIsValid(value: number | null | undefined): boolean {
  return value === null || value === undefined || (Number.isFinite(value) && value >= 0)
}

/** A currency, when given, is an ISO 4217 code. */
export function currencyIsValid(value: string | null | undefined): boolean {
  return value === null || value === undefined || isCurrencyCode(value)
}
