import { AsyncLocalStorage } from 'async_hooks'

/**
 * Keeps secrets and personal data out of every line this package writes. Secrets are registered as they become
 * known (settings, tokens); emails, phone numbers and bearer tokens are masked by shape as a second line of defence.
 */
const secrets = new Set<string>()
const MIN_SECRET_LENGTH = 6

/** The secrets of the unit of work running now (one request of a server), when it runs in a secret scope. */
const scopes = new AsyncLocalStorage<Set<string>>()

/**
 * Keeps a secret out of every line written from now on. Inside `withSecretScope` it is kept out of that scope's
 * lines only and forgotten when the scope ends: what one request brings never masks another's answers.
 */
export function registerSecret(value: unknown): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || secrets.has(value)) return
  ;(scopes.getStore() ?? secrets).add(value)
}

/** Runs `work` with its own secrets: those registered while it runs (and in what it starts) end with it. */
export function withSecretScope<T>(work: () => T): T {
  return scopes.run(new Set<string>(), work)
}

/** How many secrets are registered process-wide (a server's own, not its requests'). */
export function processSecretCount(): number {
  return secrets.size
}

export function forgetSecrets(): void {
  secrets.clear()
}

function maskSecrets(text: string, registry: Set<string>): string {
  let out = text
  for (const secret of registry) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]')
  }
  return out
}

const EMAIL = /[\w%+.-]+@[\d.A-Za-z-]+\.[A-Za-z]{2,}/g
const PHONE_SHAPE = '\\+?\\d[\\d\\s().-]{7,}\\d'
const PHONE = new RegExp(PHONE_SHAPE, 'g')
// GUIDs (TrackingIds, click ids; with or without dashes) are what support asks for, and their digit groups with
// dashes look like phone numbers: they are matched first and kept whole. A phone never starts or ends inside a word.
const GUID_SHAPE = '(?<![0-9A-Za-z])[0-9a-fA-F]{8}(?:-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}(?![0-9A-Za-z])'
const GUID_OR_PHONE = new RegExp(`(${GUID_SHAPE})|(?<![0-9A-Za-z])${PHONE_SHAPE}(?![0-9A-Za-z])`, 'g')
const BEARER = /\b(bearer)\s+[\w+./=~-]+/gi
const HEX_64 = /^[\da-f]{64}$/i

// Digit runs that are not phone numbers but look like them to PHONE: dates (2026-11-22, 22.11.2026, 11-22-2026)
// with their time, and IPv4 addresses.
const DATE_PREFIX = /^(?:\d{4}(?:-\d{1,2}){2}|(?:\d{1,2}[.-]){2}\d{4})(?:[ T]\d{1,2}(?::\d{2}){0,2}(?:\.\d+)?)?/
const IPV4_PREFIX = /^\d{1,3}(?:\.\d{1,3}){3}(?!\d)/

function maskPhone(match: string): string {
  // A date or an address is kept; whatever follows it in the same run is looked at again.
  const kept = DATE_PREFIX.exec(match)?.[0] ?? IPV4_PREFIX.exec(match)?.[0]
  if (kept) return kept + match.slice(kept.length).replace(PHONE, maskPhone)
  const digits = match.replace(/\D/g, '')
  // Ids and timestamps are long digit runs too; only a run that looks like a phone number (8 to 15 digits with
  // phone punctuation or a +) is masked.
  if (digits.length < 8 || digits.length > 15) return match
  if (!/[\s()+.-]/.test(match)) return match
  return '[phone]'
}

const BEARER_WORD = /bearer/i

/**
 * Whether a text can hold what the shapes below mask: an `@`, eight digits or more, or the word bearer. Most texts
 * (names, ids, URLs without personal data) hold none, and skip the three regular expressions.
 */
function mayHoldShapes(text: string): boolean {
  let digits = 0
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    if (code === 64) return true
    if (code >= 48 && code <= 57) {
      digits += 1
      if (digits >= 8) return true
    }
  }
  return text.length >= 6 && BEARER_WORD.test(text)
}

function redactWith(text: string, scoped: Set<string> | undefined): string {
  const out = maskSecrets(scoped ? maskSecrets(text, scoped) : text, secrets)
  if (!mayHoldShapes(out)) return out
  return out
    .replace(BEARER, '$1 [redacted]')
    .replace(EMAIL, '[email]')
    .replace(GUID_OR_PHONE, (match: string, guid: string | undefined) => (guid ? match : maskPhone(match)))
}

export function redactText(text: string): string {
  return redactWith(text, scopes.getStore())
}

/** `redactText` for many texts in a row (the parts of one record): the scope's secrets are looked up once. */
export function textRedactor(): (text: string) => string {
  const scoped = scopes.getStore()
  return (text) => redactWith(text, scoped)
}

/** Deep copy with every string redacted; 64-hex digests are kept, since they are what Microsoft receives anyway. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return (HEX_64.test(value) ? value : redactText(value)) as T
  if (Array.isArray(value)) return value.map((item) => redactValue(item)) as T
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactValue(item)
    return out as T
  }
  return value
}
