/**
 * The ids the msads browser module shares with the UET tag: properties.event_id becomes the CAPI eventId (else the
 * messageId, as before), properties.page_load_id the pageLoadId, and the SDK's anonymousId the userData.anonymousId
 * that Microsoft matches to the ID Sync's VID.
 */
import { destination, generateMetadata, trackEvent } from '../data/common'
import { freezeClock, releaseClock } from '../harness/clock'
import { runProcessor } from '../../service-layer'

beforeAll(freezeClock)
afterAll(releaseClock)

const PAGE_LOAD_ID = '6f1c3a52-8e4b-4d0a-9b7e-2c5d8f0a1b3c'

async function capiEventOf(properties: Record<string, unknown>) {
  const message = trackEvent('Order Completed', { properties: { order_id: 'order-1', revenue: 49.99, ...properties } })
  const response = await runProcessor([
    { message, metadata: generateMetadata(1), destination: destination({ sendTrackEventsToCapi: true }) }
  ])
  const outputs = response.body.map((result: { statusCode: number; output?: { body?: { JSON?: unknown } } }) => {
    expect(result.statusCode).toBe(200)
    return result.output?.body?.JSON as { data?: Array<Record<string, any>> } | undefined
  })
  const capi = outputs.find((body: { data?: unknown } | undefined) => Array.isArray(body?.data))
  expect(capi?.data).toHaveLength(1)
  return capi!.data![0]
}

describe('the CAPI event of a conversion the browser module shared with the UET tag', () => {
  it('takes eventId from properties.event_id and pageLoadId from properties.page_load_id', async () => {
    const event = await capiEventOf({ event_id: 'a2b8c1d4-0000-4000-8000-00000000e1d1', page_load_id: PAGE_LOAD_ID })
    expect(event.eventId).toBe('a2b8c1d4-0000-4000-8000-00000000e1d1')
    expect(event.eventName).toBe('Order Completed')
    expect(event.pageLoadId).toBe(PAGE_LOAD_ID)
    expect(event.userData.anonymousId).toBe('anon-1')
  })

  it('keeps the messageId as the eventId when the event has no event_id, and sends no pageLoadId', async () => {
    const event = await capiEventOf({})
    expect(event.eventId).toBe('msg-order-completed')
    expect(event).not.toHaveProperty('pageLoadId')
  })
})
