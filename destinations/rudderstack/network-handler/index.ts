import { axiosTransport } from './axios-transport'
import { createProxy, prepareProxy, processAxiosResponse } from './proxy'
import { responseHandler } from './response-handler'
import type { ProxyTransport } from './transport'

export interface NetworkHandler {
  prepareProxy: typeof prepareProxy
  proxy: ReturnType<typeof createProxy>
  processAxiosResponse: typeof processAxiosResponse
  responseHandler: typeof responseHandler
}

/**
 * rudder-transformer's v1 network handler: a constructor whose instances carry `prepareProxy`, `proxy`,
 * `processAxiosResponse` and `responseHandler` (`new networkHandler()` in its networkHandlerFactory). Its HTTP goes
 * through `transport`: axios by default, as in rudder-transformer's network layer.
 */
export function createNetworkHandler(transport: ProxyTransport = axiosTransport): new () => NetworkHandler {
  const proxy = createProxy(transport)
  return function networkHandler(this: NetworkHandler) {
    this.prepareProxy = prepareProxy
    this.proxy = proxy
    this.processAxiosResponse = processAxiosResponse
    this.responseHandler = responseHandler
  } as unknown as new () => NetworkHandler
}

export const networkHandler = createNetworkHandler()

export { prepareProxy, processAxiosResponse, responseHandler }
export type { PreparedProxyRequest, ProcessedResponse } from './proxy'
export type { ClientResponse, HttpAnswer, ProxyRequestOptions, ProxyTransport } from './transport'
export { axiosTransport }
