import { adApiFaultReply, apiFaultReply, operationError } from '../campaign/faults'
import { entraError } from '../identity/entra-error'
import type { RouteFamily } from '../routes'
import { guid } from '../support/ids'
import { jsonReply, textReply, type Reply } from './reply'

/** Answers that do not depend on the operation, in the dialect of each part of Microsoft. */

export function internalErrorReply(family: RouteFamily): Reply {
  switch (family) {
    case 'campaign':
    case 'bulk':
      return adApiFaultReply(guid(), 0)
    case 'identity':
      return entraError(
        500,
        'server_error',
        50000,
        'There was an error issuing a token or an issue with our sign-in service.'
      )
    case 'capi':
      return jsonReply(500, { error: { code: 'InternalServerError', message: 'An unexpected error occurred.' } })
    default:
      return jsonReply(500, { error: 'internal_error' })
  }
}

/** A gateway's 503: plain text, no JSON, on every route. */
export function unavailableReply(family: RouteFamily): Reply {
  return textReply(503, 'Service Unavailable', family === 'campaign' || family === 'bulk' ? { TrackingId: guid() } : {})
}

/** 117 CallRateExceeded on Campaign Management (HTTP 429), a bare 429 elsewhere. */
export function throttleReply(family: RouteFamily, retryAfterSeconds?: number): Reply {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) }
  if (family === 'campaign' || family === 'bulk') return adApiFaultReply(guid(), 117, headers)
  return textReply(429, 'Too Many Requests', headers)
}

export function tooLargeReply(family: RouteFamily, limit: number): Reply {
  const message = `The request body exceeds the limit of ${limit} bytes.`
  switch (family) {
    case 'campaign':
    case 'bulk':
      return apiFaultReply(guid(), [operationError(201, message)], 413)
    case 'identity':
      return entraError(413, 'invalid_request', 9002313, `Invalid request. Request is malformed or invalid: ${message}`)
    case 'capi':
      return jsonReply(413, { error: { code: 'PayloadTooLarge', message } })
    default:
      return jsonReply(413, { error: 'payload_too_large', message })
  }
}

export function notFoundReply(family: RouteFamily): Reply {
  return textReply(404, 'Not Found', family === 'campaign' ? { TrackingId: guid() } : {})
}

export function methodNotAllowedReply(allowed: string): Reply {
  return textReply(405, 'Method Not Allowed', { Allow: allowed })
}
