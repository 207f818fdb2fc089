/**
 * The seam between the delivery proxy and HTTP, in the shapes of rudder-transformer's network layer: the proxy
 * hands a transport the request options `httpSend` takes (an axios request config) and gets back its
 * `{ success, response }` wrapper. The default is axios (axios-transport.ts); upstream, rudder-transformer's own
 * `httpSend` fits the same seam.
 */

export interface ProxyRequestOptions {
  url: string
  method: string
  headers: Record<string, string>
  params?: Record<string, unknown>
  data?: unknown
}

export interface HttpAnswer {
  data: unknown
  status: number
  headers?: Record<string, unknown>
}

/** An answer of any status, or a node system error code (ETIMEDOUT, ECONNRESET…) when none came. */
export type ClientResponse =
  | { success: true; response: HttpAnswer }
  | { success: false; response: { response: HttpAnswer; code?: string } }
  | { success: false; response: { code: string; message: string } }

export type ProxyTransport = (options: ProxyRequestOptions) => Promise<ClientResponse>
