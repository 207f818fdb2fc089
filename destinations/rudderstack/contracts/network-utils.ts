import { ERROR_TYPES } from '@rudderstack/integrations-lib'
import { HTTP_STATUS_CODES } from './constant'
import { isHttpStatusRetryable } from './v0-util'

/** rudder-transformer's `src/adapters/utils/networkUtils`, with the same behaviour. */

/** 5xx retryable, 429 throttled, anything else aborted. */
export function getDynamicErrorType(statusCode: number): string {
  if (isHttpStatusRetryable(statusCode)) return ERROR_TYPES.RETRYABLE
  if (statusCode === HTTP_STATUS_CODES.TOO_MANY_REQUESTS) return ERROR_TYPES.THROTTLED
  return ERROR_TYPES.ABORTED
}

/** `nodeSysErrorToStatus`, for the codes a network call can end with. */
const SYSTEM_ERRORS: Record<string, { status: number; message: string }> = {
  ECONNREFUSED: { status: 500, message: '[ECONNREFUSED] :: Connection refused' },
  ECONNRESET: { status: 500, message: '[ECONNRESET] :: Connection reset by peer' },
  ENOTFOUND: { status: 400, message: '[ENOTFOUND] :: DNS lookup failed' },
  EPIPE: { status: 400, message: '[EPIPE] :: Broken pipe' },
  ETIMEDOUT: { status: 500, message: '[ETIMEDOUT] :: Operation timed out' },
  EAI_AGAIN: { status: 500, message: '[EAI_AGAIN] :: Temporary failure in name resolution' },
  ECONNABORTED: { status: 500, message: '[ECONNABORTED] :: Connection aborted' }
}

interface AxiosLikeResponse {
  data?: unknown
  status?: number
  headers?: Record<string, unknown>
}

function withHeaders(headers: Record<string, unknown> | undefined) {
  return headers && Object.keys(headers).length ? { headers } : {}
}

/** The body, status and headers of an `httpSend` result; a system error's text and status when no answer came. */
export function processAxiosResponse(clientResponse: { success: boolean; response: unknown }) {
  const result = (clientResponse.response ?? {}) as AxiosLikeResponse & { response?: AxiosLikeResponse; code?: string }
  if (!clientResponse.success) {
    const { response, code } = result
    if (!response && code) {
      const known = SYSTEM_ERRORS[code] ?? { status: 400, message: `[${code}]` }
      return { response: known.message, status: known.status }
    }
    if (response) {
      return { response: response.data || '', status: response.status || 500, ...withHeaders(response.headers) }
    }
    return { response: result.data || '', status: HTTP_STATUS_CODES.INTERNAL_SERVER_ERROR }
  }
  return { response: result.data || '', status: result.status || 500, ...withHeaders(result.headers) }
}
