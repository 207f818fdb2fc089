import { InputError } from './input-error'
import { isSha256Hex, sha256Hex } from './sha256'

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE = /\s+/g

/**
 * Microsoft's normalisation for enhanced conversions (microsoft-api.md §3.4): trim, remove spaces,
 * strip accents, lowercase, drop the `+alias` and the dots of the local part.
 */
export function normalizeEmail(raw: string): string {
  let email = raw.trim().toLowerCase()
  // One scan decides which of the costlier steps this address needs at all.
  let asciiSpace = false
  let nonAscii = false
  for (let i = 0; i < email.length; i++) {
    const code = email.charCodeAt(i)
    if (code <= 32) asciiSpace = true
    else if (code > 127) nonAscii = true
  }
  if (nonAscii) email = email.normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, '')
  else if (asciiSpace) email = email.replace(WHITESPACE, '')
  const at = email.lastIndexOf('@')
  if (at <= 0) return email
  const plus = email.indexOf('+')
  const localEnd = plus >= 0 && plus < at ? plus : at
  const dot = email.indexOf('.')
  if (localEnd === at && (dot < 0 || dot > at)) return email
  let local = email.slice(0, localEnd)
  if (dot >= 0 && dot < localEnd) local = local.replace(/\./g, '')
  return local + email.slice(at)
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
  if (typeof raw !== 'string') throw new InputError('email', 'type', 'must be a string')
  const trimmed = raw.trim()
  if (trimmed === '') return undefined
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase()
  const email = normalizeEmail(trimmed)
  if (!looksLikeEmail(email)) {
    throw new InputError('email', 'format', 'is not an email address or a SHA-256 hex digest')
  }
  return sha256Hex(email)
}
