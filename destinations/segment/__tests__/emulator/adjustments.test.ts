import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import adjustConversion from '../../adjustConversion'
import { presets } from '../../presets'
import trackConversion from '../../trackConversion'
import uetCapiEvent from '../../uetCapiEvent'
import {
  HOUR,
  clickId,
  isoAgo,
  orderCompleted,
  platformSettings,
  statusesOf,
  storedItems,
  useEmulator
} from './harness'

const testDestination = createTestIntegration(destination)
// With requireOriginalConversion the emulator refuses (5627) an adjustment of a conversion it never received.
const harness = useEmulator({ options: { requireOriginalConversion: true } })

const trackMapping = { ...defaultValues(trackConversion.fields), conversion_name: 'Purchase' } as JSONObject
const capiMapping = defaultValues(uetCapiEvent.fields) as JSONObject
const offlineRetractMapping = {
  ...defaultValues(adjustConversion.fields),
  adjustment_type: 'Retract',
  conversion_name: 'Purchase',
  conversion_time: { '@path': '$.properties.converted_at' }
} as JSONObject
const restatePreset = presets.find((preset) => preset.name === 'Restate')

interface Entry {
  status: number
  body?: { Code?: number; ErrorCode?: string }
}

function platform(partnerAction: string, mapping: JSONObject) {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return platformSettings(harness.settings, { partnerAction, mapping }, { accessToken, refreshToken })
}

describe('adjustConversion, against the emulator', () => {
  it('retracts an uploaded offline conversion; a retraction of one never uploaded is refused (5627)', async () => {
    const { emulator, settings } = harness
    const convertedAt = isoAgo(3 * HOUR)
    const upload = await testDestination.onBatch(
      [orderCompleted(1, {}, { timestamp: convertedAt })],
      platform('trackConversion', trackMapping)
    )
    expect(statusesOf(upload)).toEqual([200])

    const refunds = [
      orderCompleted(1, { converted_at: convertedAt }, { event: 'Order Refunded' }),
      orderCompleted(2, { converted_at: convertedAt }, { event: 'Order Refunded' })
    ]
    const results = await testDestination.onBatch(refunds, platform('adjustConversion', offlineRetractMapping))

    const entries = results[0].multistatus as Entry[]
    expect(entries.map((entry) => entry.status)).toEqual([200, 400])
    expect(entries[1].body).toMatchObject({ Code: 5627, Index: 1 })
    const [retraction, ...others] = storedItems(emulator, 'offlineConversionAdjustments', settings.account_id)
    expect(others).toEqual([])
    // A Retract carries no value or currency, even though the event has revenue and currency.
    expect(retraction).toEqual({
      AdjustmentType: 'Retract',
      AdjustmentTime: refunds[0].timestamp,
      ConversionName: 'Purchase',
      ConversionTime: convertedAt,
      MicrosoftClickId: clickId(1)
    })
  })

  it('retracts an enhanced conversion identified by the hashed email alone', async () => {
    const { emulator, settings } = harness
    const convertedAt = isoAgo(3 * HOUR)
    const john = { context: { traits: { email: 'John@Contoso.com' } } }
    const upload = await testDestination.onBatch(
      [orderCompleted(1, { msclkid: undefined }, { ...john, timestamp: convertedAt })],
      platform('trackConversion', trackMapping)
    )
    expect(statusesOf(upload)).toEqual([200])

    const refund = orderCompleted(
      1,
      { msclkid: undefined, converted_at: convertedAt },
      { ...john, event: 'Order Refunded' }
    )
    const results = await testDestination.onBatch([refund], platform('adjustConversion', offlineRetractMapping))

    expect(statusesOf(results)).toEqual([200])
    const [uploaded] = storedItems(emulator, 'offlineConversions', settings.account_id)
    expect(storedItems(emulator, 'offlineConversionAdjustments', settings.account_id)).toEqual([
      expect.objectContaining({
        AdjustmentType: 'Retract',
        ConversionTime: convertedAt,
        HashedEmailAddress: uploaded.HashedEmailAddress
      })
    ])
  })

  it('the presets work together: Order Completed, then Order Refunded and Order Updated adjust that conversion', async () => {
    const { emulator, settings } = harness
    const presetMapping = (name: string) => presets.find((preset) => preset.name === name)?.mapping as JSONObject
    // Whole seconds in the past, as every time that reaches Microsoft.
    const wholeSecondsAgo = (ms: number) => new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString()
    const convertedAt = wholeSecondsAgo(3 * HOUR)
    const purchases = [7, 8].map((n) => orderCompleted(n, {}, { timestamp: convertedAt }))
    expect(
      statusesOf(await testDestination.onBatch(purchases, platform('trackConversion', presetMapping('Purchase'))))
    ).toEqual([200, 200])

    // What a refund must carry (docs/mapping.md): the original's click id and its time as properties.conversion_time.
    const refund = orderCompleted(
      7,
      { conversion_time: convertedAt },
      { event: 'Order Refunded', timestamp: wholeSecondsAgo(HOUR) }
    )
    const update = orderCompleted(
      8,
      { conversion_time: convertedAt, revenue: 5 },
      { event: 'Order Updated', timestamp: wholeSecondsAgo(HOUR) }
    )
    expect(
      statusesOf(await testDestination.onBatch([refund], platform('adjustConversion', presetMapping('Retract'))))
    ).toEqual([200])
    expect(
      statusesOf(await testDestination.onBatch([update], platform('adjustConversion', presetMapping('Restate'))))
    ).toEqual([200])

    expect(storedItems(emulator, 'onlineConversionAdjustments', settings.account_id)).toEqual([])
    expect(storedItems(emulator, 'offlineConversionAdjustments', settings.account_id)).toEqual([
      {
        AdjustmentType: 'Retract',
        AdjustmentTime: refund.timestamp,
        ConversionName: 'Purchase',
        ConversionTime: convertedAt,
        MicrosoftClickId: clickId(7)
      },
      expect.objectContaining({
        AdjustmentType: 'Restate',
        AdjustmentValue: 5,
        ConversionName: 'Purchase',
        ConversionTime: convertedAt,
        MicrosoftClickId: clickId(8)
      })
    ])
  })

  it('a refund without the original conversion time goes online, which Microsoft refuses for an offline conversion', async () => {
    const purchase = orderCompleted(9, {}, { timestamp: isoAgo(3 * HOUR) })
    const retract = presets.find((preset) => preset.name === 'Retract')?.mapping as JSONObject
    expect(statusesOf(await testDestination.onBatch([purchase], platform('trackConversion', trackMapping)))).toEqual([
      200
    ])
    const results = await testDestination.onBatch(
      [orderCompleted(9, {}, { event: 'Order Refunded' })],
      platform('adjustConversion', retract)
    )
    expect((results[0].multistatus as Entry[])[0]).toMatchObject({ status: 400, body: { Code: 5627 } })
  })

  it('restates an online conversion by transaction id once the Conversions API has received it', async () => {
    const { emulator, settings } = harness
    const purchase = orderCompleted(5, {}, { timestamp: isoAgo(3 * HOUR) })
    expect(statusesOf(await testDestination.onBatch([purchase], platform('uetCapiEvent', capiMapping)))).toEqual([200])

    const updates = [
      orderCompleted(5, { msclkid: undefined, revenue: 80 }, { event: 'Order Updated' }),
      orderCompleted(6, { msclkid: undefined, revenue: 20 }, { event: 'Order Updated' })
    ]
    const results = await testDestination.onBatch(
      updates,
      platform('adjustConversion', restatePreset?.mapping as JSONObject)
    )

    const entries = results[0].multistatus as Entry[]
    expect(entries.map((entry) => entry.status)).toEqual([200, 400])
    expect(entries[1].body).toMatchObject({ Code: 5627 })
    expect(storedItems(emulator, 'onlineConversionAdjustments', settings.account_id)).toEqual([
      {
        AdjustmentType: 'Restate',
        AdjustmentTime: updates[0].timestamp,
        AdjustmentValue: 80,
        AdjustmentCurrencyCode: 'USD',
        ConversionName: 'Purchase',
        TransactionId: 'order-5'
      }
    ])
  })
})
