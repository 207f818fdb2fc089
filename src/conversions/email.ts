import { InputError, kindOf } from './input-error'
import { isSha256Hex, scratch, sha256Hex, sha256HexOfScratch } from './sha256'

const COMBINING_MARKS = /[\u0300-\u036f]/g
const WHITESPACE = /\s+/g
const NEEDS_CLEANING = /[^\x21-\x7e]/
// In the local part (before the last @): a +alias up to the @, and every dot.
const LOCAL_PART_NOISE = /\+[^@]*(?=@[^@]*$)|\.(?=[^@]*@[^@]*$)/g

/** Trimmed, lower case, without accents or whitespace: `normalizeEmail` before the local-part rules. */
function cleanEmail(raw: string): string {
  const email = raw.trim().toLowerCase()
  // Whitespace, control characters and anything outside ASCII are rare; only then pay for decomposition.
  if (!NEEDS_CLEANING.test(email)) return email
  return email.normalize('NFD').replace(COMBINING_MARKS, '').replace(WHITESPACE, '')
}

/**
 * Microsoft's normalisation for enhanced conversions (Microsoft Advertising's enhanced conversions guide): trim,
 * remove spaces, strip accents, lowercase, drop the `+alias` and the dots of the local part.
 */
export function normalizeEmail(raw: string): string {
  // One replace, rather than slicing and joining, so the result is a flat string: hashing a joined string costs
  // as much again as the normalisation itself.
  return cleanEmail(raw).replace(LOCAL_PART_NOISE, '')
}

/**
 * For each Latin-1 letter, the ASCII letter `cleanEmail` makes of it (é to e, Ä to a), or 0 where it makes none
 * (ß, æ, ø stay as they are). Read off `cleanEmail` itself, so the fast path cannot disagree with it.
 */
const LATIN1_TO_ASCII = new Uint8Array(0x100)
for (let code = 0xc0; code <= 0xff; code += 1) {
  const cleaned = cleanEmail(String.fromCharCode(code))
  const ascii = cleaned.length === 1 ? cleaned.charCodeAt(0) : 0
  if (ascii >= 0x61 && ascii <= 0x7a) LATIN1_TO_ASCII[code] = ascii
}

/**
 * `normalizeEmail` for the common case, written as bytes into `out` in one pass without regular expressions:
 * printable ASCII (and Latin-1 letters that lose their accent) with exactly one @. Returns the length written; -1
 * for anything else (other accents, spaces, no @ or several, too long), which takes the general path; 0 for what
 * `looksLikeEmail` would refuse once normalised.
 * `keepCase`: upper case is left to the general path rather than lowered (for text that was lowered already).
 */
function writePlainEmail(email: string, out: Buffer, keepCase = false): number {
  if (email.length > out.length) return -1
  let at = -1
  let length = 0
  let aliased = false
  let domainDot = false
  for (let i = 0; i < email.length; i += 1) {
    let code = email.charCodeAt(i)
    // Accented Latin-1 letters (Chloé) are common in addresses, and decomposing the whole text costs a microsecond.
    if (code > 0x7e && code <= 0xff && LATIN1_TO_ASCII[code] !== 0) code = LATIN1_TO_ASCII[code]
    else if (code < 0x21 || code > 0x7e) return -1
    if (code >= 65 && code <= 90) {
      if (keepCase) return -1
      code += 32
    }
    let kept = true
    if (code === 64 /* @ */) {
      if (at >= 0) return -1
      at = i
    } else if (at < 0) {
      // The local part loses its dots, and everything from a + on.
      if (code === 43 /* + */) aliased = true
      kept = !aliased && code !== 46 /* . */
    } else if (code === 46 && i >= at + 2) domainDot = true
    if (kept) {
      // eslint-disable-next-line no-param-reassign -- out is the caller's scratch buffer this function fills
      out[length] = code
      length += 1
    }
  }
  if (at < 0) return -1
  const localLength = length - (email.length - at)
  if (localLength <= 0 || !domainDot || email.charCodeAt(email.length - 1) === 46) return 0
  return length
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
  const plainLength = writePlainEmail(trimmed, scratch)
  if (plainLength > 0) return sha256HexOfScratch(plainLength)
  let email = ''
  if (plainLength < 0) {
    // Most addresses that need cleaning are plain once their accents are gone.
    const cleaned = cleanEmail(trimmed)
    const cleanedLength = writePlainEmail(cleaned, scratch, true)
    if (cleanedLength > 0) return sha256HexOfScratch(cleanedLength)
    if (cleanedLength < 0) email = cleaned.replace(LOCAL_PART_NOISE, '')
  }
  if (!looksLikeEmail(email)) throw new InputError('email', 'format', 'is not an email address or a SHA-256 hex digest')
  return sha256Hex(email)
}
