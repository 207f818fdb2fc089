import { fetchTransport, TransportError, type HttpRequest, type Transport } from '../../../src'
import { isHttpStatusSuccess, type ProxyV1Request } from '../contracts'

/**
 * The sending half of the v1 delivery proxy, in the shapes rudder-transformer's own helpers use
 * (`prepareProxyRequest`, the `{ success, response }` client wrapper, `processAxiosResponse`), on the core's
 * transport instead of axios so that this package needs no HTTP client of its own.
 */

export interface PreparedProxyRequest {
  endpoint: string
  method: string
  headers: Record<string, string>
  params?: Record<string, unknown>
  data?: Record<string, unknown>
  config?: Record<string, unknown>
}

export interface HttpAnswer {
  data: unknown
  status: number
  headers: Record<string, string>
}

/** axios-style outcome of a call: an answer of any status, or a node system error code when none came. */
export type ClientResponse =
  | { success: true; response: HttpAnswer }
  | { success: false; response: { response: HttpAnswer } }
  | { success: false; response: { code: string; message: string } }

/** What `processAxiosResponse` gives a response handler. */
export interface ProcessedResponse {
  response: unknown
  status: number
  headers?: Record<string, string>
}

export function prepareProxy(request: ProxyV1Request): PreparedProxyRequest {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined && value !== null) headers[name] = String(value)
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

function withParams(endpoint: string, params?: Record<string, unknown>): string {
  if (!params) return endpoint
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null) query.append(key, String(value))
  const text = query.toString()
  return text ? `${endpoint}${endpoint.includes('?') ? '&' : '?'}${text}` : endpoint
}

function parseBody(body: string): unknown {
  if (!body) return ''
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

const SYSTEM_ERROR: Record<TransportError['kind'], string> = { timeout: 'ETIMEDOUT', network: 'ECONNRESET' }

export function createProxy(transport: Transport = fetchTransport) {
  return async function proxy(request: ProxyV1Request, _destType?: string): Promise<ClientResponse> {
    const prepared = prepareProxy(request)
    const httpRequest: HttpRequest = {
      method: prepared.method.toUpperCase() as HttpRequest['method'],
      url: withParams(prepared.endpoint, prepared.params),
      headers: prepared.headers,
      ...(prepared.data ? { body: JSON.stringify(prepared.data) } : {})
    }
    try {
      const answer = await transport(httpRequest)
      const response: HttpAnswer = { data: parseBody(answer.body), status: answer.status, headers: answer.headers }
      return isHttpStatusSuccess(answer.status) ? { success: true, response } : { success: false, response: { response } }
    } catch (error) {
      if (error instanceof TransportError) return { success: false, response: { code: SYSTEM_ERROR[error.kind], message: error.message } }
      return { success: false, response: { code: 'ECONNRESET', message: error instanceof Error ? error.message : String(error) } }
    }
  }
}

const SYSTEM_ERROR_TEXT: Record<string, string> = {
  ETIMEDOUT: '[ETIMEDOUT] :: Operation timed out',
  ECONNRESET: '[ECONNRESET] :: Connection reset by peer'
}

/** rudder-transformer's `processAxiosResponse`: the body (parsed), the status, the headers; 500 when nothing came back. */
export function processAxiosResponse(clientResponse: ClientResponse): ProcessedResponse {
  const { response } = clientResponse
  if ('code' in response) return { response: SYSTEM_ERROR_TEXT[response.code] ?? `[${response.code}]`, status: 500 }
  const answer = 'response' in response ? response.response : response
  return {
    response: answer.data || '',
    status: answer.status || 500,
    ...(answer.headers && Object.keys(answer.headers).length ? { headers: answer.headers } : {})
  }
}
