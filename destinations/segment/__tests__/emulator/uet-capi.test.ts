import { createTestEvent, createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject, Subscription } from '@segment/actions-core'
import destination from '../../index'
import { JOHN_EMAIL_SHA256, PHONE_SHA256 } from '../support'
import { presets } from '../../presets'
import uetCapiEvent from '../../uetCapiEvent'
import { DEFAULT_SEED } from '../../../../src/emulator'
import {
  emulatorSettings,
  isoAgo,
  orderCompleted,
  platformSettings,
  requestsTo,
  statusesOf,
  storedItems,
  useEmulator
} from './harness'

const testDestination = createTestIntegration(destination)

const DEMO_TAG = DEFAULT_SEED.tags[0]
/** A second tag of the demo customer that has no Conversions API key yet. */
const KEYLESS_TAG = {
  id: '400000002',
  name: 'Tag without a key',
  description: null,
  customerId: DEMO_TAG.customerId,
  capiToken: null
}
const harness = useEmulator({ seed: { tags: [DEMO_TAG, KEYLESS_TAG] } })

const customMapping = defaultValues(uetCapiEvent.fields) as JSONObject
const pageLoadPreset = presets.find((preset) => preset.name === 'Page Load') as Subscription | undefined

type StoredCapiEvent = Record<string, unknown> & {
  userData: Record<string, unknown>
  customData?: Record<string, unknown>
}

function platform(settings = harness.settings, mapping = customMapping, subscribe?: string) {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return platformSettings(
    settings,
    { partnerAction: 'uetCapiEvent', mapping, subscribe },
    { accessToken, refreshToken }
  )
}

describe('uetCapiEvent, against the emulator', () => {
  it("fetches the tag's key through UetTagAuthKey/Query when no token is pasted, once per batch, and the events are accepted", async () => {
    const { emulator } = harness
    const settings = emulatorSettings(emulator, { uet_capi_token: undefined })

    const john = { context: { traits: { email: 'John@Contoso.com', phone: '+1 (425) 555-1234' } } }
    const johnsOrder = orderCompleted(1, {}, john)
    const first = await testDestination.onBatch([johnsOrder, orderCompleted(2)], platform(settings))
    const second = await testDestination.onBatch([orderCompleted(3)], platform(settings))

    expect(statusesOf(first)).toEqual([200, 200])
    expect(statusesOf(second)).toEqual([200])
    const state = emulator.state()
    expect(requestsTo(state, 'getUetTagAuthKey')).toEqual({ 200: 2 })
    expect(requestsTo(state, 'capi')).toEqual({ 200: 2 })
    const stored = storedItems<StoredCapiEvent>(emulator, 'capiEvents', DEMO_TAG.id)
    expect(stored.map((event) => event.eventId)).toEqual(['message-1', 'message-2', 'message-3'])
    expect(stored[0]).toMatchObject({
      eventType: 'custom',
      eventName: 'Order Completed',
      // From the event's own timestamp: the real clock may pass a second boundary while the test runs.
      eventTime: Math.floor(Date.parse(String(johnsOrder.timestamp)) / 1000),
      userData: {
        msclkid: 'c1c00000-0000-0000-0000-000000000001',
        externalId: 'user-1',
        em: JOHN_EMAIL_SHA256,
        ph: PHONE_SHA256
      },
      customData: { transactionId: 'order-1', value: 11, currency: 'USD' }
    })
  })

  it('refreshes an expired OAuth token once to fetch the key, then delivers', async () => {
    const { emulator } = harness
    emulator.expireAccessTokens()

    const results = await testDestination.onBatch(
      [orderCompleted(1)],
      platform(emulatorSettings(emulator, { uet_capi_token: undefined }))
    )

    expect(statusesOf(results)).toEqual([200])
    const state = emulator.state()
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'getUetTagAuthKey')).toEqual({ 200: 1, 401: 1 })
    expect(state.capiEvents.count).toBe(1)
  })

  it('has Microsoft create a key for a tag that has none, and the Conversions API accepts it', async () => {
    const { emulator } = harness
    const settings = emulatorSettings(emulator, { uet_tag_id: KEYLESS_TAG.id, uet_capi_token: undefined })

    const results = await testDestination.onBatch([orderCompleted(1)], platform(settings))

    expect(statusesOf(results)).toEqual([200])
    expect(emulator.state().uetTags.find((tag) => tag.Id === KEYLESS_TAG.id)?.CapiToken).toEqual(expect.any(String))
    expect(storedItems(emulator, 'capiEvents', KEYLESS_TAG.id)).toHaveLength(1)
  })

  it('sends a page call as the pageLoad event of the Page Load preset', async () => {
    const { emulator, settings } = harness
    expect(pageLoadPreset).toBeDefined()
    const page = createTestEvent({
      type: 'page',
      name: 'Pricing',
      event: undefined, // createTestEvent's default; a real page call has none
      messageId: 'page-1',
      userId: 'user-7',
      timestamp: isoAgo(5 * 60_000),
      properties: {},
      context: {
        page: {
          url: 'https://shop.example/pricing?msclkid=0123456789abcdef0123456789abcdef',
          referrer: 'https://www.bing.com/',
          title: 'Pricing'
        }
      }
    })

    const results = await testDestination.onEvent(
      page,
      platform(settings, pageLoadPreset?.mapping, pageLoadPreset?.subscribe)
    )

    expect(results.at(-1)).toMatchObject({ data: { outcome: 'delivered' } })
    expect(storedItems<StoredCapiEvent>(emulator, 'capiEvents', DEMO_TAG.id)).toEqual([
      expect.objectContaining({
        eventType: 'pageLoad',
        eventId: 'page-1',
        eventName: 'Pricing',
        eventSourceUrl: 'https://shop.example/pricing?msclkid=0123456789abcdef0123456789abcdef',
        referrerUrl: 'https://www.bing.com/',
        pageTitle: 'Pricing',
        userData: expect.objectContaining({ msclkid: '01234567-89ab-cdef-0123-456789abcdef', externalId: 'user-7' })
      })
    ])
  })

  it('names the Conversions API token when the pasted one is refused, and sends the events only once', async () => {
    const { emulator } = harness
    const settings = emulatorSettings(emulator, { uet_capi_token: 'not-the-tag-token' })

    const results = await testDestination.onBatch([orderCompleted(1), orderCompleted(2)], platform(settings))

    const entries = results[0].multistatus as Array<{ status: number; errormessage?: string }>
    expect(entries.map((entry) => entry.status)).toEqual([403, 403])
    expect(entries[0].errormessage).toContain('uet_capi_token')
    expect(entries[0].errormessage).not.toContain('not-the-tag-token')
    const state = emulator.state()
    expect(requestsTo(state, 'capi')).toEqual({ 401: 1 })
    expect(state.tokens.refreshesIssued).toBe(0)
  })
})
