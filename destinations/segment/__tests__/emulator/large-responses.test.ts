import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import { clickId, orderCompleted, platformSettings, requestsTo, storedItems, useEmulator } from './harness'

/**
 * actions-core's after-response step reads each response's body; when it reads a clone instead, a body larger than
 * the stream buffers (about 64 KiB) never finishes. Microsoft's PartialErrors for a 1,000-item batch with 300 failed
 * items is past that, so these tests go through the real Destination with such answers.
 */
const testDestination = createTestIntegration(destination)
const harness = useEmulator()
const mapping = {
  ...defaultValues(trackConversion.fields),
  conversion_name: { '@path': '$.properties.goal' }
} as JSONObject

interface Entry {
  status: number
  sent?: { ConversionName?: string }
  body?: { Code?: number; PartialErrors?: unknown }
}

function oauth() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return { accessToken, refreshToken }
}

/** 30% of the events names a goal the account does not have, so Microsoft answers one 5606 for each. */
const isSpoilt = (n: number): boolean => n % 10 < 3

describe('answers larger than the stream buffers, through actions-core', () => {
  it('onBatch: a 1,000-event batch with 300 PartialErrors (answer > 64 KiB) settles with every outcome', async () => {
    const { emulator, settings } = harness
    const events = Array.from({ length: 1000 }, (_, n) =>
      orderCompleted(n + 1, {
        goal: isSpoilt(n) ? 'No such goal' : 'Purchase'
      })
    )

    const results = await testDestination.onBatch(
      events,
      platformSettings(settings, { partnerAction: 'trackConversion', mapping }, oauth())
    )

    const entries = results[0].multistatus as Entry[]
    expect(entries).toHaveLength(1000)
    entries.forEach((entry, n) => {
      if (isSpoilt(n))
        expect(entry).toMatchObject({
          status: 400,
          sent: expect.objectContaining({ ConversionName: expect.any(String) }),
          body: expect.objectContaining({ Code: 5606 })
        })
      else
        expect(entry).toMatchObject({
          status: 200,
          sent: expect.objectContaining({ ConversionName: expect.any(String) }),
          body: expect.objectContaining({ PartialErrors: null })
        })
    })
    expect(requestsTo(emulator.state({ records: false }), 'applyOfflineConversions')).toEqual({ 200: 1 })
    const answer = testDestination.responses.find((response) => response.url.endsWith('/OfflineConversions/Apply'))
    // 300 BatchErrors in Microsoft's shape are about 73 KB: past the 64 KiB at which the clone path stalled.
    expect(Buffer.byteLength(answer?.content ?? '')).toBeGreaterThan(64 * 1024)
    const stored = storedItems(emulator, 'offlineConversions', settings.account_id).map((item) => item.MicrosoftClickId)
    expect(stored).toEqual(events.flatMap((_, n) => (isSpoilt(n) ? [] : [clickId(n + 1)])))
  })

  it('onEvent: a single event whose answer is over 200 KB settles with its outcome', async () => {
    const { settings } = harness
    const url = new URL(process.env.MSADS_API_BASE_URL as string)
    // A single event's real answer is small: here its one item error is padded past 200 KB.
    const scope = nock(url.origin)
      .post(/OfflineConversions\/Apply$/)
      .reply(
        200,
        {
          PartialErrors: [
            {
              Index: 0,
              Code: 5606,
              ErrorCode: 'OfflineConversionNameInvalid',
              Message: `No such goal. ${'x'.repeat(210_000)}`
            }
          ]
        },
        {
          'Content-Type': 'application/json',
          TrackingId: '6f0c8a3e-1b2c-4d5e-8f90-a1b2c3d4e5f6'
        }
      )

    const sent = testDestination.onEvent(
      orderCompleted(1, { goal: 'Purchase' }),
      platformSettings(settings, { partnerAction: 'trackConversion', mapping }, oauth())
    )

    await expect(sent).rejects.toMatchObject({
      status: 400,
      code: 'OfflineConversionNameInvalid'
    })
    expect(scope.isDone()).toBe(true)
  })
})
