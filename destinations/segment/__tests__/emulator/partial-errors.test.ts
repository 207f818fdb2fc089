import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import { clickId, orderCompleted, platformSettings, requestsTo, statusesOf, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

const mapping = {
  ...defaultValues(trackConversion.fields),
  conversion_name: { '@path': '$.properties.goal' }
} as JSONObject

interface MultiStatusEntry {
  status: number
  errortype?: string
  errormessage?: string
  sent?: unknown
  body?: { Code?: number; ErrorCode?: string; Index?: number; outcome?: string; reason?: string }
}

async function sendBatch(events: ReturnType<typeof orderCompleted>[]): Promise<MultiStatusEntry[]> {
  const { emulator, settings } = harness
  const { accessToken, refreshToken } = emulator.seed().credentials
  const results = await testDestination.onBatch(
    events,
    platformSettings(settings, { partnerAction: 'trackConversion', mapping }, { accessToken, refreshToken })
  )
  return results[0].multistatus as MultiStatusEntry[]
}

describe("Microsoft's PartialErrors in the MultiStatusResponse, against the emulator", () => {
  it('fails exactly the events with an unknown goal (5606) or an invalid click id, and the emulator stores the rest', async () => {
    const { emulator, settings } = harness
    const events = [
      orderCompleted(1, { goal: 'Purchase' }),
      orderCompleted(2, { goal: 'Purchase, but misspelt' }),
      orderCompleted(3, { goal: 'Lead' }),
      orderCompleted(4, { goal: 'Purchase', msclkid: 'not-a-click-id' }),
      orderCompleted(5, { goal: 'Sign Up' })
    ]

    const entries = await sendBatch(events)

    expect(entries.map((entry) => entry.status)).toEqual([200, 400, 200, 400, 200])
    expect(entries[1]).toMatchObject({
      errormessage: expect.stringContaining('[5606 OfflineConversionNameInvalid]'),
      errorreporter: 'DESTINATION',
      sent: expect.objectContaining({ ConversionName: 'Purchase, but misspelt' }),
      body: expect.objectContaining({ Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 1 })
    })
    // The core refuses a malformed click id before sending: the emulator never sees it, and Segment blames the input.
    expect(entries[3]).toMatchObject({
      errortype: 'PAYLOAD_VALIDATION_FAILED',
      errormessage: expect.stringContaining('microsoft_click_id')
    })
    expect(entries[3]).not.toHaveProperty('body')
    expect(entries[3]).not.toHaveProperty('sent')

    const state = emulator.state()
    expect(requestsTo(state, 'applyOfflineConversions')).toEqual({ 200: 1 })
    expect(
      storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => [
        item.ConversionName,
        item.MicrosoftClickId
      ])
    ).toEqual([
      ['Purchase', clickId(1)],
      ['Lead', clickId(3)],
      ['Sign Up', clickId(5)]
    ])
    expect(state.offlineConversions.duplicates).toBe(0)
  })

  it('maps a PartialError of the second Apply call of an oversized batch back to its own event', async () => {
    const { emulator } = harness
    const events = Array.from({ length: 1002 }, (_, i) =>
      orderCompleted(i + 1, { goal: i === 1000 ? 'No such goal' : 'Purchase' })
    )

    const entries = await sendBatch(events)

    const failures = entries.flatMap((entry, i) => (entry.status === 200 ? [] : [[i, entry.body?.Code]]))
    expect(failures).toEqual([[1000, 5606]])
    const state = emulator.state({ records: false })
    // Microsoft takes at most 1,000 items per call.
    expect(requestsTo(state, 'applyOfflineConversions')).toEqual({ 200: 2 })
    expect(state.offlineConversions.count).toBe(1001)
  })

  it('maps 5612 item failures to their own events as retryable, and only the accepted events are stored', async () => {
    const { emulator, settings } = harness
    emulator.setFaults({
      rate: 1,
      kinds: ['partialErrors'],
      routes: ['applyOfflineConversions'],
      itemRate: 0.4,
      seed: 7
    })
    const events = Array.from({ length: 12 }, (_, i) => orderCompleted(i + 1, { goal: 'Purchase' }))

    const entries = await sendBatch(events)

    const accepted = entries.flatMap((entry, i) => (entry.status === 200 ? [clickId(i + 1)] : []))
    const failed = entries.filter((entry) => entry.status !== 200)
    expect(failed.length).toBeGreaterThan(0)
    expect(accepted.length).toBeGreaterThan(0)
    for (const entry of failed) {
      expect(entry).toMatchObject({ errortype: 'RETRYABLE_ERROR', body: { Code: 5612 } })
      expect(entry.status).toBeGreaterThanOrEqual(500)
    }
    expect(
      storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => item.MicrosoftClickId)
    ).toEqual(accepted)
  })

  it("in single mode, fails the event with Microsoft's code and message", async () => {
    const { emulator, settings } = harness
    const { accessToken, refreshToken } = emulator.seed().credentials

    const sent = testDestination.onEvent(
      orderCompleted(1, { goal: 'No such goal' }),
      platformSettings(settings, { partnerAction: 'trackConversion', mapping }, { accessToken, refreshToken })
    )

    await expect(sent).rejects.toMatchObject({
      status: 400,
      code: 'OfflineConversionNameInvalid',
      message: expect.stringMatching(/^\[5606 OfflineConversionNameInvalid\] /)
    })
    expect(emulator.state().offlineConversions.count).toBe(0)
  })

  it('sends an event repeated within a batch once, and answers the repeat as skipped', async () => {
    const { emulator } = harness
    const entries = await sendBatch([orderCompleted(1, { goal: 'Purchase' }), orderCompleted(1, { goal: 'Purchase' })])

    expect(entries.map((entry) => entry.status)).toEqual([200, 200])
    expect(entries[1]).toMatchObject({ sent: '', body: { outcome: 'skipped', reason: 'duplicate_in_batch' } })
    expect(emulator.state().offlineConversions).toMatchObject({ count: 1, duplicates: 0 })
  })

  it('keeps every status of a clean batch at 200 and stores each event once', async () => {
    const { emulator, settings } = harness
    const results = await testDestination.onBatch(
      [orderCompleted(1, { goal: 'Purchase' }), orderCompleted(2, { goal: 'Subscribe' })],
      platformSettings(
        settings,
        { partnerAction: 'trackConversion', mapping },
        { accessToken: emulator.seed().credentials.accessToken, refreshToken: settings.oauth_refresh_token as string }
      )
    )
    expect(statusesOf(results)).toEqual([200, 200])
    expect(emulator.state().offlineConversions).toMatchObject({ count: 2, duplicates: 0 })
  })
})
