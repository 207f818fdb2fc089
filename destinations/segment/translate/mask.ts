import { redactText } from 'msads-conversions'

/**
 * Payload fields that hold personal data before the core hashes it (the field keys of this destination).
 * Status entries echo the mapped payload, so these are masked there; the core hashes them on the way out. Any
 * other text is redacted by shape (the core's redaction), since a mapping mistake can put an email or a phone
 * number in any field.
 */
const PERSONAL_KEYS = new Set(['email', 'phone', 'em', 'ph', 'clientIpAddress', 'clientUserAgent'])
const SHA256_HEX = /^[0-9a-f]{64}$/i

export function maskPersonalData(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item))
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, maskPersonalData(item, name)]))
  }
  if (key && PERSONAL_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number') && !SHA256_HEX.test(String(value))) {
    return '[redacted]'
  }
  return typeof value === 'string' && !SHA256_HEX.test(value) ? redactText(value) : value
}
