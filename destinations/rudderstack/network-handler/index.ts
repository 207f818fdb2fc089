import { fetchTransport, type Transport } from '../../../src'
import { createProxy, prepareProxy, processAxiosResponse } from './proxy'
import { responseHandler } from './response-handler'

export interface NetworkHandler {
  prepareProxy: typeof prepareProxy
  proxy: ReturnType<typeof createProxy>
  processAxiosResponse: typeof processAxiosResponse
  responseHandler: typeof responseHandler
}

/**
 * rudder-transformer's v1 network handler: a constructor whose instances carry `prepareProxy`, `proxy`,
 * `processAxiosResponse` and `responseHandler` (`new networkHandler()` in its networkHandlerFactory).
 */
export function createNetworkHandler(transport: Transport = fetchTransport): new () => NetworkHandler {
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
export type { ClientResponse, PreparedProxyRequest, ProcessedResponse } from './proxy'
