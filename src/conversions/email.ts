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
 * `normalizeEmail` for the common case, in one pass without regular expressions: printable ASCII with exactly one
 * @. Anything else (accents, spaces, no @ or several) returns undefined and takes the general path. Returns '' for
 * what `looksLikeEmail` would refuse once normalised, which the same pass can tell.
 */
function normalizePlainEmail(email: string): string | undefined {
  let at = -1
  let localEnd = -1
  let dots = false
  let localKept = false
  let domainDot = false
  let upper = false
  for (let i = 0; i < email.length; i++) {
    const code = email.charCodeAt(i)
    if (code < 0x21 || code > 0x7e) return undefined
    if (code === 64 /* @ */) {
      if (at >= 0) return undefined
      at = i
      if (localEnd < 0) localEnd = i
    } else {
      if (code >= 65 && code <= 90) upper = true
      if (at >= 0) {
        if (code === 46 && i >= at + 2) domainDot = true
      } else if (localEnd < 0) {
        if (code === 43 /* + */) localEnd = i
        else if (code === 46 /* . */) dots = true
        else localKept = true
      }
    }
  }
  if (at < 0) return undefined
  if (!localKept || !domainDot || email.charCodeAt(email.length - 1) === 46) return ''
  if (!dots && localEnd === at) return upper ? email.toLowerCase() : email
  const local = dots ? email.slice(0, localEnd).replaceAll('.', '') : email.slice(0, localEnd)
  const normalized = local + email.slice(at)
  return upper ? normalized.toLowerCase() : normalized
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
  const plain = normalizePlainEmail(trimmed)
  const email = plain ?? normalizeEmail(trimmed)
  if (plain === undefined ? !looksLikeEmail(email) : plain === '') {
    throw new InputError('email', 'format', 'is not an email address or a SHA-256 hex digest')
  }
  return sha256Hex(email)
}
