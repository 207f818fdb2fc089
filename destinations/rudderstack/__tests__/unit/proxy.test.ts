import { AxiosError } from 'axios'
import { httpSend } from '../../contracts/network'
import { processAxiosResponse } from '../../contracts/network-utils'
import { prepareProxy, proxy } from '../../network-handler/proxy'
import { networkHandler } from '../../network-handler'
import { generateProxyV1Payload } from '../data/dataDelivery/business'
import { generateProxyMetadata } from '../data/common'
import { mockAdapter, mockAxios } from '../harness/axios-mock'

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

  it('reads the answer of an axios error, whose code is not a connection failure', () => {
    const axiosError = {
      success: false as const,
      response: { code: 'ERR_BAD_REQUEST', response: { status: 401, data: 'no' } }
    }
    expect(processAxiosResponse(axiosError)).toEqual({ response: 'no', status: 401 })
  })

  it('reports a failed connection as the node system error rudder-transformer expects', () => {
    const timeout = { success: false, response: { code: 'ETIMEDOUT', message: 'timeout of 60000ms exceeded' } }
    expect(processAxiosResponse(timeout)).toEqual({ response: '[ETIMEDOUT] :: Operation timed out', status: 500 })
  })
})

describe("sending through rudder-transformer's httpSend (axios)", () => {
  const calls = [
    {
      httpReq: { url: 'https://example.test/api', method: 'POST' as const, data: { items: [1] } },
      httpRes: { status: 200, data: { ok: true } }
    },
    {
      httpReq: { url: 'https://example.test/api', method: 'POST' as const, data: { items: [2] } },
      httpRes: { status: 503, data: 'busy' }
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

  it('sends the prepared request and reads each answer as rudder-transformer does', async () => {
    expect(processAxiosResponse(await proxy(request))).toEqual({ response: { ok: true }, status: 200 })
    const busy = await proxy({ ...request, body: { JSON: { items: [2] } } })
    expect(processAxiosResponse(busy)).toEqual({ response: 'busy', status: 503 })
    mockAdapter
      .onPost('https://example.test/api', { items: [3] })
      .replyOnce((config) => Promise.reject(AxiosError.from(new Error('reset'), 'ECONNRESET', config)))
    const reset = await httpSend({ url: 'https://example.test/api', method: 'POST', data: { items: [3] } })
    expect(processAxiosResponse(reset)).toEqual({ response: '[ECONNRESET] :: Connection reset by peer', status: 500 })
  })
})
