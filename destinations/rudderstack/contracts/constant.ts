/** rudder-transformer's `src/v0/util/constant`: the names this destination uses. */

export const HTTP_STATUS_CODES = {
  OK: 200,
  /** rudder-server marks a job with this status as filtered: dropped on purpose, not failed. */
  FILTER_EVENTS: 298,
  BAD_REQUEST: 400,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500
} as const

/** The feature under which the caller understands status 298 (filtered): rudder-server sends `X-Feature-Filter-Code`. */
export const FEATURE_FILTER_CODE = 'filter-code'
