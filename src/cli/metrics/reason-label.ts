import { MICROSOFT_CODES } from '../../microsoft/error-codes'
import type { OutcomeWarning } from '../../outcome'
import { CAPI_ERROR_CODES, OWN_REASONS } from '../../reasons'

/** The label of every reason that is not one of the known ones below. */
export const OTHER_LABEL = 'other'

/** The codes `msads serve` answers a request with when no outcome was reached (request-log errors, not reasons). */
const REQUEST_ERROR_CODES = ['payload_too_large', 'answer_timeout']

/** Every reason a metric may carry by name: Microsoft's codes by their ErrorCode, CAPI's, and the package's own (reasons.ts). */
const KNOWN_REASONS: ReadonlySet<string> = new Set([
  ...OWN_REASONS.map(({ reason }) => reason),
  ...CAPI_ERROR_CODES.map(({ reason }) => reason),
  ...[...MICROSOFT_CODES.values()].map(({ errorCode }) => errorCode),
  ...REQUEST_ERROR_CODES
])

/** An HTTP status as a reason (`http_404`): at most a few hundred values. */
const HTTP_STATUS_REASON = /^http_[1-5]\d\d$/

/**
 * The `reason` label of a metric. A reason may come from an answer (an ErrorCode Microsoft or a proxy sent), so
 * taking it verbatim would let the far side create one time series per code: a known reason keeps its name, any
 * other is `other` (the request log and the outcome still carry the exact code).
 */
export function reasonLabel(reason: string): string {
  return KNOWN_REASONS.has(reason) || HTTP_STATUS_REASON.test(reason) ? reason : OTHER_LABEL
}

/** The package's field names and rules are snake_case words; CAPI's property paths and codes are checked above. */
const PACKAGE_WORD = /^[a-z][a-z0-9_]{0,39}$/
const CAPI_PROPERTY = /^(userData|customData)\.[A-Za-z]{1,30}$|^[a-z][A-Za-z]{1,30}$/

/**
 * The `reason` label of a dropped-field warning, `field:rule`, bounded the same way: a rule Microsoft gave must be
 * one of its known codes, on a property path of CAPI's shape; anything else is `other`.
 */
export function warningLabel(warning: OutcomeWarning): string {
  const { field, rule } = warning
  const known = KNOWN_REASONS.has(rule)
    ? PACKAGE_WORD.test(field) || CAPI_PROPERTY.test(field)
    : PACKAGE_WORD.test(rule) && PACKAGE_WORD.test(field)
  return known ? `${field}:${rule}` : OTHER_LABEL
}

/** At most `size` distinct values of a label; any value past them is `other`. */
export class LabelBudget {
  private readonly seen = new Set<string>()

  constructor(private readonly size: number) {}

  label(value: string): string {
    if (this.seen.has(value)) return value
    if (this.seen.size >= this.size) return OTHER_LABEL
    this.seen.add(value)
    return value
  }
}
