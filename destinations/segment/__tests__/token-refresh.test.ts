import { createTestEvent, createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject, RefreshAccessTokenResult } from '@segment/actions-core'
import nock from 'nock'
import destination from '../index'
import adjustConversion from '../adjustConversion'
import trackConversion from '../trackConversion'
import {
  AUTH,
  CAMPAIGN,
  CLICK_ID,
  OFFLINE_ADJUST,
  OFFLINE_APPLY,
  ONLINE_ADJUST,
  SETTINGS,
  TOKEN_HOST,
  TOKEN_PATH,
  useTestEnvironment
} from './support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const EXPIRED = 'access-token-expired-0000'
/** Segment's app registration, which the platform holds for an OAuth connection. */
const SEGMENT_APP = { clientId: '9b2f4c1e-0d3a-4e5b-8c7d-6f1a2b3c4d5e', clientSecret: 'segment-app-secret-0001' }
const FRESH = { access_token: 'access-token-fresh-0002', refresh_token: 'refresh-token-rotated-0002', expires_in: 3599 }
const TOKEN_EXPIRED_FAULT = {
  TrackingId: 'trk-expired',
  Type: 'AdApiFaultDetail',
  Errors: [
    {
      Code: 109,
      Detail: null,
      ErrorCode: 'AuthenticationTokenExpired',
      Message: 'Authentication token expired. Please renew it or obtain a new token.'
    }
  ]
}

function order(index: number, properties: Record<string, unknown> = {}) {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    timestamp: '2026-11-21T09:00:00.000Z',
    properties: {
      order_id: `order-${index}`,
      revenue: 10 + index,
      msclkid: index.toString(16).padStart(32, 'a'),
      ...properties
    },
    context: { traits: {} }
  })
}

/** What Segment's platform passes: the settings, the OAuth tokens it keeps, and the subscription. */
function platformSettings(partnerAction: string, mapping: JSONObject, oauth = true): JSONObject {
  return {
    ...SETTINGS,
    ...(oauth
      ? {
          oauth: {
            access_token: EXPIRED,
            refresh_token: AUTH.refreshToken,
            clientId: SEGMENT_APP.clientId,
            clientSecret: SEGMENT_APP.clientSecret
          }
        }
      : {}),
    subscriptions: [{ partnerAction, subscribe: 'type = "track"', mapping }]
  }
}

const trackMapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject
const adjustMapping = {
  ...defaultValues(adjustConversion.fields),
  adjustment_type: 'Retract',
  conversion_name: 'Purchase',
  conversion_time: { '@path': '$.properties.converted_at' }
} as JSONObject

function tokenEndpoint(forms: Array<Record<string, string>>) {
  return nock(TOKEN_HOST)
    .post(TOKEN_PATH, (body: string) => {
      forms.push(Object.fromEntries(new URLSearchParams(body)))
      return true
    })
    .reply(200, FRESH)
}

describe("Segment's refresh on a 401", () => {
  it('refreshes once when a batch gets 109, then delivers every event', async () => {
    const forms: Array<Record<string, string>> = []
    nock(CAMPAIGN).post(OFFLINE_APPLY).matchHeader('authorization', `Bearer ${EXPIRED}`).reply(401, TOKEN_EXPIRED_FAULT)
    tokenEndpoint(forms)
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
      .reply(200, { PartialErrors: [] })
    const refreshed: RefreshAccessTokenResult[] = []

    const results = await testDestination.onBatch(
      [order(1), order(2), order(3)],
      platformSettings('trackConversion', trackMapping),
      {
        onTokenRefresh: async (tokens) => {
          refreshed.push(tokens)
        }
      }
    )

    expect(results[0].multistatus?.map((entry) => entry.status)).toEqual([200, 200, 200])
    expect(forms).toHaveLength(1)
    expect(forms[0]).toMatchObject({
      client_id: SEGMENT_APP.clientId,
      client_secret: SEGMENT_APP.clientSecret,
      refresh_token: AUTH.refreshToken
    })
    expect(refreshed).toEqual([{ accessToken: FRESH.access_token, refreshToken: FRESH.refresh_token }])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('refreshes once when 109 hits one operation in the middle of a batch, and resends the batch', async () => {
    const forms: Array<Record<string, string>> = []
    const offlineCalls: string[] = []
    nock(CAMPAIGN)
      .post(OFFLINE_ADJUST)
      .times(2)
      .reply(200, function () {
        offlineCalls.push(String(this.req.headers.authorization))
        return { PartialErrors: [] }
      })
    nock(CAMPAIGN).post(ONLINE_ADJUST).matchHeader('authorization', `Bearer ${EXPIRED}`).reply(401, TOKEN_EXPIRED_FAULT)
    tokenEndpoint(forms)
    nock(CAMPAIGN)
      .post(ONLINE_ADJUST)
      .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
      .reply(200, { PartialErrors: [] })

    const events = [
      order(1, { converted_at: '2026-11-20T08:00:00.000Z', msclkid: CLICK_ID }),
      order(2, { msclkid: undefined })
    ]
    const results = await testDestination.onBatch(events, platformSettings('adjustConversion', adjustMapping))

    expect(results[0].multistatus?.map((entry) => entry.status)).toEqual([200, 200])
    expect(forms).toHaveLength(1)
    // Microsoft ignores the repeated offline adjustment; what matters is that nothing is lost.
    expect(offlineCalls).toEqual([`Bearer ${EXPIRED}`, `Bearer ${FRESH.access_token}`])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('refreshes once when a single event is refused with a 401, then delivers it', async () => {
    const forms: Array<Record<string, string>> = []
    nock(CAMPAIGN).post(OFFLINE_APPLY).matchHeader('authorization', `Bearer ${EXPIRED}`).reply(401, TOKEN_EXPIRED_FAULT)
    tokenEndpoint(forms)
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
      .reply(200, { PartialErrors: [] }, { TrackingId: 'trk-ok' })

    const results = await testDestination.onEvent(order(1), platformSettings('trackConversion', trackMapping))

    expect(results.at(-1)).toMatchObject({ data: { outcome: 'delivered', trackingId: 'trk-ok' } })
    expect(forms).toHaveLength(1)
  })

  it('mints its own token through the settings when the platform holds none, for each invocation, and refreshes it itself', async () => {
    const forms: Array<Record<string, string>> = []
    tokenEndpoint(forms)
    tokenEndpoint(forms)
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
      .times(2)
      .reply(200, { PartialErrors: [] })
    const settings = platformSettings('trackConversion', trackMapping, false)

    await testDestination.onEvent(order(1), settings)
    await testDestination.onEvent(order(2), settings)
    expect(forms.map((form) => [form.client_id, form.refresh_token])).toEqual([
      [SETTINGS.client_id, SETTINGS.oauth_refresh_token],
      [SETTINGS.client_id, SETTINGS.oauth_refresh_token]
    ])

    tokenEndpoint(forms)
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
      .reply(401, TOKEN_EXPIRED_FAULT)
    nock(TOKEN_HOST)
      .post(TOKEN_PATH)
      .reply(200, { ...FRESH, access_token: 'access-token-fresh-0003' })
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', 'Bearer access-token-fresh-0003')
      .reply(200, { PartialErrors: [] })
    const results = await testDestination.onEvent(order(3), settings)
    expect(results.at(-1)).toMatchObject({ data: { outcome: 'delivered' } })
    expect(nock.pendingMocks()).toEqual([])
  })
})
