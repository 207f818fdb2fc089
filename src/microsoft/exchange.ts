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

/** How a field's value is shown: as it is, masked whole, or (any field not listed) redacted by shape. */
type Display = 'as_is' | 'masked'

/**
 * Fields Microsoft receives raw that hold personal data (CAPI `userData`, and the value a CAPI error detail
 * echoes): masked wherever an item is shown. Fields whose value the core wrote itself in a shape that holds no
 * personal data (SHA-256 digests, emails and phones as Microsoft gets them; validated click ids, UTC times, codes):
 * shown as they are, without redaction. One table, so that each field costs one lookup.
 */
const FIELD_DISPLAY: ReadonlyMap<string, Display> = new Map<string, Display>([
  ['clientIpAddress', 'masked'],
  ['clientUserAgent', 'masked'],
  ['attemptedValue', 'masked'],
  ['em', 'as_is'],
  ['ph', 'as_is'],
  ['HashedEmailAddress', 'as_is'],
  ['HashedPhoneNumber', 'as_is'],
  ['msclkid', 'as_is'],
  ['MicrosoftClickId', 'as_is'],
  ['ConversionTime', 'as_is'],
  ['AdjustmentTime', 'as_is'],
  ['eventType', 'as_is'],
  ['adStorageConsent', 'as_is'],
  ['currency', 'as_is'],
  ['ConversionCurrencyCode', 'as_is'],
  ['AdjustmentCurrencyCode', 'as_is'],
  ['AdjustmentType', 'as_is']
])
export const MASKED = '[redacted]'

/** A value that is not an object or array, under `key` (undefined for an array entry or the top). */
function maskedLeaf(value: unknown, key: string | undefined, redact: (text: string) => string): unknown {
  const display = key === undefined ? undefined : FIELD_DISPLAY.get(key)
  if (typeof value === 'string') {
    if (display === 'as_is') return value
    return display === 'masked' ? MASKED : redact(value)
  }
  return display === 'masked' && value !== undefined ? MASKED : value
}

/**
 * An item or an answer as it may be shown: raw personal fields masked, any other text redacted by shape (a mapping
 * mistake can put an email anywhere). Copy on write: what needs no mask is returned as it is, not copied.
 */
export function maskForDisplay<T>(value: T, key?: string, redact: (text: string) => string = textRedactor()): T {
  if (typeof value !== 'object' || value === null) return maskedLeaf(value, key, redact) as T
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
  // Leaves are masked here rather than through a call of this function each: most of a record is leaves.
  for (const name of Object.keys(record)) {
    const item = record[name]
    const masked =
      typeof item === 'object' && item !== null ? maskForDisplay(item, name, redact) : maskedLeaf(item, name, redact)
    if (masked !== item) (copy ??= { ...record })[name] = masked
  }
  return (copy ?? value) as T
}
