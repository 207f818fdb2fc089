import { isSha256Hex } from 'msads-conversions'
import type { DestinationSettings } from './destination-config'
import type { Part } from './parts'

/**
 * `isHashRequired: false` says email and phone arrive as SHA-256 digests. The core sends a digest as it is and
 * normalises and hashes anything else, so nothing goes raw either way; a value that is not a digest although the
 * admin said it would be gets a warning naming the field (never the value).
 */
export function prehashedWarnings(part: Part, settings: DestinationSettings): string[] {
  if (settings.isHashRequired) return []
  const values = part.kind === 'capi' ? part.input.userData : part.input
  const fields = [
    [part.fieldNames.email ?? 'email', values?.email],
    [part.fieldNames.phone ?? 'phone', values?.phone]
  ] as const
  return fields
    .filter(
      ([, value]) =>
        (typeof value === 'string' && value.trim() !== '' && !isSha256Hex(value.trim())) || typeof value === 'number'
    )
    .map(
      ([field]) => `${field} is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.`
    )
}
