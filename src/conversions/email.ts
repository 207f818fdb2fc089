import { InputError, kindOf } from './input-error'
import { isSha256Hex, sha256Hex } from './sha256'

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE = /\s+/g
const NEEDS_CLEANING = /[^\x21-\x7e]/
// In the local part (before the last @): a +alias up to the @, and every dot.
const LOCAL_PART_NOISE = /\+[^@]*(?=@[^@]*$)|\.(?=[^@]*@[^@]*$)/g

/**
 * Microsoft's normalisation for enhanced conversions (Microsoft Advertising's enhanced conversions guide): trim, remove spaces,
 * strip accents, lowercase, drop the `+alias` and the dots of the local part.
 */
export function normalizeEmail(raw: string): string {
  let email = raw.trim().toLowerCase()
  // Whitespace, control characters and anything outside ASCII are rare; only then pay for decomposition.
  if (NEEDS_CLEANING.test(email)) email = email.normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, '')
  // One replace, rather than slicing and joining, so the result is a flat string: hashing a joined string costs
  // as much again as the normalisation itself.
  return email.replace(LOCAL_PART_NOISE, '')
}

/**
 * Deliberately permissive: one @, a non-empty local part, a dotted domain that does not end with a dot.
 * Deliverability is not ours to judge. Whitespace is already gone after normalisation.
 */
function looksLikeEmail(email: string): boolean {
  const at = email.indexOf('@')
  if (at <= 0 || at !== email.lastIndexOf('@')) return false
  const dot = email.indexOf('.', at + 2)
  return dot > 0 && email.charCodeAt(email.length - 1) !== 46
}

/** The SHA-256 of a normalised email, or the value itself when it already is a SHA-256 digest. */
export function hashEmail(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (typeof raw !== 'string') throw new InputError('email', 'type', `must be a string, not ${kindOf(raw)}`)
  const trimmed = raw.trim()
  if (trimmed === '') return undefined
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase()
  const email = normalizeEmail(trimmed)
  if (!looksLikeEmail(email)) {
    throw new InputError('email', 'format', 'is not an email address or a SHA-256 hex digest')
  }
  return sha256Hex(email)
}
