import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject, RefreshAccessTokenResult } from '@segment/actions-core'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import { JOHN_EMAIL_SHA256, PHONE_SHA256 } from '../support'
import { HOUR, orderCompleted, platformSettings, requestsTo, segmentOAuth, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

const purchaseMapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject

/** `iso` written in the +02:00 zone, as a source in Central Europe might send it. */
function inPlusTwo(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 2 * HOUR).toISOString()
  return `${shifted.slice(0, 19)}+02:00`
}

describe('token refresh and upload, against the emulator', () => {
  it("refreshes through refreshAccessToken and returns the emulator's rotated refresh token", async () => {
    const { emulator, settings } = harness
    const tokens = await testDestination.refreshAccessToken(
      settings,
      segmentOAuth({ refreshToken: settings.oauth_refresh_token as string })
    )

    expect(tokens?.accessToken).toEqual(expect.any(String))
    expect(tokens?.refreshToken).toEqual(expect.any(String))
    expect(tokens?.refreshToken).not.toBe(settings.oauth_refresh_token)
    const state = emulator.state({ records: false })
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'token')).toEqual({ 200: 1 })
  })

  it('keeps the rotated refresh token: the next refresh works with it once the pasted one is revoked', async () => {
    const { emulator, settings } = harness
    emulator.setOptions({ revokeRotatedRefreshTokens: true })
    const first = (await testDestination.refreshAccessToken(
      settings,
      segmentOAuth({ refreshToken: settings.oauth_refresh_token as string })
    )) as RefreshAccessTokenResult

    const second = await testDestination.refreshAccessToken(
      settings,
      segmentOAuth({ refreshToken: first.refreshToken as string })
    )

    expect(second?.accessToken).not.toBe(first.accessToken)
    expect(second?.refreshToken).not.toBe(first.refreshToken)
    // Only the rotated token could have worked: the emulator revoked the pasted one at the first rotation.
    expect(requestsTo(emulator.state({ records: false }), 'token')).toEqual({ 200: 2 })
  })

  it('refreshes the expired platform token once, keeps the rotated refresh token, and uploads a conversion the emulator stores', async () => {
    const { emulator, settings } = harness
    const seed = emulator.seed()
    emulator.expireAccessTokens()
    const platform = platformSettings(
      settings,
      { partnerAction: 'trackConversion', mapping: purchaseMapping },
      {
        accessToken: seed.credentials.accessToken,
        refreshToken: seed.credentials.refreshToken
      }
    )
    const refreshed: RefreshAccessTokenResult[] = []
    const convertedAt = new Date(Date.now() - HOUR)
    convertedAt.setUTCMilliseconds(0)
    const event = orderCompleted(
      1,
      { msclkid: undefined, revenue: 42.5, currency: 'EUR' },
      {
        timestamp: inPlusTwo(convertedAt.toISOString()),
        context: { traits: { email: '  John@Contoso.com ', phone: '+1 425-555-1234' } }
      }
    )

    const results = await testDestination.onEvent(event, platform, {
      onTokenRefresh: async (tokens) => void refreshed.push(tokens)
    })

    expect(results.at(-1)).toMatchObject({ data: { outcome: 'delivered', reason: 'accepted' } })
    expect(refreshed).toHaveLength(1)
    const kept = (platform as unknown as { oauth: { access_token: string; refresh_token: string } }).oauth
    expect(kept).toMatchObject({ access_token: refreshed[0].accessToken, refresh_token: refreshed[0].refreshToken })
    expect(kept.refresh_token).not.toBe(seed.credentials.refreshToken)

    const state = emulator.state()
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'applyOfflineConversions')).toEqual({ 200: 1, 401: 1 })
    expect(storedItems(emulator, 'offlineConversions', settings.account_id)).toEqual([
      {
        ConversionName: 'Purchase',
        ConversionTime: convertedAt.toISOString(),
        ConversionValue: 42.5,
        ConversionCurrencyCode: 'EUR',
        HashedEmailAddress: JOHN_EMAIL_SHA256,
        HashedPhoneNumber: PHONE_SHA256
      }
    ])
  })
})
