/**
 * uetCapiEvent's default mapping reads the ids the msads browser module shares with the UET tag: properties.event_id
 * as eventId (else the messageId, as before) and properties.page_load_id as pageLoadId.
 */
import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import { AUTH, CAPI, CAPI_EVENTS, SETTINGS, useTestEnvironment } from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const PAGE_LOAD_ID = '6f1c3a52-8e4b-4d0a-9b7e-2c5d8f0a1b3c'

async function sentEvent(properties: Record<string, unknown>): Promise<Record<string, unknown>> {
  const bodies: Array<{ data: Array<Record<string, unknown>> }> = []
  nock(CAPI)
    .post(CAPI_EVENTS, (body: { data: Array<Record<string, unknown>> }) => {
      bodies.push(body)
      return true
    })
    .reply(200, { eventsReceived: 1 })
  const event: SegmentEvent = createTestEvent({
    type: 'track',
    event: 'Order Completed',
    messageId: 'msg-1',
    timestamp: '2026-11-21T11:00:00.000Z',
    properties: { order_id: 'order-1', revenue: 42, currency: 'USD', ...properties }
  })
  await testDestination.testAction('uetCapiEvent', {
    event,
    settings: SETTINGS,
    auth: AUTH,
    mapping: {},
    useDefaultMappings: true
  })
  expect(bodies).toHaveLength(1)
  return bodies[0].data[0]
}

describe('uetCapiEvent and the browser module', () => {
  it('sends properties.event_id as eventId and properties.page_load_id as pageLoadId, under the event name', async () => {
    const event = await sentEvent({ event_id: 'order-1', page_load_id: PAGE_LOAD_ID })
    expect(event).toMatchObject({ eventId: 'order-1', eventName: 'Order Completed', pageLoadId: PAGE_LOAD_ID })
  })

  it('falls back to the messageId, with no pageLoadId, when the event carries neither', async () => {
    const event = await sentEvent({})
    expect(event.eventId).toBe('msg-1')
    expect(event).not.toHaveProperty('pageLoadId')
  })
})
