import { createProxy, prepareProxy, processAxiosResponse } from '../../network-handler/proxy'
import { TransportError, type HttpRequest } from '../../../../src'
import { generateProxyV1Payload } from '../data/dataDelivery/business'
import { generateProxyMetadata } from '../data/common'

const request = generateProxyV1Payload('https://example.test/api', 'api', { Authorization: 'Bearer x' }, { items: [1] }, [generateProxyMetadata(1)])

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

  it('sends through the given transport and wraps the answer like axios', async () => {
    const sent: HttpRequest[] = []
    const proxy = createProxy(async (req) => {
      sent.push(req)
      return { status: 400, headers: { trackingid: 't' }, body: '{"a":1}' }
    })
    const raw = await proxy({ ...request, params: { q: 'v w' } })
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://example.test/api?q=v+w', body: '{"items":[1]}' })
    expect(processAxiosResponse(raw)).toEqual({ response: { a: 1 }, status: 400, headers: { trackingid: 't' } })
  })

  it('reports a failed connection as the node system error rudder-transformer expects', async () => {
    const timeout = createProxy(async () => {
      throw new TransportError('timeout', 'No answer within 30000 ms.')
    })
    expect(processAxiosResponse(await timeout(request))).toEqual({ response: '[ETIMEDOUT] :: Operation timed out', status: 500 })
  })
})
