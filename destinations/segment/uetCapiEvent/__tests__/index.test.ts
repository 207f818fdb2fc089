import { createTestEvent, createTestIntegration, IntegrationError, PayloadValidationError } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  CAMPAIGN_PATH,
  CAPI,
  CAPI_EVENTS,
  CLICK_ID,
  describeRequest,
  JOHN_EMAIL_SHA256,
  PHONE_SHA256,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const EVENT_TIME = '2026-11-21T11:00:00.000Z'
const EVENT_SECONDS = Date.parse(EVENT_TIME) / 1000
const TAG_KEY_QUERY = `${CAMPAIGN_PATH}/UetTagAuthKey/Query`

function purchase(overrides: Partial<SegmentEvent> = {}): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    messageId: 'msg-1',
    userId: 'user-1',
    timestamp: EVENT_TIME,
    properties: {
      order_id: 'order-1',
      revenue: 59.97,
      currency: 'USD',
      products: [
        { product_id: 'sku-1', name: 'Mug', price: 19.99, quantity: 2 },
        { product_id: 'sku-2', name: 'Tea', price: 19.99, quantity: 1 }
      ]
    },
    context: {
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      traits: { email: 'John@Contoso.com', phone: '+14255551234' },
      page: {
        url: `https://shop.example/checkout?msclkid=${CLICK_ID}`,
        title: 'Checkout',
        referrer: 'https://www.bing.com/'
      }
    },
    ...overrides
  })
}

function captureEvents(bodies: unknown[], reply: object = { eventsReceived: 1 }, status = 200) {
  return nock(CAPI)
    .post(CAPI_EVENTS, (body) => {
      bodies.push(body)
      return true
    })
    .reply(status, reply)
}

function run(event: SegmentEvent, settings = SETTINGS, mapping: JSONObject = {}) {
  return testDestination.testAction('uetCapiEvent', { event, settings, auth: AUTH, mapping, useDefaultMappings: true })
}

describe('uetCapiEvent', () => {
  it("sends the event with the tag's token, request-level options, hashed user data and decimal item prices", async () => {
    const bodies: unknown[] = []
    captureEvents(bodies)
    const responses = await run(purchase())

    expect(bodies).toEqual([
      {
        data: [
          {
            eventType: 'custom',
            eventTime: EVENT_SECONDS,
            eventId: 'msg-1',
            eventName: 'Order Completed',
            eventSourceUrl: `https://shop.example/checkout?msclkid=${CLICK_ID}`,
            referrerUrl: 'https://www.bing.com/',
            pageTitle: 'Checkout',
            adStorageConsent: 'G',
            userData: {
              // Microsoft's UUID form of the click id (UET Conversions API guide).
              msclkid: 'f894f652-ea33-4e73-9002-f7167ab8f8e3',
              em: JOHN_EMAIL_SHA256,
              ph: PHONE_SHA256,
              // createTestEvent's anonymousId, mapped by default
              anonymousId: 'anonId1234',
              externalId: 'user-1',
              clientIpAddress: '203.0.113.7',
              clientUserAgent: 'Mozilla/5.0'
            },
            customData: {
              transactionId: 'order-1',
              value: 59.97,
              currency: 'USD',
              items: [
                { id: 'sku-1', name: 'Mug', price: 19.99, quantity: 2 },
                { id: 'sku-2', name: 'Tea', price: 19.99, quantity: 1 }
              ]
            }
          }
        ],
        continueOnValidationError: true,
        dataProvider: 'SEGMENT'
      }
    ])
    const { headers } = describeRequest(responses[0])
    expect(headers.authorization).toBe('Bearer <uet_capi_token>')
    // The Campaign Management headers of extendRequest stay off the Conversions API.
    expect(headers).not.toHaveProperty('developertoken')
    expect(headers).not.toHaveProperty('customerid')
    expect(headers).not.toHaveProperty('customeraccountid')
  })

  it('maps error.details to exactly the events they name', async () => {
    captureEvents([], {
      eventsReceived: 2,
      error: {
        code: 'ValidationError',
        message: 'One or multiple parameters did not pass validation checks, see details.',
        details: [
          {
            index: 1,
            propertyName: 'data[1].eventSourceUrl',
            errorMessage: "'eventSourceUrl' must be a valid URL.",
            errorCode: 'InvalidUrl',
            isWarning: false
          }
        ]
      }
    })
    await testDestination.testBatchAction('uetCapiEvent', {
      events: [purchase(), purchase({ messageId: 'msg-2' }), purchase({ messageId: 'msg-3' })],
      settings: SETTINGS,
      auth: AUTH,
      mapping: {},
      useDefaultMappings: true
    })
    const [first, second, third] = testDestination.results[0].multistatus ?? []
    // Each entry: the event as Microsoft received it, and Microsoft's answer about it (its own detail, if any).
    const requestAnswer = {
      eventsReceived: 2,
      error: {
        code: 'ValidationError',
        message: 'One or multiple parameters did not pass validation checks, see details.'
      }
    }
    expect(first).toMatchObject({ status: 200, sent: { eventId: 'msg-1', eventName: 'Order Completed' } })
    expect(first).toMatchObject({ body: requestAnswer })
    expect(second).toMatchObject({
      status: 400,
      errormessage: "[InvalidUrl] data[1].eventSourceUrl: 'eventSourceUrl' must be a valid URL.",
      errorreporter: 'DESTINATION',
      sent: { eventId: 'msg-2' },
      body: {
        index: 1,
        propertyName: 'data[1].eventSourceUrl',
        errorMessage: "'eventSourceUrl' must be a valid URL.",
        errorCode: 'InvalidUrl',
        isWarning: false
      }
    })
    expect(third).toMatchObject({ status: 200, sent: { eventId: 'msg-3' }, body: requestAnswer })
  })

  it('sends events whose request options differ in separate requests, and answers each event in its place', async () => {
    const bodies: Array<Record<string, unknown>> = []
    captureEvents(bodies, { eventsReceived: 2 })
    captureEvents(bodies, { eventsReceived: 1 })
    const acme = purchase({ messageId: 'msg-2' })
    acme.properties = { ...acme.properties, provider: 'ACME-CDP' }
    await testDestination.testBatchAction('uetCapiEvent', {
      events: [purchase(), acme, purchase({ messageId: 'msg-3' })],
      settings: SETTINGS,
      auth: AUTH,
      mapping: { dataProvider: { '@path': '$.properties.provider' } },
      useDefaultMappings: true
    })
    const eventIds = (body: Record<string, unknown>) => (body.data as Array<{ eventId: string }>).map((e) => e.eventId)
    expect(bodies.map((body) => [body.dataProvider, eventIds(body)])).toEqual([
      ['msads-conversions', ['msg-1', 'msg-3']],
      ['ACME-CDP', ['msg-2']]
    ])
    const entries = testDestination.results[0].multistatus ?? []
    expect(entries.map((entry) => [entry.status, (entry as { sent?: { eventId?: string } }).sent?.eventId])).toEqual([
      [200, 'msg-1'],
      [200, 'msg-2'],
      [200, 'msg-3']
    ])
    expect(entries[1]).toMatchObject({ body: { eventsReceived: 1 } })
  })

  it('fetches the tag key with the Microsoft Advertising credentials when no token is pasted, once per batch', async () => {
    const settings = { ...SETTINGS, uet_capi_token: '' }
    let keyQuery: unknown
    nock(CAMPAIGN)
      .post(TAG_KEY_QUERY, (body) => {
        keyQuery = body
        return true
      })
      .matchHeader('developertoken', SETTINGS.developer_token)
      .once()
      .reply(200, { UetTagAuthKey: 'fetched-tag-key-0001', PartialErrors: [] })
    nock(CAPI)
      .post(CAPI_EVENTS)
      .matchHeader('authorization', 'Bearer fetched-tag-key-0001')
      .reply(200, { eventsReceived: 2 })

    await testDestination.testBatchAction('uetCapiEvent', {
      events: [purchase(), purchase({ messageId: 'msg-2' })],
      settings,
      auth: AUTH,
      mapping: {},
      useDefaultMappings: true
    })

    expect(keyQuery).toEqual({ UetTagId: '3333333' })
    expect(nock.pendingMocks()).toEqual([])
  })

  it('keeps nothing between invocations: the next one fetches the key again', async () => {
    const settings = { ...SETTINGS, uet_capi_token: '' }
    nock(CAMPAIGN).post(TAG_KEY_QUERY).times(2).reply(200, { UetTagAuthKey: 'fetched-tag-key-0001' })
    nock(CAPI)
      .post(CAPI_EVENTS)
      .matchHeader('authorization', 'Bearer fetched-tag-key-0001')
      .times(2)
      .reply(200, { eventsReceived: 1 })
    await run(purchase(), settings)
    await run(purchase({ messageId: 'msg-2' }), settings)
    expect(nock.pendingMocks()).toEqual([])
  })

  it('fetches the key again once after the Conversions API refused it; a key refused again is for an admin', async () => {
    const settings = { ...SETTINGS, uet_capi_token: '' }
    const unauthorized = { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } }
    nock(CAMPAIGN).post(TAG_KEY_QUERY).reply(200, { UetTagAuthKey: 'stale-tag-key-0001' })
    nock(CAPI).post(CAPI_EVENTS).matchHeader('authorization', 'Bearer stale-tag-key-0001').reply(401, unauthorized)
    nock(CAMPAIGN).post(TAG_KEY_QUERY).reply(200, { UetTagAuthKey: 'new-tag-key-0002' })
    nock(CAPI)
      .post(CAPI_EVENTS)
      .matchHeader('authorization', 'Bearer new-tag-key-0002')
      .reply(200, { eventsReceived: 1 })
    await run(purchase(), settings)
    expect(nock.pendingMocks()).toEqual([])

    // Microsoft gives the refused key again: the refusal stands, for an admin to fix.
    nock(CAMPAIGN).post(TAG_KEY_QUERY).times(2).reply(200, { UetTagAuthKey: 'revoked-tag-key-0003' })
    nock(CAPI).post(CAPI_EVENTS).reply(401, unauthorized)
    await expect(run(purchase({ messageId: 'msg-2' }), settings)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Check uet_capi_token and uet_tag_id')
    })
    expect(nock.pendingMocks()).toEqual([])
  })

  it('sends no email, phone, IP or user agent when ad_user_data consent is denied', async () => {
    const bodies: Array<{ data: Array<{ userData: unknown }> }> = []
    captureEvents(bodies)
    const event = purchase()
    event.context = {
      ...event.context,
      consent: { categoryPreferences: { Advertising: true }, ad_user_data: 'denied' }
    }
    await run(event)
    expect(bodies[0].data[0].userData).toEqual({
      msclkid: 'f894f652-ea33-4e73-9002-f7167ab8f8e3',
      anonymousId: 'anonId1234',
      externalId: 'user-1'
    })
  })

  it('sends nothing when ad_storage consent is denied', async () => {
    const event = purchase()
    event.context = { ...event.context, consent: { categoryPreferences: { Advertising: false } } }
    const responses = await run(event)
    expect(responses).toHaveLength(0)
    expect(testDestination.results.at(-1)?.data).toMatchObject({
      outcome: 'skipped',
      reason: 'ad_storage_consent_denied'
    })
  })

  it('puts continueOnValidationError and dataProvider on the request, as mapped', async () => {
    const bodies: Array<Record<string, unknown>> = []
    captureEvents(bodies)
    await run(purchase(), SETTINGS, { continueOnValidationError: false, dataProvider: 'ACME-CDP' })
    expect(bodies[0]).toMatchObject({ continueOnValidationError: false, dataProvider: 'ACME-CDP' })
    expect((bodies[0].data as Array<Record<string, unknown>>)[0]).not.toHaveProperty('continueOnValidationError')
  })

  it('names uet_tag_id when it is missing, as a settings error, without calling Microsoft', async () => {
    const error = await run(purchase(), { ...SETTINGS, uet_tag_id: undefined }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).not.toBeInstanceOf(PayloadValidationError)
    expect(error).toMatchObject({
      code: 'INVALID_SETTINGS',
      status: 400,
      message: 'Check the destination settings: uet_tag_id is required.'
    })
  })

  it('requires an event source URL for a pageLoad event', async () => {
    const event = purchase({ type: 'page', context: { traits: { email: 'john@contoso.com' } } })
    await expect(run(event, SETTINGS, { eventType: 'pageLoad' })).rejects.toThrow(/eventSourceUrl/)
  })

  it("names the action's own fields in the core's messages", async () => {
    await expect(run(purchase({ timestamp: '2026-11-01T00:00:00.000Z' }))).rejects.toThrow(
      /^eventTime is older than 7 days \(2026-11-01T00:00:00.000Z\)/
    )
  })
})
