import { jsonReply, type Reply } from '../server/reply'
import { guid } from '../support/ids'

export const NO_STORE = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' }

/** An identity platform error body: `error`, `AADSTS<n>: …` with trace and correlation ids, and `error_codes`. */
export function entraError(status: number, error: string, aadsts: number, description: string): Reply {
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z')
  const traceId = guid()
  const correlationId = guid()
  return jsonReply(
    status,
    {
      error,
      error_description: `AADSTS${aadsts}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${aadsts}`
    },
    NO_STORE
  )
}

export function missingParameter(name: string): Reply {
  return entraError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`)
}
