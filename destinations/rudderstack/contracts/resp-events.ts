import { BaseError, TransformationError } from '@rudderstack/integrations-lib'
import { HTTP_STATUS } from './errors'
import { defaultRequestConfig } from './request-config'
import type {
  Destination,
  Metadata,
  ProcessorTransformationOutput,
  RouterTransformationRequestData,
  RouterTransformationResponse
} from './rudder-types'

/** rudder-transformer's router response helpers (`v0/util`), with the same shapes. */

export function getSuccessRespEvents(
  batchedRequest: ProcessorTransformationOutput | ProcessorTransformationOutput[],
  metadata: Partial<Metadata>[],
  destination: Destination,
  batched = false,
  statusCode = 200
): RouterTransformationResponse {
  return { batchedRequest, metadata, batched, statusCode, destination }
}

export function getErrorRespEvents(
  metadata: Partial<Metadata>[],
  statusCode: number,
  error: string,
  statTags: Record<string, unknown>,
  batched = false
): Omit<RouterTransformationResponse, 'destination'> {
  return { metadata, batched, statusCode, error, statTags }
}

export interface ErrorObject {
  status: number
  message: string
  statTags: Record<string, unknown>
  authErrorCategory?: string
}

/** `generateErrorObject` without message enrichment: a lib error keeps its status and tags, anything else is a 500. */
export function toErrorObject(error: unknown): ErrorObject {
  if (error instanceof BaseError) {
    return {
      status: typeof error.status === 'number' ? error.status : 500,
      message: error.message,
      statTags: { ...(error.statTags as Record<string, unknown>) },
      ...(error.authErrorCategory ? { authErrorCategory: error.authErrorCategory } : {})
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  const fallback = new TransformationError(message, 500)
  return { status: fallback.status, message, statTags: { ...(fallback.statTags as Record<string, unknown>) } }
}

/** One failed job of a router call, as rudder-transformer's `handleRtTfSingleEventError` reports it. */
export function handleRtTfSingleEventError(
  input: RouterTransformationRequestData,
  error: unknown
): RouterTransformationResponse {
  const details = toErrorObject(error)
  const response: RouterTransformationResponse = {
    ...getErrorRespEvents([input.metadata], details.status, details.message, details.statTags),
    destination: input.destination
  }
  if (details.authErrorCategory) response.authErrorCategory = details.authErrorCategory
  return response
}

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
    ...getSuccessRespEvents(
      defaultRequestConfig(),
      [input.metadata],
      input.destination,
      false,
      HTTP_STATUS.FILTER_EVENTS
    ),
    error: reason
  }
}
