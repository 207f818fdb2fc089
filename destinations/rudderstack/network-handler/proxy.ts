import { plainText } from 'msads-conversions'
import { DESTINATION_TYPE } from '../constants'
import { httpSend } from '../contracts/network'
import type { ProxyV1Request } from '../contracts/rudder-types'

/**
 * The sending half of the v1 delivery proxy: rudder-transformer's `httpSend` with the stat tags of its outgoing
 * request metrics (feature `proxy`, the endpoint path), so its request logs, metrics and mocks see every call.
 */

export interface PreparedProxyRequest {
  endpoint: string
  method: string
  headers: Record<string, string>
  params?: Record<string, unknown>
  data?: Record<string, unknown>
  config?: Record<string, unknown>
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
    ...(request.params && Object.keys(request.params).length > 0 ? { params: request.params } : {}),
    ...(json && Object.keys(json).length > 0 ? { data: json } : {}),
    ...(request.destinationConfig ? { config: request.destinationConfig } : {})
  }
}

export async function proxy(request: ProxyV1Request, destType?: string) {
  const { endpoint, method, headers, params, data } = prepareProxy(request)
  return httpSend(
    { url: endpoint, method, headers, ...(params ? { params } : {}), ...(data ? { data } : {}) },
    {
      feature: 'proxy',
      destType: destType ?? DESTINATION_TYPE.toLowerCase(),
      endpointPath: request.endpointPath ?? '',
      requestMethod: method,
      module: 'dataDelivery',
      metadata: request.metadata
    }
  )
}
