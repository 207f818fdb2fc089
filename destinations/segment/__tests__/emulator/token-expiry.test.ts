import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject, RefreshAccessTokenResult } from '@segment/actions-core'
import destination from '../../index'
import adjustConversion from '../../adjustConversion'
import trackConversion from '../../trackConversion'
import {
  HOUR,
  clickId,
  isoAgo,
  orderCompleted,
  platformSettings,
  requestsTo,
  statusesOf,
  storedItems,
  useEmulator
} from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

const trackMapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject
const retractMapping = {
  ...defaultValues(adjustConversion.fields),
  adjustment_type: 'Retract',
  conversion_name: 'Purchase',
  conversion_time: { '@path': '$.properties.converted_at' }
} as JSONObject

/** Segment's OAuth state for the destination: the seed's tokens, which the emulator can expire. */
function platformTokens() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return { accessToken, refreshToken }
}

describe('a 109 during a stream of batches, against the emulator', () => {
  it('refreshes exactly once when the token expires between batches, then delivers every event once', async () => {
    const { emulator, settings } = harness
    const platform = platformSettings(
      settings,
      { partnerAction: 'trackConversion', mapping: trackMapping },
      platformTokens()
    )
    const refreshed: RefreshAccessTokenResult[] = []
    const options = { onTokenRefresh: async (tokens: RefreshAccessTokenResult) => void refreshed.push(tokens) }

    const first = await testDestination.onBatch(
      [1, 2, 3].map((n) => orderCompleted(n)),
      platform,
      options
    )
    emulator.expireAccessTokens()
    const second = await testDestination.onBatch(
      [4, 5, 6, 7].map((n) => orderCompleted(n)),
      platform,
      options
    )
    const third = await testDestination.onBatch(
      [8, 9].map((n) => orderCompleted(n)),
      platform,
      options
    )

    expect(statusesOf(first)).toEqual([200, 200, 200])
    expect(statusesOf(second)).toEqual([200, 200, 200, 200])
    expect(statusesOf(third)).toEqual([200, 200])
    expect(refreshed).toHaveLength(1)

    const state = emulator.state()
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'token')).toEqual({ 200: 1 })
    // The expired call stored nothing; the resent batch and the next one used the refreshed token.
    expect(requestsTo(state, 'applyOfflineConversions')).toEqual({ 200: 3, 401: 1 })
    expect(
      storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => item.MicrosoftClickId)
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(clickId))
    expect(state.offlineConversions).toMatchObject({ count: 9, duplicates: 0, duplicatesSeen: [] })
  })

  it('without a platform token, mints its own for each batch, so an expiry between batches costs nothing', async () => {
    const { emulator, settings } = harness
    const platform = platformSettings(settings, { partnerAction: 'trackConversion', mapping: trackMapping })

    const first = await testDestination.onBatch(
      [1, 2].map((n) => orderCompleted(n)),
      platform
    )
    emulator.expireAccessTokens()
    const second = await testDestination.onBatch(
      [3, 4, 5].map((n) => orderCompleted(n)),
      platform
    )

    expect(statusesOf(first)).toEqual([200, 200])
    expect(statusesOf(second)).toEqual([200, 200, 200])
    const state = emulator.state()
    // Each batch mints its own token (nothing is kept between invocations), so the expiry hits neither.
    expect(state.tokens.refreshesIssued).toBe(2)
    expect(requestsTo(state, 'applyOfflineConversions')).toEqual({ 200: 2 })
    expect(state.offlineConversions).toMatchObject({ count: 5, duplicates: 0 })
  })

  it('refreshes exactly once when 109 hits one call in the middle of a batch, and every adjustment is stored once', async () => {
    const { emulator, settings } = harness
    // Seed 7 at rate 0.5 expires the token of the first online-adjustment call only, and spares the one after the refresh.
    emulator.setFaults({ rate: 0.5, kinds: ['tokenExpiry'], routes: ['applyOnlineConversionAdjustments'], seed: 7 })
    const offline = orderCompleted(1, { converted_at: isoAgo(2 * HOUR) })
    const online = orderCompleted(2, { msclkid: undefined })

    const results = await testDestination.onBatch(
      [offline, online],
      platformSettings(settings, { partnerAction: 'adjustConversion', mapping: retractMapping }, platformTokens())
    )

    expect(statusesOf(results)).toEqual([200, 200])
    const state = emulator.state()
    expect(state.faultsInjected).toEqual({ tokenExpiry: 1 })
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'applyOnlineConversionAdjustments')).toEqual({ 200: 1, 401: 1 })
    expect(storedItems(emulator, 'offlineConversionAdjustments', settings.account_id)).toEqual([
      expect.objectContaining({ AdjustmentType: 'Retract', ConversionName: 'Purchase', MicrosoftClickId: clickId(1) })
    ])
    expect(storedItems(emulator, 'onlineConversionAdjustments', settings.account_id)).toEqual([
      expect.objectContaining({ AdjustmentType: 'Retract', ConversionName: 'Purchase', TransactionId: 'order-2' })
    ])
    // actions-core resends the whole batch after a refresh, so the offline adjustment that had already been
    // accepted arrives a second time; Microsoft ignores the repeat (the emulator counts it, stores nothing).
    expect(requestsTo(state, 'applyOfflineConversionAdjustments')).toEqual({ 200: 2 })
    expect(state.offlineConversionAdjustments).toMatchObject({ count: 1, duplicates: 1 })
    expect(state.onlineConversionAdjustments).toMatchObject({ count: 1, duplicates: 0 })
  })
})
