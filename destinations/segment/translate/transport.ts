import type { ModifiedResponse, RequestClient } from '@segment/actions-core'
import { TransportError } from 'msads-conversions'
import type { HttpRequest, HttpResponse, Transport } from 'msads-conversions'
import { EXTENDED_HEADER_NAMES } from '../auth/request-headers'

/**
 * The core's HTTP calls, made with actions-core's `request`: extendRequest, the framework's response hooks and
 * test interception all apply. HTTP errors come back as responses for the core to classify.
 *
 * `skipResponseCloning`: otherwise actions-core's after-response step reads a clone of the body, and with its fetch
 * the unread original stops the stream once its buffer is full, so an answer over about 64 KiB (the PartialErrors
 * of a large batch) never finishes. Nothing else reads the body: the core gets it from `content`.
 */
export function requestTransport(request: RequestClient): Transport {
  return async (call: HttpRequest): Promise<HttpResponse> => {
    let response: ModifiedResponse
    try {
      response = await request(call.url, {
        method: call.method,
        headers: withoutForeignHeaders(call.headers),
        body: call.body,
        timeout: call.timeoutMs,
        throwHttpErrors: false,
        skipResponseCloning: true
      })
    } catch (error) {
      throw asTransportError(error)
    }
    return { status: response.status, headers: lowerCaseHeaders(response.headers), body: response.content ?? '' }
  }
}

/**
 * extendRequest puts the Campaign Management headers on every request. A request the core built without them
 * (the token endpoint, the Conversions API) must not carry them: actions-core drops a header whose value is the
 * string 'undefined'.
 */
function withoutForeignHeaders(headers: Record<string, string>): Record<string, string> {
  const present = new Set(Object.keys(headers).map((name) => name.toLowerCase()))
  const out = { ...headers }
  for (const name of EXTENDED_HEADER_NAMES) {
    if (!present.has(name.toLowerCase())) out[name] = 'undefined'
  }
  return out
}

function lowerCaseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value
  })
  return out
}

function asTransportError(error: unknown): TransportError {
  const { name = '', type = '', message = '' } = (error ?? {}) as { name?: string; type?: string; message?: string }
  if (/timeout/i.test(name) || type === 'request-timeout')
    return new TransportError('timeout', 'The request timed out.')
  const reason = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|socket hang up/.exec(message)?.[0]
  return new TransportError('network', `The connection failed${reason ? ` (${reason})` : ''}.`)
}
