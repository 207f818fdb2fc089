import { axiosTransport } from '../../network-handler/axios-transport'
import { createProxy, prepareProxy, processAxiosResponse } from '../../network-handler/proxy'
import type { ProxyRequestOptions } from '../../network-handler/transport'
import { networkHandler } from '../../network-handler'
import { generateProxyV1Payload } from '../data/dataDelivery/business'
import { generateProxyMetadata } from '../data/common'
import { mockAxios } from '../harness/axios-mock'

const request = generateProxyV1Payload(
  'https://example.test/api',
  'api',
  { Authorization: 'Bearer x' },
  { items: [1] },
  [generateProxyMetadata(1)]
)

describe('the sending half of the proxy', () => {
  it('prepares the JSON body, the headers and the RudderLabs user agent, as rudder-transformer does', () => {
    expect(prepareProxy(request)).toEqual({
      endpoint: 'https://example.test/api',
      method: 'POST',
      headers: { Authorization: 'Bearer x', 'User-Agent': 'RudderLabs' },
      data: { items: [1] },
      config: {}
    })
  })

  it("hands the given transport the request options rudder-transformer's httpSend takes", async () => {
    const sent: ProxyRequestOptions[] = []
    const proxy = createProxy(async (options) => {
      sent.push(options)
      return { success: false, response: { response: { status: 400, data: { a: 1 }, headers: { trackingid: 't' } } } }
    })
    const raw = await proxy({ ...request, params: { q: 'v w' } })
    expect(sent).toEqual([
      {
        url: 'https://example.test/api',
        method: 'POST',
        headers: { Authorization: 'Bearer x', 'User-Agent': 'RudderLabs' },
        params: { q: 'v w' },
        data: { items: [1] }
      }
    ])
    expect(processAxiosResponse(raw)).toEqual({ response: { a: 1 }, status: 400, headers: { trackingid: 't' } })
  })

  it('reads the answer of an axios error, whose code is not a connection failure', () => {
    const axiosError = {
      success: false as const,
      response: { code: 'ERR_BAD_REQUEST', response: { status: 401, data: 'no' } }
    }
    expect(processAxiosResponse(axiosError)).toEqual({ response: 'no', status: 401 })
  })

  it('reports a failed connection as the node system error rudder-transformer expects', async () => {
    const timeout = createProxy(async () => ({
      success: false,
      response: { code: 'ETIMEDOUT', message: 'timeout of 60000ms exceeded' }
    }))
    expect(processAxiosResponse(await timeout(request))).toEqual({
      response: '[ETIMEDOUT] :: Operation timed out',
      status: 500
    })
  })
})

describe('the default transport: axios', () => {
  const calls = [
    {
      httpReq: { url: 'https://example.test/api', method: 'POST' as const, data: { items: [1] } },
      httpRes: { status: 200, data: { ok: true } }
    },
    {
      httpReq: { url: 'https://example.test/api', method: 'POST' as const, data: { items: [2] } },
      httpRes: { status: 503, data: 'busy' }
    },
    {
      httpReq: { url: 'https://example.test/api', method: 'POST' as const, data: { items: [3] } },
      httpRes: { networkError: 'ECONNRESET' }
    }
  ]
  let restore: () => void
  beforeAll(() => {
    restore = mockAxios(calls)
  })
  afterAll(() => restore())

  it('is what the exported networkHandler sends with, so an axios mock answers it and fetch is never called', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch')
    const handler = new networkHandler()
    expect(handler.processAxiosResponse(await handler.proxy(request))).toEqual({ response: { ok: true }, status: 200 })
    expect(fetchSpy).not.toHaveBeenCalled()
    fetchSpy.mockRestore()
  })

  it("wraps a non-2xx answer and a network error as rudder-transformer's network layer does", async () => {
    const options = { url: 'https://example.test/api', method: 'POST', headers: {} }
    expect(await axiosTransport({ ...options, data: { items: [2] } })).toEqual({
      success: false,
      response: { response: { status: 503, data: 'busy', headers: {} } }
    })
    expect(await axiosTransport({ ...options, data: { items: [3] } })).toEqual({
      success: false,
      response: { code: 'ECONNRESET', message: 'ECONNRESET' }
    })
  })
})
