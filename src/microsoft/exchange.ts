/**
 * What went to Microsoft for each item of a request and what Microsoft answered about it, as data, for a host
 * whose status entries carry both (Segment's MultiStatus `sent` and `body`). Items are the records as the request
 * body held them (no copy); answers are Microsoft's own entries (a PartialError, a CAPI error detail) or the
 * answer the whole request got, shared by its items.
 */
import type { Outcome } from '../outcome'
import { textRedactor } from '../support/redact'

export interface Exchanged<R> {
  outcomes: Outcome[]
  /** Per item: the item as a request carried it; absent when no request left (the token could not be had). */
  sent: (R | undefined)[]
  /** Per item: Microsoft's answer about it; absent when no answer came (a timeout, a refused connection). */
  answers: unknown[]
}

/**
 * Fields Microsoft receives raw that hold personal data (CAPI `userData`, and the value a CAPI error detail
 * echoes): masked wherever an item is shown.
 */
const RAW_PERSONAL_FIELDS = new Set(['clientIpAddress', 'clientUserAgent', 'attemptedValue'])
/**
 * Fields whose value the core wrote itself in a shape that holds no personal data: SHA-256 digests (emails and
 * phones as Microsoft gets them), validated click ids, UTC times, codes. Shown as they are, without redaction.
 */
const CORE_SHAPED_FIELDS = new Set([
  'em',
  'ph',
  'HashedEmailAddress',
  'HashedPhoneNumber',
  'msclkid',
  'MicrosoftClickId',
  'ConversionTime',
  'AdjustmentTime',
  'eventType',
  'adStorageConsent',
  'currency',
  'ConversionCurrencyCode',
  'AdjustmentCurrencyCode',
  'AdjustmentType'
])
export const MASKED = '[redacted]'

function maskedString(text: string, key: string | undefined, redact: (text: string) => string): string {
  if (key === undefined) return redact(text)
  if (CORE_SHAPED_FIELDS.has(key)) return text
  return RAW_PERSONAL_FIELDS.has(key) ? MASKED : redact(text)
}

/**
 * An item or an answer as it may be shown: raw personal fields masked, any other text redacted by shape (a mapping
 * mistake can put an email anywhere). Copy on write: what needs no mask is returned as it is, not copied.
 */
export function maskForDisplay<T>(value: T, key?: string, redact: (text: string) => string = textRedactor()): T {
  if (typeof value === 'string') return maskedString(value, key, redact) as T
  if (typeof value !== 'object' || value === null) {
    return (key !== undefined && RAW_PERSONAL_FIELDS.has(key) && value !== undefined ? MASKED : value) as T
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let index = 0; index < value.length; index += 1) {
      const masked = maskForDisplay(value[index], undefined, redact)
      if (masked !== value[index]) (copy ??= value.slice())[index] = masked
    }
    return (copy ?? value) as T
  }
  let copy: Record<string, unknown> | undefined
  const record = value as Record<string, unknown>
  for (const name of Object.keys(record)) {
    const masked = maskForDisplay(record[name], name, redact)
    if (masked !== record[name]) (copy ??= { ...record })[name] = masked
  }
  return (copy ?? value) as T
}
