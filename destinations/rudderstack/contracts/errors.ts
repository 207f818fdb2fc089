import { BaseError, ERROR_CATEGORIES, ERROR_TYPES, METADATA, TAG_NAMES } from '@rudderstack/integrations-lib'
import type { DeliveryJobState } from './rudder-types'

/**
 * The error helpers rudder-transformer keeps in its own tree (`v0/util/errorTypes`, `adapters/utils/networkUtils`),
 * re-declared with the same behaviour. The common classes (InstrumentationError, OAuthSecretError, …) come from
 * @rudderstack/integrations-lib, as in rudder-transformer.
 */

export const HTTP_STATUS = {
  OK: 200,
  /** rudder-server marks a job with this status as filtered: dropped on purpose, not failed. */
  FILTER_EVENTS: 298,
  BAD_REQUEST: 400,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500
} as const

/** rudder-transformer's error type for filtered events (its tags list it; the lib's do not). */
export const FILTERED_ERROR_TYPE = 'filtered'

/** An event dropped on purpose (not mapped, consent, duplicate), reported with status 298 and a reason. */
export class FilteredEventsError extends BaseError {
  constructor(message: string) {
    super(message, HTTP_STATUS.FILTER_EVENTS)
  }
}

export function isHttpStatusSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

export function isHttpStatusRetryable(status: number): boolean {
  return status >= 500 && status < 600
}

/** rudder-transformer's `getDynamicErrorType`: 5xx retryable, 429 throttled, anything else aborted. */
export function getDynamicErrorType(status: number): string {
  if (isHttpStatusRetryable(status)) return ERROR_TYPES.RETRYABLE
  if (status === HTTP_STATUS.TOO_MANY_REQUESTS) return ERROR_TYPES.THROTTLED
  return ERROR_TYPES.ABORTED
}

const KNOWN_ERROR_TYPES = new Set<string>(Object.values(ERROR_TYPES))
const KNOWN_META = new Set<string>(Object.values(METADATA))

/**
 * Thrown by a v1 delivery handler when the whole batch failed alike: every job gets `status`, and
 * `authErrorCategory` tells rudder-server to refresh the token or to deactivate the account.
 */
export class TransformerProxyError extends BaseError {
  readonly response: DeliveryJobState[]

  constructor(
    message: string,
    status: number,
    statTags: Record<string, string>,
    destinationResponse: unknown,
    authErrorCategory: string,
    response: DeliveryJobState[]
  ) {
    const tags: Record<string, string> = {
      [TAG_NAMES.ERROR_CATEGORY]: ERROR_CATEGORIES.NETWORK,
      [TAG_NAMES.ERROR_TYPE]: ERROR_TYPES.ABORTED
    }
    if (KNOWN_ERROR_TYPES.has(statTags[TAG_NAMES.ERROR_TYPE]))
      tags[TAG_NAMES.ERROR_TYPE] = statTags[TAG_NAMES.ERROR_TYPE]
    if (KNOWN_META.has(statTags[TAG_NAMES.META])) tags[TAG_NAMES.META] = statTags[TAG_NAMES.META]
    // BaseError types destinationResponse as a string; rudder-transformer stores the parsed response object there.
    super(message, status, tags, destinationResponse as string, authErrorCategory)
    this.response = response
  }
}
