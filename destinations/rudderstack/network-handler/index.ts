import { processAxiosResponse } from '../contracts/network-utils'
import { prepareProxy, proxy } from './proxy'
import { responseHandler } from './response-handler'

export interface NetworkHandler {
  prepareProxy: typeof prepareProxy
  proxy: typeof proxy
  processAxiosResponse: typeof processAxiosResponse
  responseHandler: typeof responseHandler
}

function bingadsConversionsNetworkHandler(this: NetworkHandler) {
  this.prepareProxy = prepareProxy
  this.proxy = proxy
  this.processAxiosResponse = processAxiosResponse
  this.responseHandler = responseHandler
}

/**
 * rudder-transformer's v1 network handler: a constructor whose instances carry `prepareProxy`, `proxy`,
 * `processAxiosResponse` and `responseHandler` (`new networkHandler()` in its networkHandlerFactory).
 */
export const networkHandler = bingadsConversionsNetworkHandler as unknown as new () => NetworkHandler

export { processAxiosResponse } from '../contracts/network-utils'
export { prepareProxy, proxy } from './proxy'
export { responseHandler } from './response-handler'
export type { PreparedProxyRequest } from './proxy'
export type { ProcessedResponse } from './response-handler'
