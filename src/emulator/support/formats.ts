/** Value shapes Microsoft checks. */

// An MSCLKID is a GUID: 32 hex digits, or the same with dashes in the 8-4-4-4-12 layout.
const CLICK_ID = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/
const SHA256_HEX = /^[0-9a-f]{64}$/
const DIGITS = /^\d{1,19}$/

export function isClickId(value: string): boolean {
  return CLICK_ID.test(value)
}

/** The two spellings of one click id are the same click. */
export function normalClickId(value: string): string {
  return value.replace(/-/g, '').toLowerCase()
}

/** A SHA-256 digest as lowercase hex, the only form Microsoft matches. */
export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value)
}

/** A Microsoft `long` id as it appears in headers and JSON strings. */
export function isLongId(value: string): boolean {
  return DIGITS.test(value)
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'))

/** An active ISO 4217 code, upper case (the list of the ICU data shipped with Node). */
export function isCurrencyCode(value: string): boolean {
  return CURRENCIES.has(value)
}

/** An absolute http(s) URL. */
export function isWebUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const protocol = new URL(value).protocol
  return protocol === 'http:' || protocol === 'https:'
}
