import { ERROR_TYPES, TAG_NAMES } from '@rudderstack/integrations-lib'
import { AUTH_STATUS_INACTIVE, REFRESH_TOKEN } from '../../../destinations/rudderstack/contracts/auth-constants'
import type { OutcomeKind } from '../../outcome'
import { readOutcome } from '../../outcome-json'
import { redactText } from '../../support/redact'
import type { Outcome } from '../../outcome'

/** What rudder-server reads in a job's status, besides the outcome the destination put beside it. */
export interface JobStatusReport {
  status: number
  /** The job's error text, what RudderStack records for a person. */
  error?: string
  /** The core's outcome the destination attached to the router entry or delivery state (`outcome`), if any. */
  outcome?: unknown
  authErrorCategory?: string
  statTags?: Record<string, unknown>
}

/** What rudder-server does with a job of this status: 200 delivered, 298 filtered, 429 and 5xx retried, else aborted. */
function kindOf(status: number, authErrorCategory?: string): OutcomeKind {
  if (authErrorCategory === REFRESH_TOKEN || authErrorCategory === AUTH_STATUS_INACTIVE) return 'auth'
  if (status === 298) return 'skipped'
  if (status >= 200 && status < 300) return 'delivered'
  if (status === 429 || status >= 500) return 'retry'
  return 'rejected'
}

/** The reason of a status that carries no outcome (the delivery service rebuilt it after a batch failed alike). */
function reasonOf(kind: OutcomeKind, report: JobStatusReport): string {
  const errorType = report.statTags?.[TAG_NAMES.ERROR_TYPE]
  switch (kind) {
    case 'auth':
      return report.authErrorCategory === REFRESH_TOKEN ? 'http_401' : 'auth_inactive'
    case 'delivered':
      return 'accepted'
    case 'skipped':
      return 'filtered'
    case 'retry':
      if (report.status === 429) return 'rate_limited'
      return errorType === ERROR_TYPES.OAUTH_SECRET ? 'oauth_secret_missing' : 'server_error'
    default:
      return errorType === ERROR_TYPES.CONFIGURATION ? 'invalid_config' : 'invalid_input'
  }
}

/**
 * A RudderStack job status (router error entry or delivery proxy state) as the command line reports it. The kind is
 * what rudder-server makes of the status (an authErrorCategory means auth); the reason, field, rule, code and
 * TrackingId are the core's, from the outcome the destination put beside the status. The message is the job's
 * error text, as RudderStack shows it.
 */
export function rudderJobOutcome(report: JobStatusReport): Outcome {
  const { status } = report
  const kind = kindOf(status, report.authErrorCategory)
  const message = redactText(report.error ?? '') || `Status ${status}.`
  const carried = readOutcome(report.outcome, { status, clean: redactText })
  const outcome: Outcome = carried
    ? { ...carried, outcome: kind, status, message }
    : { outcome: kind, reason: reasonOf(kind, report), status, message }
  if (kind === 'auth') outcome.authAction = report.authErrorCategory === REFRESH_TOKEN ? 'refresh' : 'inactive'
  else delete outcome.authAction
  return outcome
}
