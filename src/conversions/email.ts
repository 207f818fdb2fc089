import { InputError } from './input-error'
import { isSha256Hex, sha256Hex } from './sha256'

const COMBINING_MARKS = /[\u0300-\u036f]/g
const HAS_WHITESPACE = /\s/
const WHITESPACE = /\s+/g
// Deliberately permissive: one @, a non-empty local part, a dotted domain. Deliverability is not ours to judge.
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/

/**
 * Microsoft's normalisation for enhanced conversions (microsoft-api.md §3.4): trim, remove spaces,
 * strip accents, lowercase, drop the `+alias` and the dots of the local part.
 */
export function normalizeEmail(raw: string): string {
  let email = raw.trim().toLowerCase()
  if (HAS_WHITESPACE.test(email)) email = email.replace(WHITESPACE, '')
  // Only pay for Unicode decomposition when there is something outside ASCII.
  if (/[^\x00-\x7f]/.test(email)) email = email.normalize('NFD').replace(COMBINING_MARKS, '')
  const at = email.lastIndexOf('@')
  if (at <= 0) return email
  let local = email.slice(0, at)
  const plus = local.indexOf('+')
  if (plus >= 0) local = local.slice(0, plus)
  if (local.includes('.')) local = local.replace(/\./g, '')
  return `${local}${email.slice(at)}`
}

/** The SHA-256 of a normalised email, or the value itself when it already is a SHA-256 digest. */
export function hashEmail(raw: unknown): string | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined
  if (typeof raw !== 'string') throw new InputError('email', 'type', 'must be a string')
  const trimmed = raw.trim()
  if (trimmed === '') return undefined
  if (isSha256Hex(trimmed)) return trimmed.toLowerCase()
  const email = normalizeEmail(trimmed)
  const at = email.lastIndexOf('@')
  if (at <= 0 || !EMAIL_SHAPE.test(email)) {
    throw new InputError('email', 'format', 'is not an email address or a SHA-256 hex digest')
  }
  return sha256Hex(email)
}
