import { HTTP_STATUS_CODES } from './contracts/constant'
import type { RouterTransformationRequestData, RouterTransformationResponse } from './contracts/rudder-types'
import { defaultRequestConfig, getSuccessRespEvents } from './contracts/v0-util'

/**
 * A job filtered on purpose (298) in the router output. rudder-transformer's router response schema counts 298 as
 * a 2xx status and asks every 2xx entry for a non-empty `batchedRequest`, as its own 299 entries carry one.
 * rudder-server sends only entries with status 200 and marks this job filtered, so the request is the empty
 * `defaultRequestConfig()`: it is never sent.
 */
export function getFilteredRespEvent(
  input: RouterTransformationRequestData,
  reason: string
): RouterTransformationResponse {
  return {
    ...(getSuccessRespEvents(
      defaultRequestConfig(),
      [input.metadata],
      input.destination,
      false,
      HTTP_STATUS_CODES.FILTER_EVENTS
    ) as RouterTransformationResponse),
    error: reason
  }
}
