import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAPI,
  CAPI_EVENTS,
  describeRequest,
  maskSecrets,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

describe('uetCapiEvent exact request', () => {
  it('sends this exact request for a purchase with items and hotel data', async () => {
    nock(CAPI).post(CAPI_EVENTS).reply(200, { eventsReceived: 1 })
    const responses = await testDestination.testAction('uetCapiEvent', {
      event: createTestEvent({
        type: 'track',
        event: 'Order Completed',
        messageId: 'msg-snapshot',
        anonymousId: 'anon-1',
        userId: 'user-9',
        timestamp: '2026-11-21T11:30:00.000Z',
        properties: {
          order_id: 'order-9',
          revenue: 420.5,
          currency: 'EUR',
          query: 'lake view',
          products: [{ product_id: 'room-1', name: 'Lake view', price: '210.25', quantity: 2 }],
          hotel: { total: 420.5, base: 380, checkin: '2026-12-01', checkout: '2026-12-03', nights: 2, id: 'h-7' }
        },
        context: {
          ip: '198.51.100.4',
          userAgent: 'Mozilla/5.0 (snapshot)',
          traits: { email: 'john@contoso.com' },
          page: {
            url: 'https://hotel.example/book?msclkid=f894f652ea334e739002f7167ab8f8e3',
            title: 'Book',
            referrer: 'https://www.bing.com/search?q=hotel'
          },
          consent: { categoryPreferences: { Advertising: true } }
        }
      }),
      settings: SETTINGS,
      auth: AUTH,
      mapping: {
        pageLoadId: '0c6e2a7e-5b1f-4c3e-9f3a-2f1d8c9b7a61',
        customData: {
          transactionId: { '@path': '$.properties.order_id' },
          value: { '@path': '$.properties.revenue' },
          currency: { '@path': '$.properties.currency' },
          searchTerm: { '@path': '$.properties.query' },
          pageType: 'purchase',
          itemIds: ['room-1']
        },
        hotelData: {
          totalPrice: { '@path': '$.properties.hotel.total' },
          basePrice: { '@path': '$.properties.hotel.base' },
          checkinDate: { '@path': '$.properties.hotel.checkin' },
          checkoutDate: { '@path': '$.properties.hotel.checkout' },
          lengthOfStay: { '@path': '$.properties.hotel.nights' },
          partnerHotelId: { '@path': '$.properties.hotel.id' }
        }
      },
      useDefaultMappings: true
    })
    expect(responses.map(describeRequest)).toMatchSnapshot()
    expect(maskSecrets(testDestination.results.at(-1))).toMatchSnapshot()
  })
})
