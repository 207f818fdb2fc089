import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  describeRequest,
  maskSecrets,
  OFFLINE_APPLY,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

describe('trackConversion exact request', () => {
  it('sends this exact request for an order with every field mapped', async () => {
    nock(CAMPAIGN).post(OFFLINE_APPLY).reply(200, { PartialErrors: [] }, { TrackingId: 'trk-snapshot' })
    const responses = await testDestination.testAction('trackConversion', {
      event: createTestEvent({
        type: 'track',
        event: 'Order Completed',
        messageId: 'msg-snapshot',
        timestamp: '2026-11-20T08:30:00+02:00',
        properties: {
          order_id: 'order-9',
          total: '99.90',
          currency: 'eur',
          msclkid: CLICK_ID,
          model: 'data-driven',
          credit: 0.4
        },
        context: { traits: { email: ' Jane.Doe+promo@Example.org ', phone: '+44 20 7946 0958' } }
      }),
      settings: SETTINGS,
      auth: AUTH,
      mapping: {
        conversion_name: 'Purchase',
        external_attribution_model: { '@path': '$.properties.model' },
        external_attribution_credit: { '@path': '$.properties.credit' }
      },
      useDefaultMappings: true
    })
    expect(responses.map(describeRequest)).toMatchSnapshot()
    expect(maskSecrets(testDestination.results.at(-1))).toMatchSnapshot()
  })
})
