import { isClickId, isCurrencyCode, isSha256Hex, normalClickId } from '../support/formats'
import { DAY_MS, parseIsoTime } from '../support/time'

/**
 * An item's first failed rule: the code and the field it is about, and for an error Microsoft documents by name
 * only (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary, https://learn.microsoft.com/advertising/campaign-management-service/offlineconversion) that name.
 */
export interface ItemFailure {
  code: number
  field: string | null
  named?: string
}

/**
 * The Code sent with an error Microsoft documents by name only: Microsoft publishes no number for these, so the
 * emulator sends its generic 4407 InvalidValue beside the documented ErrorCode, and clients classify by the name.
 */
export const NAMED_ERROR_CODE = 4407

export function namedFailure(name: string, field: string | null = null): ItemFailure {
  return { code: NAMED_ERROR_CODE, field, named: name }
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
 * Who converted: the click id, a hashed email, a hashed phone, at least one. A hash that is not lowercase SHA-256 hex
 * is refused with ConversionEmailAddressIsNotHashed or ConversionPhoneNumberIsNotHashed (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary). Returns the identity part of
 * Microsoft's duplicate key (DuplicateConversionKey: MicrosoftClickId, HashedEmailAddress, HashedPhoneNumber beside
 * ConversionName and ConversionTime; https://learn.microsoft.com/advertising/campaign-management-service/offlineconversionunattributedreason): all three as sent.
 */
export function checkIdentity(item: Identified): ItemFailure | string {
  if (present(item.HashedEmailAddress) && !isSha256Hex(item.HashedEmailAddress))
    return namedFailure('ConversionEmailAddressIsNotHashed', 'HashedEmailAddress')
  if (present(item.HashedPhoneNumber) && !isSha256Hex(item.HashedPhoneNumber))
    return namedFailure('ConversionPhoneNumberIsNotHashed', 'HashedPhoneNumber')
  const clickId = present(item.MicrosoftClickId) ? item.MicrosoftClickId : undefined
  if (clickId !== undefined && !isClickId(clickId)) return failure(5604, 'MicrosoftClickId')
  if (clickId === undefined && !present(item.HashedEmailAddress) && !present(item.HashedPhoneNumber))
    return failure(5603, 'MicrosoftClickId')
  return `clk:${clickId === undefined ? '' : normalClickId(clickId)}|em:${item.HashedEmailAddress ?? ''}|ph:${item.HashedPhoneNumber ?? ''}`
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
