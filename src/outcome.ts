/**
 * The outcome model (docs/architecture.md): every input event ends in exactly one of these, and each says why.
 * Hosts translate an Outcome into their own status conventions; they never invent one.
 */
import type { OutcomeKind } from './outcome-kind'
import type { OwnReason, Reason } from './reasons'
import { plainText } from './support/plain-text'

export type { OutcomeKind } from './outcome-kind'

/** What the host should do about an `auth` outcome: refresh the token and retry, or stop and tell the admin. */
export type AuthAction = 'refresh' | 'inactive'

/**
 * Something that did not stop the event but changed what was sent: an optional field dropped because it could not
 * be used (by this package or by Microsoft). `field` and `rule` as for input errors; `message` names the field.
 */
export interface OutcomeWarning {
  field: string
  rule: string
  message: string
}

export interface Outcome {
  outcome: OutcomeKind
  /** Machine-readable: a snake_case reason of ours, or Microsoft's ErrorCode (e.g. `OfflineConversionNameInvalid`). */
  reason: string
  /** One plain sentence for a person. Never holds a secret or a raw email or phone. */
  message: string
  /** The input field at fault, in the host's vocabulary when the host named its fields. */
  field?: string
  /** The rule the field broke (`required`, `format`, `max_age`…), for input errors. */
  rule?: string
  /** Microsoft's numeric code (5606) or CAPI error code (`InvalidEventTime`). */
  code?: number | string
  /** The HTTP-like status a host would report: 200, 400, 401, 429, 5xx. */
  status: number
  retryAfterSeconds?: number
  authAction?: AuthAction
  trackingId?: string
  warnings?: OutcomeWarning[]
  /** For a `duplicate_in_batch` skip: the position, in the same batch, of the input that was sent instead. */
  duplicateOf?: number
}

export function delivered(extra: Partial<Outcome> = {}): Outcome {
  return {
    outcome: 'delivered',
    reason: 'accepted',
    message: 'Accepted by Microsoft Advertising.',
    status: 200,
    ...extra
  }
}

export function skipped(reason: OwnReason, message: string): Outcome {
  return { outcome: 'skipped', reason, message, status: 200 }
}

export function rejected(reason: Reason, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { outcome: 'rejected', reason, message, status: 400, ...extra }
}

export function retry(reason: Reason, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { outcome: 'retry', reason, message, status: 503, ...extra }
}

export function authFailure(
  reason: Reason,
  message: string,
  authAction: AuthAction,
  extra: Partial<Outcome> = {}
): Outcome {
  return { outcome: 'auth', reason, message, authAction, status: authAction === 'refresh' ? 401 : 403, ...extra }
}

type Kind = Pick<Outcome, 'outcome'>
type KindAndAction = Pick<Outcome, 'outcome' | 'authAction'>

/** Not delivered and not skipped on purpose: a failure (the rejects file, a non-zero exit, an error to the host). */
export function isFailure(outcome: Kind): boolean {
  return outcome.outcome === 'rejected' || outcome.outcome === 'retry' || outcome.outcome === 'auth'
}

/** Microsoft refused the access token: the same call with a refreshed one may succeed. */
export function tokenRefused(outcome: KindAndAction | undefined): boolean {
  return outcome?.outcome === 'auth' && outcome.authAction === 'refresh'
}

/** Sending again may change it: a transient failure, or a refused token (refreshed before the next attempt). */
export function isTransient(outcome: KindAndAction): boolean {
  return outcome.outcome === 'retry' || tokenRefused(outcome)
}

/**
 * The one severity order, least first, for the outcome of an event that became several (subscriptions, parts,
 * adjustments): what still needs doing outranks what is done. Delivered outranks skipped (something got through);
 * a rejection outranks both; a retry outranks a rejection (the event is sent again, and Microsoft deduplicates
 * what it already has); auth outranks all (no retry can succeed before the token or the account is fixed).
 */
export const OUTCOME_SEVERITY: Readonly<Record<OutcomeKind, number>> = {
  skipped: 0,
  delivered: 1,
  rejected: 2,
  retry: 3,
  auth: 4
}

/** The most severe of an event's outcomes (the first of equals); the list is never empty. */
export function worstOutcome<T extends Kind>(outcomes: readonly T[]): T {
  return outcomes.reduce((worst, outcome) =>
    OUTCOME_SEVERITY[outcome.outcome] > OUTCOME_SEVERITY[worst.outcome] ? outcome : worst
  )
}

/**
 * An outcome in one line for a person: `[code reason] message TrackingId: …. Warnings: ….`, the code and reason
 * once when they are the same. Every host and command that prints an outcome prints this.
 */
export function describeOutcome(
  outcome: Pick<Outcome, 'reason' | 'message' | 'code' | 'trackingId' | 'warnings'>
): string {
  const name =
    outcome.code !== undefined && String(outcome.code) !== outcome.reason
      ? `${outcome.code} ${outcome.reason}`
      : outcome.code
  const prefix = name !== undefined ? `[${name}] ` : ''
  const tracking = outcome.trackingId ? ` TrackingId: ${outcome.trackingId}.` : ''
  const warningText = outcome.warnings?.map((warning) => warning.message).join('; ') ?? ''
  const warnings = warningText ? ` Warnings: ${warningText}${/[!.?]$/.test(warningText) ? '' : '.'}` : ''
  return `${prefix}${outcome.message}${tracking}${warnings}`
}

/** Counts outcomes by kind and reason, for summaries and metrics. */
export function tally(outcomes: readonly Outcome[]): Record<OutcomeKind, Record<string, number>> {
  const counts: Record<OutcomeKind, Record<string, number>> = {
    delivered: {},
    skipped: {},
    rejected: {},
    retry: {},
    auth: {}
  }
  for (const o of outcomes) counts[o.outcome][o.reason] = (counts[o.outcome][o.reason] ?? 0) + 1
  return counts
}

/** The reason a warning is counted under in summaries and metrics: `phone:e164`, `userData.em:InvalidSha256`. */
export function warningReason(warning: OutcomeWarning): string {
  return `${warning.field}:${warning.rule}`
}

/** Counts the warnings of these outcomes by reason. */
export function tallyWarnings(outcomes: readonly { warnings?: readonly OutcomeWarning[] }[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const o of outcomes) {
    for (const warning of o.warnings ?? []) counts[warningReason(warning)] = (counts[warningReason(warning)] ?? 0) + 1
  }
  return counts
}

/**
 * Warnings read back from a host's JSON (an outcome body): well-formed entries are kept, a plain string (older
 * bodies) becomes a warning without a field. `clean` is applied to every message (redaction).
 */
export function readWarnings(value: unknown, clean: (text: string) => string = (text) => text): OutcomeWarning[] {
  if (!Array.isArray(value)) return []
  return value.map((entry) => {
    if (typeof entry === 'object' && entry !== null) {
      const { field, rule, message } = entry as Record<string, unknown>
      return {
        field: plainText(field) ?? 'unknown',
        rule: plainText(rule) ?? 'warning',
        message: clean(plainText(message) ?? '')
      }
    }
    return { field: 'unknown', rule: 'warning', message: clean(String(entry)) }
  })
}
