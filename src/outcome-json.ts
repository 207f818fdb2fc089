import { readWarnings, type AuthAction, type Outcome, type OutcomeKind } from './outcome'

/** A value JSON can hold, so an outcome fits any host's JSON body type as it is. */
type JsonPrimitive = string | number | boolean | null
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue }

/** An Outcome as plain JSON: what a host's answer carries so whoever reads it gets the outcome as data, not prose. */
export type OutcomeJson = { [key: string]: JsonValue }

const KINDS: ReadonlySet<string> = new Set<OutcomeKind>(['delivered', 'skipped', 'rejected', 'retry', 'auth'])
const AUTH_ACTIONS: ReadonlySet<string> = new Set<AuthAction>(['refresh', 'inactive'])

type OptionalKey = Exclude<keyof Outcome, 'outcome' | 'reason' | 'message' | 'status' | 'warnings'>

/**
 * How each optional field is read back. A Record over every optional key, so a field added to Outcome does not
 * compile until it is given here: it cannot be left out of the JSON without anyone noticing.
 */
const OPTIONAL_FIELDS: Record<OptionalKey, (value: unknown) => boolean> = {
  field: (value) => typeof value === 'string',
  rule: (value) => typeof value === 'string',
  code: (value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)),
  retryAfterSeconds: (value) => typeof value === 'number' && Number.isFinite(value),
  authAction: (value) => typeof value === 'string' && AUTH_ACTIONS.has(value),
  trackingId: (value) => typeof value === 'string',
  duplicateOf: (value) => typeof value === 'number' && Number.isInteger(value)
}
const OPTIONAL_KEYS = Object.keys(OPTIONAL_FIELDS) as OptionalKey[]

/** The outcome as JSON, every field it has and nothing undefined. */
export function outcomeToJson(outcome: Outcome): OutcomeJson {
  const json: OutcomeJson = {
    outcome: outcome.outcome,
    reason: outcome.reason,
    message: outcome.message,
    status: outcome.status
  }
  for (const key of OPTIONAL_KEYS) {
    const value = outcome[key]
    if (value !== undefined) json[key] = value
  }
  if (outcome.warnings?.length) {
    json.warnings = outcome.warnings.map(({ field, rule, message }) => ({ field, rule, message }))
  }
  return json
}

/**
 * An outcome read back from a host's JSON, or undefined when `value` is not one (no kind, no reason). `status`
 * stands in for a body without one; `clean` is applied to every message (redaction). Fields of the wrong type
 * are left out rather than trusted.
 */
export function readOutcome(
  value: unknown,
  options: { status?: number; clean?: (text: string) => string } = {}
): Outcome | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const json = value as Record<string, unknown>
  if (typeof json.outcome !== 'string' || !KINDS.has(json.outcome) || typeof json.reason !== 'string') return undefined
  const status = typeof json.status === 'number' ? json.status : options.status
  if (status === undefined) return undefined
  const clean = options.clean ?? ((text: string) => text)
  const outcome: Outcome = {
    outcome: json.outcome as OutcomeKind,
    reason: json.reason,
    message: clean(typeof json.message === 'string' ? json.message : ''),
    status
  }
  const optional = outcome as unknown as Record<OptionalKey, unknown>
  for (const key of OPTIONAL_KEYS) if (OPTIONAL_FIELDS[key](json[key])) optional[key] = json[key]
  const warnings = readWarnings(json.warnings, clean)
  if (warnings.length > 0) outcome.warnings = warnings
  return outcome
}
