import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  describeRequest,
  OFFLINE_ADJUST,
  ONLINE_ADJUST,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

describe('adjustConversion exact request', () => {
  it('sends these exact requests for an offline and an online restatement', async () => {
    nock(CAMPAIGN).post(OFFLINE_ADJUST).reply(200, { PartialErrors: [] })
    nock(CAMPAIGN).post(ONLINE_ADJUST).reply(200, { PartialErrors: [] })
    const event = (properties: Record<string, unknown>) =>
      createTestEvent({
        type: 'track',
        event: 'Order Updated',
        timestamp: '2026-11-21T10:15:00.000Z',
        properties: { revenue: 80, currency: 'USD', ...properties },
        context: { traits: { email: 'john@contoso.com' } }
      })
    const responses = await testDestination.testBatchAction('adjustConversion', {
      events: [
        event({ msclkid: CLICK_ID, converted_at: '2026-11-02T07:00:00.000Z', order_id: 'order-1' }),
        event({ order_id: 'order-2' })
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping: {
        adjustment_type: 'Restate',
        conversion_name: 'Purchase',
        conversion_time: { '@path': '$.properties.converted_at' }
      },
      useDefaultMappings: true
    })
    const requests = responses.map(describeRequest).sort((a, b) => a.url.localeCompare(b.url))
    expect(requests).toMatchSnapshot()
    expect(testDestination.results).toMatchSnapshot()
  })
})
