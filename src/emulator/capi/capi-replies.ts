import type { CapiErrorDetail } from '../../microsoft/models'
import { jsonReply, type Reply } from '../server/reply'

export const MAX_DETAILS = 10
export const VALIDATION_MESSAGE =
  'One or multiple parameters did not pass validation checks, see details. Note that only the first 10 errors and warnings are shown.'

export function unauthorizedReply(): Reply {
  return jsonReply(401, { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } })
}

/** A request the API cannot read at all: not JSON, or not an object. */
export function badRequestReply(message: string): Reply {
  return jsonReply(400, { error: { code: 'BadRequest', message } })
}

function validationError(details: readonly CapiErrorDetail[]) {
  return { code: 'ValidationError', message: VALIDATION_MESSAGE, details: details.slice(0, MAX_DETAILS) }
}

/** HTTP 400: nothing in the request was processed. */
export function rejectedReply(details: readonly CapiErrorDetail[]): Reply {
  return jsonReply(400, { error: validationError(details) })
}

/** HTTP 200: the events received, and the details of skipped events and warnings when there are any. */
export function receivedReply(eventsReceived: number, details: readonly CapiErrorDetail[]): Reply {
  return jsonReply(200, details.length ? { eventsReceived, error: validationError(details) } : { eventsReceived })
}
