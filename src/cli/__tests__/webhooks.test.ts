import { startEmulator, type RunningEmulator } from '../../emulator'
import { startServe, type RunningServe } from '../serve/start-serve'
import { demoEnv, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from './helpers'
import { rudderTrack, rudderWebhook, segmentBatch, segmentSingle, type SenderRequest } from './webhook-senders'

const CALLER_TOKEN = 'caller-token-0123456789abcdef'

async function post(url: string, request: SenderRequest, bearer = true) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...request.headers, ...(bearer ? { Authorization: `Bearer ${CALLER_TOKEN}` } : {}) },
    body: request.body
  })
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json: (await response.json()) as any
  }
}

type Stored = Record<string, Array<{ item: Record<string, any> }>>

describe('POST /webhooks/segment and /webhooks/rudderstack', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let serve: RunningServe
  let run = 0

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(() => emulator)
  beforeEach(async () => {
    emulator.reset()
    serve = await startServe({
      port: 0,
      env: {
        ...demoEnv(directory.path, { MSADS_TOKEN_FILE: `${directory.path}/tokens-${++run}.json` }),
        MSADS_SERVE_TOKEN: CALLER_TOKEN,
        LOG_LEVEL: 'silent'
      }
    })
  })
  afterEach(async () => serve.close())
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('takes one Segment event, unsigned, and sends it through trackConversion', async () => {
    const answer = await post(`${serve.url}/webhooks/segment`, segmentSingle(orderCompleted(1)))
    expect(answer.status).toBe(200)
    expect(answer.json.results).toMatchObject([{ index: 0, messageId: 'message-1', outcome: 'delivered' }])
    const stored = emulator.state().offlineConversions.records as Stored
    expect(
      Object.values(stored)
        .flat()
        .map((record) => record.item.ConversionName)
    ).toEqual(['Purchase'])
  })

  it('takes RudderStack messages with a custom header', async () => {
    const message = rudderTrack(1, 'Order Completed', {
      order_id: 'R-1',
      revenue: 12,
      currency: 'USD',
      msclkid: 'a'.repeat(32)
    })
    const answer = await post(
      `${serve.url}/webhooks/rudderstack`,
      rudderWebhook(message, [{ from: 'Authorization', to: `Bearer ${CALLER_TOKEN}` }]),
      false
    )
    expect(answer.json).toMatchObject({ results: [{ outcome: 'delivered' }] })
    expect(answer.status).toBe(200)
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(1)
  })

  it('takes a batch array', async () => {
    const answer = await post(`${serve.url}/webhooks/segment`, segmentBatch([orderCompleted(1), orderCompleted(2)]))
    expect(answer.status).toBe(200)
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(2)
  })
})
