import { createTestIntegration, defaultValues, RetryableError } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import { clickId, orderCompleted, platformSettings, requestsTo, statusesOf, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

const mapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject

function platform() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return platformSettings(
    harness.settings,
    { partnerAction: 'trackConversion', mapping },
    { accessToken, refreshToken }
  )
}

const batch = () => [1, 2, 3].map((n) => orderCompleted(n))

describe('Microsoft failing, against the emulator', () => {
  it.each([
    ['http500', 503],
    ['http503', 503],
    ['throttle', 429],
    ['drop', 503]
  ] as const)(
    '%s: every event is retryable, nothing is stored, and resending the batch loses and duplicates nothing',
    async (kind, status) => {
      const { emulator, settings } = harness
      emulator.setFaults({ rate: 1, kinds: [kind], routes: ['apply'] })

      const failed = await testDestination.onBatch(batch(), platform())

      for (const entry of failed[0].multistatus as Array<{
        status: number
        errortype?: string
        sent?: { ConversionName?: string }
      }>) {
        // Sent to Microsoft, which failed: the conversion as the request held it, and Microsoft's answer when one came.
        expect(entry).toMatchObject({
          status,
          errortype: 'RETRYABLE_ERROR',
          sent: { ConversionName: expect.any(String) }
        })
      }
      expect(emulator.state().offlineConversions.count).toBe(0)

      emulator.clearFaults()
      const resent = await testDestination.onBatch(batch(), platform())

      expect(statusesOf(resent)).toEqual([200, 200, 200])
      expect(
        storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => item.MicrosoftClickId)
      ).toEqual([1, 2, 3].map(clickId))
      expect(emulator.state().offlineConversions.duplicates).toBe(0)
    }
  )

  it('an identity platform failure during the refresh fails the whole batch as retryable', async () => {
    const { emulator } = harness
    emulator.expireAccessTokens()
    emulator.setFaults({ rate: 1, kinds: ['http500'], routes: ['token'] })

    await expect(testDestination.onBatch(batch(), platform())).rejects.toBeInstanceOf(RetryableError)

    const state = emulator.state()
    expect(requestsTo(state, 'token')).toEqual({ 500: 1 })
    expect(state.offlineConversions.count).toBe(0)
  })
})
