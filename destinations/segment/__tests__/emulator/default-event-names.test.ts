/** The presets map Segment's spec names and the product guides' names to their goals, with no mapping to edit. */
import { createTestIntegration } from '@segment/actions-core'
import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import { parseFql, validate } from '@segment/destination-subscriptions'
import destination from '../../index'
import { presets } from '../../presets'
import { clickId, orderCompleted, platformSettings, statusesOf, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

function matchingPresets(event: SegmentEvent) {
  return presets.filter((preset) => preset.type === 'automatic' && validate(parseFql(preset.subscribe) as never, event))
}

const CONVERSIONS: Array<[string, string]> = [
  ['purchase', 'Purchase'],
  ['Order Completed', 'Purchase'],
  ['lead', 'Lead'],
  ['generate_lead', 'Lead'],
  ['Lead Generated', 'Lead'],
  ['Form Submitted', 'Lead'],
  ['sign_up', 'Sign Up'],
  ['Signed Up', 'Sign Up'],
  ['subscribe', 'Subscribe'],
  ['Subscription Started', 'Subscribe'],
  ['add_to_cart', 'Add to Cart'],
  ['Product Added', 'Add to Cart']
]

describe('default event names, through the presets to the emulator', () => {
  it.each(CONVERSIONS)('a track "%s" is delivered as an offline conversion for %s', async (name, goal) => {
    const n = CONVERSIONS.findIndex(([event]) => event === name) + 1
    const event = orderCompleted(n, {}, { event: name })
    const [preset, ...others] = matchingPresets(event)
    expect(others).toEqual([])
    expect(preset).toMatchObject({ partnerAction: 'trackConversion' })
    if (preset?.type !== 'automatic') throw new Error('no automatic preset')

    const { accessToken, refreshToken } = harness.emulator.seed().credentials
    const results = await testDestination.onBatch(
      [event],
      platformSettings(
        harness.settings,
        { partnerAction: 'trackConversion', mapping: preset.mapping as JSONObject },
        { accessToken, refreshToken }
      )
    )

    expect(statusesOf(results)).toEqual([200])
    const stored = storedItems<{ ConversionName: string; MicrosoftClickId: string }>(
      harness.emulator,
      'offlineConversions',
      harness.settings.account_id
    )
    expect(stored.find((item) => item.MicrosoftClickId === clickId(n))?.ConversionName).toBe(goal)
  })

  it.each(['page_view', 'view_item', 'Product Viewed', 'Purchase', 'PURCHASE'])(
    'a track "%s" matches no preset',
    (name) => {
      expect(matchingPresets(orderCompleted(100, {}, { event: name }))).toEqual([])
    }
  )
})
