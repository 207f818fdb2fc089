import { createTestEvent, createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import nock from 'nock'
import { CONSENT_DEFAULT, CONSENT_DEFAULT_CHOICES } from 'msads-conversions'
import { DEVELOPER_TOKEN_ENV } from '../constants'
import destination from '../index'
import trackConversion from '../trackConversion'
import { reservedSettingKeys } from './reserved-field-names'
import { AUTH, CAMPAIGN, CLICK_ID, OFFLINE_APPLY, SETTINGS, useTestEnvironment } from './support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

describe('settings', () => {
  it("use no name that Segment's generate:types reserves for an oauth2 destination", () => {
    expect(destination.authentication?.scheme).toBe('oauth2')
    expect(reservedSettingKeys(destination)).toEqual([])
  })

  it('the reserved-name check compares case-insensitively, as Segment does', () => {
    const fields = { Refresh_Token: {}, ClientSecret: {}, client_secret: {}, customer_id: {} }
    expect(reservedSettingKeys({ authentication: { scheme: 'oauth2', fields } })).toEqual([
      'Refresh_Token',
      'ClientSecret'
    ])
    expect(reservedSettingKeys({ authentication: { scheme: 'custom', fields } })).toEqual([])
  })

  it('a Segment-hosted configuration (OAuth connection, no self-hosting credentials, no consent default) delivers through onEvent', async () => {
    const { client_id, client_secret, oauth_refresh_token, consent_default, ...hosted } = SETTINGS
    expect([client_id, client_secret, oauth_refresh_token, consent_default].every(Boolean)).toBe(true)
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .matchHeader('authorization', `Bearer ${AUTH.accessToken}`)
      .reply(200, { PartialErrors: [] })
    const settings = {
      ...hosted,
      oauth: { access_token: AUTH.accessToken, refresh_token: AUTH.refreshToken },
      subscriptions: [
        {
          partnerAction: 'trackConversion',
          subscribe: 'type = "track"',
          mapping: { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' }
        }
      ]
    } as unknown as JSONObject
    const event = createTestEvent({
      type: 'track',
      event: 'Order Completed',
      timestamp: '2026-11-21T09:00:00.000Z',
      properties: { order_id: 'o-1', revenue: 5, msclkid: CLICK_ID }
    })

    const results = await testDestination.onEvent(event, settings)

    expect(results.at(-1)).toMatchObject({ data: { outcome: 'delivered' } })
    expect(nock.pendingMocks()).toEqual([])
  })

  it("takes the developer token from Segment's environment, before the self-hosting setting", async () => {
    expect(destination.authentication?.fields.developer_token?.required).toBeFalsy()
    const { developer_token, ...withoutToken } = SETTINGS
    const deliverWith = async (settings: typeof withoutToken, expectedToken: string) => {
      nock(CAMPAIGN).post(OFFLINE_APPLY).matchHeader('developertoken', expectedToken).reply(200, { PartialErrors: [] })
      const [response] = await testDestination.testAction('trackConversion', {
        event: createTestEvent({
          type: 'track',
          timestamp: '2026-11-21T09:00:00.000Z',
          properties: { order_id: 'o-1', revenue: 5, msclkid: CLICK_ID }
        }),
        settings,
        auth: AUTH,
        mapping: { conversion_name: 'Purchase' },
        useDefaultMappings: true
      })
      expect(response.status).toBe(200)
      expect(nock.pendingMocks()).toEqual([])
    }
    process.env[DEVELOPER_TOKEN_ENV] = 'SEGMENTSOWNTOKEN'
    try {
      await deliverWith(withoutToken, 'SEGMENTSOWNTOKEN')
      await deliverWith({ ...withoutToken, developer_token } as typeof withoutToken, 'SEGMENTSOWNTOKEN')
    } finally {
      delete process.env[DEVELOPER_TOKEN_ENV]
    }
    await deliverWith({ ...withoutToken, developer_token } as typeof withoutToken, developer_token)
  })

  it("offers the core's consent default choices, with the core's default", () => {
    const setting = destination.authentication?.fields.consent_default
    expect(setting?.default).toBe(CONSENT_DEFAULT)
    expect(setting?.choices?.map((choice) => (typeof choice === 'string' ? choice : choice.value)).sort()).toEqual(
      [...CONSENT_DEFAULT_CHOICES].sort()
    )
  })
})
