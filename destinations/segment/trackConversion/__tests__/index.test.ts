import {
  createTestEvent,
  createTestIntegration,
  IntegrationError,
  InvalidAuthenticationError,
  PayloadValidationError,
  RetryableError
} from '@segment/actions-core'
import type { SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import { DESTINATION_NAME } from '../../constants'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  describeRequest,
  JOHN_EMAIL_SHA256,
  OFFLINE_APPLY,
  PHONE_SHA256,
  SETTINGS,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const CONVERSION_TIME = '2026-11-20T08:30:00.000Z'
const OTHER_CLICK_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
const mapping = { conversion_name: 'Purchase' }

function orderCompleted(overrides: Partial<SegmentEvent> = {}, properties: Record<string, unknown> = {}): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    timestamp: CONVERSION_TIME,
    properties: { order_id: 'order-1', revenue: 42.5, currency: 'usd', ...properties },
    context: {
      traits: { email: 'John@Contoso.com', phone: '+1 425-555-1234' },
      page: { url: `https://shop.example/landing?msclkid=${CLICK_ID}` }
    },
    ...overrides
  })
}

/** A browser plugin puts the click id in the integrations object, which Segment's typings declare as booleans. */
function withClickId(integration: string, msclkid: string): SegmentEvent['integrations'] {
  return { [integration]: { msclkid } } as unknown as SegmentEvent['integrations']
}

/** Records every Apply body Microsoft receives and answers with the given PartialErrors. */
function applyReturns(partialErrors: unknown[] = [], bodies: unknown[] = []) {
  return nock(CAMPAIGN)
    .post(OFFLINE_APPLY, (body) => {
      bodies.push(body)
      return true
    })
    .reply(200, { PartialErrors: partialErrors }, { TrackingId: 'trk-1' })
}

function runOne(event: SegmentEvent, settings = SETTINGS, extraMapping: Record<string, unknown> = {}) {
  return testDestination.testAction('trackConversion', {
    event,
    settings,
    auth: AUTH,
    mapping: { ...mapping, ...extraMapping },
    useDefaultMappings: true
  })
}

function lastResult(): unknown {
  return testDestination.results.at(-1)?.data
}

describe('trackConversion in single mode', () => {
  it('sends the offline conversion with hashed identity, the page URL click id, and the Microsoft headers', async () => {
    const bodies: unknown[] = []
    applyReturns([], bodies)

    const responses = await runOne(orderCompleted())

    expect(bodies).toEqual([
      {
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
      }
    ])
    expect(responses).toHaveLength(1)
    expect(describeRequest(responses[0]).headers).toMatchObject({
      authorization: 'Bearer <access_token>',
      developertoken: '<developer_token>',
      customerid: '1111111',
      customeraccountid: '2222222',
      'content-type': 'application/json'
    })
    expect(lastResult()).toEqual({
      outcome: 'delivered',
      reason: 'accepted',
      message: 'Accepted by Microsoft Advertising.',
      status: 200,
      trackingId: 'trk-1'
    })
  })

  it('takes the click id from the integrations object first, then properties, the page URL, the _uetmsclkid cookie', async () => {
    const bodies: Array<{ OfflineConversions: Array<{ MicrosoftClickId?: string }> }> = []
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY, (body) => {
        bodies.push(body)
        return true
      })
      .times(4)
      .reply(200, { PartialErrors: [] })

    await runOne(
      orderCompleted({ integrations: withClickId(DESTINATION_NAME, OTHER_CLICK_ID) }, { msclkid: 'b'.repeat(32) })
    )
    await runOne(orderCompleted({ integrations: withClickId('Microsoft Bing CAPI (Actions)', OTHER_CLICK_ID) }))
    await runOne(orderCompleted({}, { msclkid: 'b'.repeat(32) }))
    await runOne(orderCompleted({ context: { cookies: { _uetmsclkid: `_uet${'c'.repeat(32)}` } } }))

    expect(bodies.map((b) => b.OfflineConversions[0].MicrosoftClickId)).toEqual([
      OTHER_CLICK_ID,
      OTHER_CLICK_ID,
      'b'.repeat(32),
      'c'.repeat(32)
    ])
  })

  it('refuses a malformed mapped click id without calling Microsoft or looking elsewhere', async () => {
    await expect(runOne(orderCompleted(), SETTINGS, { microsoft_click_id: 'not-a-click-id' })).rejects.toThrow(
      PayloadValidationError
    )
    await expect(runOne(orderCompleted(), SETTINGS, { microsoft_click_id: 'not-a-click-id' })).rejects.toThrow(
      'microsoft_click_id is not a Microsoft click id (32 hexadecimal characters) as found in the mapped field.'
    )
    expect(nock.pendingMocks()).toEqual([])
  })

  it('skips an event whose ad_storage consent is denied without any HTTP call', async () => {
    const event = orderCompleted({
      context: { consent: { categoryPreferences: { Advertising: false } }, traits: { email: 'john@contoso.com' } }
    })
    const responses = await runOne(event)
    expect(responses).toHaveLength(0)
    expect(lastResult()).toEqual({
      outcome: 'skipped',
      reason: 'ad_storage_consent_denied',
      message: 'Skipped: ad_storage consent is denied, so nothing was sent.',
      status: 200
    })
  })

  it('sends no hashes when ad_user_data consent is denied, and still sends the click id', async () => {
    const bodies: unknown[] = []
    applyReturns([], bodies)
    await runOne(
      orderCompleted({
        context: {
          consent: { ad_user_data: 'denied', categoryPreferences: { Advertising: true } },
          traits: { email: 'john@contoso.com', phone: '+14255551234' },
          page: { url: `https://shop.example/?msclkid=${CLICK_ID}` }
        }
      })
    )
    expect(bodies).toEqual([
      {
        OfflineConversions: [
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Purchase',
            ConversionTime: CONVERSION_TIME,
            ConversionValue: 42.5,
            MicrosoftClickId: CLICK_ID
          }
        ]
      }
    ])
  })

  it("applies the admin's consent default to events without a consent signal", async () => {
    const denied = { ...SETTINGS, consent_default: 'denied' }
    await runOne(orderCompleted(), denied)
    expect(lastResult()).toMatchObject({ outcome: 'skipped', reason: 'ad_storage_consent_denied' })

    applyReturns()
    await runOne(
      orderCompleted({
        context: {
          consent: { categoryPreferences: { Advertising: true } },
          page: { url: `https://x.example/?msclkid=${CLICK_ID}` }
        }
      }),
      denied
    )
    expect(lastResult()).toMatchObject({ outcome: 'delivered' })
  })

  it("fails the event with Microsoft's code and message for an item error", async () => {
    applyReturns([
      {
        Code: 5606,
        ErrorCode: 'OfflineConversionNameInvalid',
        Index: 0,
        Message: 'The conversion name do not match an existing offline conversion goal.',
        Type: 'BatchError'
      }
    ])
    const error = await runOne(orderCompleted()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).toMatchObject({
      code: 'OfflineConversionNameInvalid',
      status: 400,
      message:
        '[5606 OfflineConversionNameInvalid] The conversion name do not match an existing offline conversion goal. (conversion name "Purchase") TrackingId: trk-1.'
    })
  })

  it('asks Segment to retry on throttling and on transient item errors', async () => {
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .reply(429, {
        TrackingId: 't',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 117, ErrorCode: 'CallRateExceeded', Message: 'Too many calls.' }]
      })
    await expect(runOne(orderCompleted())).rejects.toMatchObject({
      constructor: RetryableError,
      status: 429,
      message: expect.stringContaining('[117 CallRateExceeded]')
    })

    applyReturns([{ Code: 5612, ErrorCode: 'OfflineConversionsApplyFailed', Index: 0, Message: 'Failed.' }])
    await expect(runOne(orderCompleted())).rejects.toMatchObject({ constructor: RetryableError, status: 503 })
  })

  it('throws a 401 for an expired token so Segment refreshes it', async () => {
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .reply(401, {
        TrackingId: 't',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 109, ErrorCode: 'AuthenticationTokenExpired', Message: 'Authentication token expired.' }]
      })
    await expect(runOne(orderCompleted())).rejects.toMatchObject({
      constructor: InvalidAuthenticationError,
      status: 401
    })
  })

  it('names the setting at fault and sends nothing when a setting is malformed', async () => {
    const error = await runOne(orderCompleted(), { ...SETTINGS, account_id: 'F123ABCD' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_SETTINGS', status: 400 })
    expect((error as Error).message).toContain('account_id must be the numeric Account ID')
  })

  it('reads a phone number without its country code in the Default Phone Country', async () => {
    const national = orderCompleted({ context: { traits: { email: 'John@Contoso.com', phone: '(425) 555-1234' } } })
    const bodies: Array<{ OfflineConversions: Array<Record<string, unknown>> }> = []
    // Without the setting the phone cannot be used; the click id and email still identify the conversion.
    applyReturns([], bodies)
    await runOne(national)
    expect(bodies[0].OfflineConversions[0].HashedPhoneNumber).toBeUndefined()
    expect(testDestination.results.at(-1)?.data).toMatchObject({
      outcome: 'delivered',
      warnings: [
        {
          field: 'phone',
          rule: 'e164',
          message: expect.stringContaining('no country code, and no default country is set')
        }
      ]
    })

    applyReturns([], bodies)
    await runOne(national, { ...SETTINGS, default_phone_country: 'us' })
    expect(bodies[1].OfflineConversions[0].HashedPhoneNumber).toBe(PHONE_SHA256)
  })

  it('names default_phone_country and sends nothing when it is not a country', async () => {
    const error = await runOne(orderCompleted(), { ...SETTINGS, default_phone_country: 'USA' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_SETTINGS', status: 400 })
    expect((error as Error).message).toContain('default_phone_country must be a two-letter country code')
  })

  it.each(['maybe', 'deny'])(
    'names consent_default and sends nothing when it is %j, neither granted nor denied',
    async (value) => {
      const error = await runOne(orderCompleted(), { ...SETTINGS, consent_default: value }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(IntegrationError)
      expect(error).toMatchObject({ code: 'INVALID_SETTINGS', status: 400 })
      expect((error as Error).message).toContain('consent_default must be granted or denied')
    }
  )

  it('reads the consent default in any case, as the core does', async () => {
    await runOne(orderCompleted(), { ...SETTINGS, consent_default: ' Denied ' })
    expect(lastResult()).toMatchObject({ outcome: 'skipped', reason: 'ad_storage_consent_denied' })
  })
})

describe('trackConversion in batch mode', () => {
  it('maps PartialErrors, local validation errors and duplicates to exactly their events', async () => {
    const bodies: Array<{ OfflineConversions: unknown[] }> = []
    applyReturns(
      [
        {
          Code: 5606,
          ErrorCode: 'OfflineConversionNameInvalid',
          Index: 1,
          Message: 'The conversion name do not match an existing offline conversion goal.'
        }
      ],
      bodies
    )

    await testDestination.testBatchAction('trackConversion', {
      events: [
        orderCompleted(),
        orderCompleted({
          properties: { order_id: 'order-2' },
          context: { page: { url: `https://x.example/?msclkid=${OTHER_CLICK_ID}` } }
        }),
        orderCompleted({ timestamp: '2026-01-01T00:00:00.000Z', properties: { order_id: 'order-3' } }),
        orderCompleted()
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping,
      useDefaultMappings: true
    })

    expect(bodies).toHaveLength(1)
    expect(bodies[0].OfflineConversions).toHaveLength(2)
    const [delivered, rejected, invalid, duplicate] = testDestination.results[0].multistatus ?? []
    // sent: the conversion as Microsoft received it (email and phone hashed); body: Microsoft's answer about it.
    expect(delivered).toEqual({
      status: 200,
      sent: bodies[0].OfflineConversions[0],
      body: { TrackingId: 'trk-1', PartialErrors: null }
    })
    expect(delivered.sent).toMatchObject({
      ConversionName: 'Purchase',
      HashedEmailAddress: expect.stringMatching(/^[\da-f]{64}$/)
    })
    expect(rejected).toMatchObject({
      status: 400,
      errortype: 'BAD_REQUEST',
      errorreporter: 'DESTINATION',
      errormessage: expect.stringContaining('[5606 OfflineConversionNameInvalid]'),
      sent: bodies[0].OfflineConversions[1],
      body: {
        Code: 5606,
        ErrorCode: 'OfflineConversionNameInvalid',
        Index: 1,
        Message: 'The conversion name do not match an existing offline conversion goal.'
      }
    })
    expect(invalid).toEqual({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errorreporter: 'INTEGRATIONS',
      errormessage:
        'conversion_time is older than 90 days (2026-01-01T00:00:00.000Z); Microsoft accepts only the last 90 days.'
    })
    expect(duplicate).toMatchObject({
      status: 200,
      sent: '',
      body: { outcome: 'skipped', reason: 'duplicate_in_batch', duplicateOf: 0 }
    })
  })

  it('leaves the entry of an event refused before sending without sent or body, so Segment blames the input', async () => {
    applyReturns()
    await testDestination.testBatchAction('trackConversion', {
      events: [
        orderCompleted(),
        orderCompleted({ timestamp: '2026-01-01T00:00:00.000Z', properties: { order_id: 'old' } })
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping,
      useDefaultMappings: true
    })
    const [, refused] = testDestination.results[0].multistatus ?? []
    expect(refused).toMatchObject({
      status: 400,
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errorreporter: 'INTEGRATIONS'
    })
    expect(refused).not.toHaveProperty('body')
    expect(refused).not.toHaveProperty('sent')
  })

  it('gives every event the settings error and sends nothing when settings are wrong', async () => {
    await testDestination.testBatchAction('trackConversion', {
      events: [orderCompleted(), orderCompleted({ properties: { order_id: 'order-2' } })],
      settings: { ...SETTINGS, client_id: 'my-app' },
      auth: AUTH,
      mapping,
      useDefaultMappings: true
    })
    const statuses = testDestination.results[0].multistatus ?? []
    expect(statuses).toHaveLength(2)
    for (const status of statuses) {
      expect(status).toMatchObject({
        status: 400,
        errortype: 'BAD_REQUEST',
        errormessage: expect.stringContaining('client_id must be the Application (client) ID')
      })
      expect(status).not.toHaveProperty('sent')
    }
  })

  it('reports a missing setting as a settings error, not a payload error, for a single event', async () => {
    const { customer_id, ...withoutCustomer } = SETTINGS
    expect(customer_id).toBeTruthy()
    const error = await testDestination
      .testAction('trackConversion', {
        event: orderCompleted(),
        settings: withoutCustomer as typeof SETTINGS,
        auth: AUTH,
        mapping,
        useDefaultMappings: true
      })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IntegrationError)
    expect(error).not.toBeInstanceOf(PayloadValidationError)
    expect(error).toMatchObject({
      code: 'INVALID_SETTINGS',
      status: 400,
      message: expect.stringContaining('customer_id is required')
    })
  })
})
