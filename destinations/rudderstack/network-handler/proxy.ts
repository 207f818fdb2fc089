import { plainText } from 'msads-conversions'
import type { ProxyV1Request } from '../contracts'
import { axiosTransport } from './axios-transport'
import type { ClientResponse, HttpAnswer, ProxyRequestOptions, ProxyTransport } from './transport'

/**
 * The sending half of the v1 delivery proxy, in the shapes rudder-transformer's own helpers use
 * (`prepareProxyRequest`, `proxyRequest`, `processAxiosResponse`). The HTTP goes through the transport it is
 * given, axios by default.
 */

export interface PreparedProxyRequest {
  endpoint: string
  method: string
  headers: Record<string, string>
  params?: Record<string, unknown>
  data?: Record<string, unknown>
  config?: Record<string, unknown>
}

/** What `processAxiosResponse` gives a response handler. */
export interface ProcessedResponse {
  response: unknown
  status: number
  headers?: Record<string, unknown>
}

export function prepareProxy(request: ProxyV1Request): PreparedProxyRequest {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const text = plainText(value)
    if (text !== undefined) headers[name] = text
  }
  // rudder-server and rudder-transformer identify themselves this way to destinations.
  headers['User-Agent'] = 'RudderLabs'
  const json = request.body?.JSON
  return {
    endpoint: request.endpoint,
    method: request.method,
    headers,
    ...(request.params && Object.keys(request.params).length ? { params: request.params } : {}),
    ...(json && Object.keys(json).length ? { data: json } : {}),
    ...(request.destinationConfig ? { config: request.destinationConfig } : {})
  }
}

export function createProxy(transport: ProxyTransport = axiosTransport) {
  return async function proxy(request: ProxyV1Request, _destType?: string): Promise<ClientResponse> {
    const { endpoint, method, headers, params, data } = prepareProxy(request)
    const options: ProxyRequestOptions = {
      url: endpoint,
      method,
      headers,
      ...(params ? { params } : {}),
      ...(data ? { data } : {})
    }
    return transport(options)
  }
}

/** rudder-transformer's `nodeSysErrorToStatus`, for the codes a network call can end with. */
const SYSTEM_ERRORS: Record<string, { status: number; message: string }> = {
  ECONNREFUSED: { status: 500, message: '[ECONNREFUSED] :: Connection refused' },
  ECONNRESET: { status: 500, message: '[ECONNRESET] :: Connection reset by peer' },
  ENOTFOUND: { status: 400, message: '[ENOTFOUND] :: DNS lookup failed' },
  EPIPE: { status: 400, message: '[EPIPE] :: Broken pipe' },
  ETIMEDOUT: { status: 500, message: '[ETIMEDOUT] :: Operation timed out' },
  EAI_AGAIN: { status: 500, message: '[EAI_AGAIN] :: Temporary failure in name resolution' },
  ECONNABORTED: { status: 500, message: '[ECONNABORTED] :: Connection aborted' }
}

/** The answer a call got, if any: an axios error carries a code even when an answer came (ERR_BAD_REQUEST). */
function answerOf(clientResponse: ClientResponse): HttpAnswer | undefined {
  if (clientResponse.success) return clientResponse.response
  return (clientResponse.response as { response?: HttpAnswer }).response
}

/** rudder-transformer's `processAxiosResponse`: the body (parsed), the status, the headers; a system error's text. */
export function processAxiosResponse(clientResponse: ClientResponse): ProcessedResponse {
  const answer = answerOf(clientResponse)
  if (!answer) {
    const code = (clientResponse.response as { code?: string }).code ?? 'ECONNRESET'
    const known = SYSTEM_ERRORS[code] ?? { status: 400, message: `[${code}]` }
    return { response: known.message, status: known.status }
  }
  return {
    response: answer.data || '',
    status: answer.status || 500,
    ...(answer.headers && Object.keys(answer.headers).length ? { headers: answer.headers } : {})
  }
}
