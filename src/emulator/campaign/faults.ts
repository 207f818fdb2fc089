import type { AdApiFaultDetail, ApiFaultDetail, BatchError, OperationError } from '../../microsoft/models'
import { jsonReply, type Reply } from '../server/reply'
import { codeText, httpStatusOf, namedText } from './codes'

/** One item error, as in PartialErrors and BatchErrors. Keys in Microsoft's order. */
export function batchError(code: number, index: number, fieldPath: string | null = null, named?: string): BatchError {
  const { errorCode, message } = named ? namedText(named) : codeText(code)
  return {
    Code: code,
    Details: null,
    ErrorCode: errorCode,
    FieldPath: fieldPath,
    ForwardCompatibilityMap: [],
    Index: index,
    Message: message,
    Type: 'BatchError'
  }
}

export function operationError(code: number, details: string | null = null): OperationError {
  const { errorCode, message } = codeText(code)
  return { Code: code, Details: details, ErrorCode: errorCode, Message: message }
}

/** Authentication, authorisation, throttling and internal errors: an AdApiFaultDetail with its mapped status. */
export function adApiFaultReply(trackingId: string, code: number, headers: Record<string, string> = {}): Reply {
  const { errorCode, message } = codeText(code)
  const body: AdApiFaultDetail = {
    TrackingId: trackingId,
    Type: 'AdApiFaultDetail',
    Errors: [{ Code: code, Detail: null, ErrorCode: errorCode, Message: message }]
  }
  return jsonReply(httpStatusOf(code), body, { TrackingId: trackingId, ...headers })
}

/** Request validation failures: an ApiFaultDetail with OperationErrors (HTTP 400 unless told otherwise). */
export function apiFaultReply(trackingId: string, errors: OperationError[], status = 400): Reply {
  const body: ApiFaultDetail = {
    TrackingId: trackingId,
    Type: 'ApiFaultDetail',
    BatchErrors: [],
    OperationErrors: errors
  }
  return jsonReply(status, body, { TrackingId: trackingId })
}

/** A successful answer: the body and the TrackingId header. */
export function okReply(trackingId: string, body: unknown): Reply {
  return jsonReply(200, body, { TrackingId: trackingId })
}
