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
  if (typeof value === 'string') {
    if (SHA256_HEX.test(value)) return value
    return key !== undefined && PERSONAL_KEYS.has(key) ? '[redacted]' : redactText(value)
  }
  if (typeof value === 'number') return key !== undefined && PERSONAL_KEYS.has(key) ? '[redacted]' : value
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item))
  if (value && typeof value === 'object') {
    const masked: Record<string, unknown> = {}
    for (const name of Object.keys(value))
      masked[name] = maskPersonalData((value as Record<string, unknown>)[name], name)
    return masked
  }
  return value
}
