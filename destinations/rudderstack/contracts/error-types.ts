import { BaseError, ERROR_CATEGORIES, ERROR_TYPES, METADATA, TAG_NAMES } from '@rudderstack/integrations-lib'
import { HTTP_STATUS_CODES } from './constant'

/** rudder-transformer's `src/v0/util/errorTypes`, with the same behaviour. */

/** An event dropped on purpose (not mapped, consent, duplicate), reported with status 298 and a reason. */
export class FilteredEventsError extends BaseError {
  constructor(message: string, statusCode: number = HTTP_STATUS_CODES.FILTER_EVENTS) {
    super(message, statusCode)
  }
}

const KNOWN_ERROR_TYPES = new Set<unknown>(Object.values(ERROR_TYPES))
const KNOWN_META = new Set<unknown>(Object.values(METADATA))

/**
 * Thrown by a v1 delivery handler when the whole batch failed alike: every job gets `statusCode`, and
 * `authErrorCategory` tells rudder-server to refresh the token or to deactivate the account.
 */
export class TransformerProxyError extends BaseError {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JavaScript property there, typed `any`
  response: any

  constructor(
    message: string,
    statusCode: number,
    statTags: Record<string, unknown>,
    destResponse: unknown,
    authErrorCategory: string,
    response: unknown
  ) {
    const tags: Record<string, string> = {
      [TAG_NAMES.ERROR_CATEGORY]: ERROR_CATEGORIES.NETWORK,
      [TAG_NAMES.ERROR_TYPE]: ERROR_TYPES.ABORTED
    }
    const errorType = statTags[TAG_NAMES.ERROR_TYPE]
    if (KNOWN_ERROR_TYPES.has(errorType)) tags[TAG_NAMES.ERROR_TYPE] = String(errorType)
    const meta = statTags[TAG_NAMES.META]
    if (KNOWN_META.has(meta)) tags[TAG_NAMES.META] = String(meta)
    // BaseError types destinationResponse as a string; rudder-transformer stores the parsed response object there.
    super(message, statusCode, tags, destResponse as string, authErrorCategory)
    this.response = response
  }
}
