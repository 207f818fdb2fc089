import type { Outcome } from 'msads-conversions'
import { AUTH_STATUS_INACTIVE, REFRESH_TOKEN } from './contracts/auth-constants'
import { HTTP_STATUS_CODES } from './contracts/constant'

/** A core outcome in rudder-server's terms: the job's status code, the text it records, and what OAuth should do. */
export interface JobStatus {
  /** The core's outcome the status stands for, which the job's state carries as data. */
  outcome: Outcome
  statusCode: number
  error: string
  authErrorCategory?: string
  /** Ask rudder-server to retry this job on its own (it was held back by another item of the same request). */
  dontBatch?: boolean
}

export function describeOutcome(outcome: Outcome): string {
  const code = outcome.code !== undefined && outcome.code !== outcome.reason ? ` ${outcome.code}` : ''
  const tracking = outcome.trackingId ? ` TrackingId ${outcome.trackingId}.` : ''
  const warningText = outcome.warnings?.map((warning) => warning.message).join('; ') ?? ''
  const warnings = warningText ? ` Warnings: ${warningText}${/[!.?]$/.test(warningText) ? '' : '.'}` : ''
  return `${outcome.message} (${outcome.reason}${code})${tracking}${warnings}`
}

function statusOf(outcome: Outcome, oauthManaged: boolean): Omit<JobStatus, 'outcome'> {
  const error = describeOutcome(outcome)
  switch (outcome.outcome) {
    case 'delivered':
      return { statusCode: HTTP_STATUS_CODES.OK, error }
    case 'skipped':
      return { statusCode: HTTP_STATUS_CODES.FILTER_EVENTS, error }
    case 'rejected':
      return { statusCode: HTTP_STATUS_CODES.BAD_REQUEST, error }
    case 'retry':
      return {
        statusCode:
          outcome.status === HTTP_STATUS_CODES.TOO_MANY_REQUESTS
            ? HTTP_STATUS_CODES.TOO_MANY_REQUESTS
            : HTTP_STATUS_CODES.INTERNAL_SERVER_ERROR,
        error,
        ...(outcome.reason === 'batch_not_processed' ? { dontBatch: true } : {})
      }
    default:
      // auth
      if (!oauthManaged)
        return {
          statusCode: HTTP_STATUS_CODES.BAD_REQUEST,
          error: `${error} Check capiToken and uetTagId in the destination settings.`
        }
      return outcome.authAction === 'inactive'
        ? { statusCode: HTTP_STATUS_CODES.BAD_REQUEST, error, authErrorCategory: AUTH_STATUS_INACTIVE }
        : { statusCode: HTTP_STATUS_CODES.INTERNAL_SERVER_ERROR, error, authErrorCategory: REFRESH_TOKEN }
  }
}

/**
 * The one mapping from outcomes to RudderStack statuses:
 * delivered 200; skipped 298 (filtered); rejected 400 (aborted); retry 429 when throttled, else 500 (retryable);
 * auth "refresh" 500 + REFRESH_TOKEN (rudder-server refreshes the token, then retries); auth "inactive" 400 +
 * AUTH_STATUS_INACTIVE (the account is marked inactive). `oauthManaged` is false for the UET Conversions API,
 * whose tag token is a config setting: refreshing the OAuth account cannot fix it, so it is a 400 naming the setting.
 */
export function jobStatusOf(outcome: Outcome, oauthManaged: boolean): JobStatus {
  return { outcome, ...statusOf(outcome, oauthManaged) }
}

const SEVERITY: Record<Outcome['outcome'], number> = { skipped: 0, delivered: 1, rejected: 2, retry: 3, auth: 4 }

/**
 * The outcome a job reports when its items fared differently: a retry or an auth failure means the job must be
 * sent again (Microsoft ignores the items it already has), a rejection that it cannot succeed as it is.
 */
export function decisiveOutcome(outcomes: readonly Outcome[]): Outcome | undefined {
  return outcomes.reduce<Outcome | undefined>(
    (worst, next) => (!worst || SEVERITY[next.outcome] > SEVERITY[worst.outcome] ? next : worst),
    undefined
  )
}
