import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import uetCapiEvent from '../../uetCapiEvent'
import {
  clickId,
  emulatorSettings,
  orderCompleted,
  platformSettings,
  statusesOf,
  storedItems,
  totalRequests,
  useEmulator
} from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

const trackMapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject
const capiMapping = defaultValues(uetCapiEvent.fields) as JSONObject

const PERSON = { email: 'john@contoso.com', phone: '+14255551234' }

/** An order of click id n by John, with the given consent context (Google-style fields or Segment's categories). */
function order(n: number, consent: Record<string, unknown> | undefined, properties: Record<string, unknown> = {}) {
  return orderCompleted(n, properties, {
    context: { traits: PERSON, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)', ...(consent ? { consent } : {}) }
  })
}

function platform(partnerAction: 'trackConversion' | 'uetCapiEvent', settings = harness.settings) {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return platformSettings(
    settings,
    { partnerAction, mapping: partnerAction === 'trackConversion' ? trackMapping : capiMapping },
    { accessToken, refreshToken }
  )
}

interface Entry {
  status: number
  sent?: unknown
  body?: { outcome?: string; reason?: string }
}

describe('consent, against the emulator', () => {
  it('ad_storage denied: the events are skipped and the emulator receives nothing at all', async () => {
    const { emulator } = harness
    const events = [order(1, { ad_storage: 'denied' }), order(2, { categoryPreferences: { Advertising: false } })]

    const offline = await testDestination.onBatch(events, platform('trackConversion'))
    const capi = await testDestination.onBatch(events, platform('uetCapiEvent'))

    for (const results of [offline, capi]) {
      expect(statusesOf(results)).toEqual([200, 200])
      for (const entry of results[0].multistatus as Entry[]) {
        expect(entry).toMatchObject({ sent: '', body: { outcome: 'skipped', reason: 'ad_storage_consent_denied' } })
      }
    }
    expect(totalRequests(emulator.state({ records: false }))).toBe(0)
  })

  it('the consent default applies to events without a signal: denied sends nothing, even to fetch a token', async () => {
    const { emulator } = harness
    const settings = emulatorSettings(emulator, { consent_default: 'denied' })
    const withoutPlatformToken = platformSettings(settings, { partnerAction: 'trackConversion', mapping: trackMapping })

    const results = await testDestination.onBatch([order(1, undefined), order(2, undefined)], withoutPlatformToken)

    expect(statusesOf(results)).toEqual([200, 200])
    expect(totalRequests(emulator.state({ records: false }))).toBe(0)
  })

  it('only the denied event of a mixed batch is held back', async () => {
    const { emulator, settings } = harness
    const results = await testDestination.onBatch(
      [order(1, { ad_storage: 'granted' }), order(2, { ad_storage: 'denied' }), order(3, undefined)],
      platform('trackConversion')
    )

    expect(statusesOf(results)).toEqual([200, 200, 200])
    expect(
      storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => item.MicrosoftClickId)
    ).toEqual([clickId(1), clickId(3)])
  })

  it('ad_user_data denied: the offline conversion goes by click id, and the stored record has no hashes', async () => {
    const { emulator, settings } = harness
    const results = await testDestination.onBatch(
      [
        order(1, { ad_storage: 'granted', ad_user_data: 'denied' }),
        order(2, { ad_storage: 'granted', ad_user_data: 'granted' })
      ],
      platform('trackConversion')
    )

    expect(statusesOf(results)).toEqual([200, 200])
    const [withheld, granted] = storedItems(emulator, 'offlineConversions', settings.account_id)
    expect(withheld).toMatchObject({ MicrosoftClickId: clickId(1) })
    expect(withheld).not.toHaveProperty('HashedEmailAddress')
    expect(withheld).not.toHaveProperty('HashedPhoneNumber')
    expect(granted).toMatchObject({
      MicrosoftClickId: clickId(2),
      HashedEmailAddress: expect.stringMatching(/^[0-9a-f]{64}$/),
      HashedPhoneNumber: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
  })

  it('ad_user_data denied without a click id: skipped, nothing sent, since only the hashes could identify it', async () => {
    const { emulator } = harness
    const results = await testDestination.onBatch(
      [order(1, { ad_user_data: 'denied' }, { msclkid: undefined })],
      platform('trackConversion')
    )

    expect((results[0].multistatus as Entry[])[0]).toMatchObject({
      status: 200,
      body: { outcome: 'skipped', reason: 'ad_user_data_consent_denied' }
    })
    expect(totalRequests(emulator.state({ records: false }))).toBe(0)
  })

  it('ad_user_data denied: the Conversions API event keeps its ids but carries no hashes, IP or user agent', async () => {
    const { emulator, settings } = harness
    const results = await testDestination.onBatch([order(1, { ad_user_data: 'denied' })], platform('uetCapiEvent'))

    expect(statusesOf(results)).toEqual([200])
    const [event] = storedItems<{ userData: Record<string, unknown> }>(
      emulator,
      'capiEvents',
      settings.uet_tag_id as string
    )
    expect(event.userData).toEqual({
      msclkid: 'c1c00000-0000-0000-0000-000000000001',
      anonymousId: 'anonId1234',
      externalId: 'user-1'
    })
  })
})
