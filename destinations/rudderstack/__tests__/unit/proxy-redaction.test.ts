import { TransformerProxyError } from '../../contracts/error-types'
import { networkHandler } from '../../network-handler'
import { generateProxyV1Payload } from '../data/dataDelivery/business'
import { ACCESS_TOKEN, applyHeaders, DEVELOPER_TOKEN, ENDPOINTS, generateProxyMetadata } from '../data/common'

const EMAIL = 'jane.doe@example.com'
const LONG_ACCESS_TOKEN = `${ACCESS_TOKEN}-0123456789`

/** What rudder-transformer's httpSend hands back: Microsoft's status, headers and parsed body. */
interface HttpAnswer {
  status: number
  headers: Record<string, string>
  data: unknown
}

/** A Microsoft answer whose messages echo what the request carried: the caller's tokens and a person's email. */
function echoing(status: number): HttpAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', trackingid: 'tracking-r1', 'set-cookie': 'session=abc123456' },
    data: {
      TrackingId: 'tracking-r1',
      Type: 'ApiFaultDetail',
      BatchErrors: [
        {
          Code: 5606,
          ErrorCode: 'OfflineConversionNameInvalid',
          Index: 0,
          FieldPath: 'ConversionName',
          Message: `Invalid for ${EMAIL}; token ${LONG_ACCESS_TOKEN}; developer token ${DEVELOPER_TOKEN}.`,
          Details: `Authorization: Bearer ${LONG_ACCESS_TOKEN}`,
          Type: 'BatchError',
          Echo: { email: EMAIL }
        }
      ],
      OperationErrors: [],
      RequestEcho: { headers: { Authorization: `Bearer ${LONG_ACCESS_TOKEN}` }, email: EMAIL }
    }
  }
}

async function deliver(answer: HttpAnswer): Promise<string> {
  const handler = new networkHandler()
  const request = generateProxyV1Payload(
    ENDPOINTS.offline,
    'OfflineConversions/Apply',
    { ...applyHeaders, Authorization: `Bearer ${LONG_ACCESS_TOKEN}` },
    { OfflineConversions: [{ ConversionName: 'Purchase' }] },
    [generateProxyMetadata(1)]
  )
  // What httpSend returns for this answer (a failed call carries it as axios's error.response).
  const sent =
    answer.status < 300 ? { success: true, response: answer } : { success: false, response: { response: answer } }
  const destinationResponse = handler.processAxiosResponse(sent)
  try {
    const answer = handler.responseHandler({
      destinationResponse,
      rudderJobMetadata: request.metadata,
      destinationRequest: request
    })
    // The jobs' metadata is rudder-server's own (its secret included), echoed as the contract asks.
    return JSON.stringify({ ...answer, response: answer.response.map(({ metadata: _metadata, ...state }) => state) })
  } catch (error) {
    expect(error).toBeInstanceOf(TransformerProxyError)
    const { message, destinationResponse: shown, response } = error as TransformerProxyError
    const states = (response as Array<Record<string, unknown>>).map(({ metadata: _metadata, ...state }) => state)
    return JSON.stringify({ message, shown, response: states })
  }
}

describe("the proxy's answer", () => {
  it.each([400, 200])(
    "carries Microsoft's parsed error but never its echo of tokens or an email (HTTP %i)",
    async (status) => {
      const text = await deliver(echoing(status))
      expect(text).toContain('OfflineConversionNameInvalid')
      expect(text).toContain('tracking-r1')
      expect(text).not.toContain(LONG_ACCESS_TOKEN)
      expect(text).not.toContain(DEVELOPER_TOKEN)
      expect(text).not.toContain(EMAIL)
      expect(text).not.toContain('RequestEcho')
      expect(text).not.toContain('set-cookie')
    }
  )
})
