import { createTestEvent, createTestIntegration, IntegrationError, PayloadValidationError, RetryableError } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  describeRequest,
  GOALS_QUERY,
  JOHN_EMAIL_SHA256,
  OFFLINE_APPLY,
  PHONE_SHA256,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const CONVERSION_TIME = '2026-11-20T08:30:00.000Z'

function orderCompleted(properties: Record<string, unknown> = {}, context: Record<string, unknown> = {}) {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    timestamp: CONVERSION_TIME,
    properties: { order_id: 'order-1', revenue: 42.5, currency: 'usd', ...properties },
    context: { traits: { email: 'John@Contoso.com', phone: '+1 425-555-1234' }, page: { url: `https://shop.example/landing?msclkid=${CLICK_ID}` }, ...context }
  })
}

const mapping = { conversion_name: 'Purchase' }

describe('trackConversion', () => {
  it('sends the offline conversion with hashed identity, the page URL click id, and the Microsoft headers', async () => {
    let sent: unknown
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY, (body) => {
        sent = body
        return true
      })
      .reply(200, { PartialErrors: [] }, { TrackingId: 'trk-1' })

    const responses = await testDestination.testAction('trackConversion', {
      event: orderCompleted(),
      settings: SETTINGS,
      auth: AUTH,
      mapping,
      useDefaultMappings: true
    })

    expect(sent).toEqual({
      OfflineConversions: [
        {
          ConversionCurrencyCode: 'USD',
          ConversionName: 'Purchase',
          ConversionTime: CONVERSION_TIME,
          ConversionValue: 42.5,
          HashedEmailAddress: JOHN_EMAIL_SHA256,
          HashedPhoneNumber: PHONE_SHA256,
          MicrosoftClickId: CLICK_ID
        }
      ]
    })
    expect(responses).toHaveLength(1)
    expect(describeRequest(responses[0]).headers).toMatchObject({
      authorization: 'Bearer <access_token>',
      developertoken: '<developer_token>',
      customerid: '1111111',
      customeraccountid: '2222222',
      'content-type': 'application/json'
    })
    expect(testDestination.results.at(-1)?.data).toEqual({
      outcome: 'delivered',
      reason: 'accepted',
      message: 'Accepted by Microsoft Advertising.',
      trackingId: 'trk-1'
    })
  })
})
