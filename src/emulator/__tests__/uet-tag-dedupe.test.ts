/**
 * Microsoft counts a conversion once when the UET JavaScript tag and the Conversions API send it with the same tag,
 * eventId and eventName (UET Conversions API guide, "Prevent duplicate conversions"). The tag's side enters the
 * emulator as its uetq pushes.
 */
import { TAG_ID, capi, capiEvent, control, useEmulator } from './helpers'

const harness = useEmulator()

async function books() {
  const { body } = await control(harness.url, 'GET', 'state')
  return { tag: body.uetTagEvents, capi: body.capiEvents }
}

const tagPurchase = (eventId: unknown, action = 'purchase') => [
  'event',
  action,
  { event_id: eventId, revenue_value: 1 }
]

describe('the UET tag and CAPI together', () => {
  it('counts a tag event and a CAPI event with the same eventId and eventName once, whichever comes first', async () => {
    const tag = await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, [tagPurchase('evt-1')])
    expect(tag.body).toEqual({ recorded: 1, duplicates: 0, ignored: 0 })
    expect((await capi(harness.url, { data: [capiEvent()] })).body).toEqual({ eventsReceived: 1 })
    let { tag: tagBook, capi: capiBook } = await books()
    expect([tagBook.count, capiBook.count, capiBook.duplicates]).toEqual([1, 0, 1])
    expect(capiBook.duplicatesSeen).toEqual([{ scope: TAG_ID, key: 'evt-1|purchase', count: 1 }])

    await capi(harness.url, { data: [capiEvent({ eventId: 'evt-2' })] })
    const late = await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, { pushes: [tagPurchase('evt-2')] })
    expect(late.body).toEqual({ recorded: 0, duplicates: 1, ignored: 0 })
    ;({ tag: tagBook, capi: capiBook } = await books())
    expect(tagBook.count + capiBook.count).toBe(2)
  })

  it('counts both when the name differs, and never dedupes a tag event without event_id', async () => {
    await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, [tagPurchase('evt-1', 'Order Completed')])
    await capi(harness.url, { data: [capiEvent()] })
    await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, [tagPurchase(undefined), tagPurchase('')])
    await capi(harness.url, { data: [capiEvent({ eventId: undefined })] })
    const { tag, capi: capiBook } = await books()
    expect([tag.count, capiBook.count, capiBook.duplicates]).toEqual([3, 2, 0])
  })

  it('keeps only event pushes (consent and pageLoad commands are not conversions)', async () => {
    const answer = await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, [
      ['consent', 'default', { ad_storage: 'denied' }],
      ['pageLoad'],
      tagPurchase('evt-9')
    ])
    expect(answer.body).toEqual({ recorded: 1, duplicates: 0, ignored: 2 })
  })

  it('refuses an unknown tag (404) and pushes that are not argument lists (400)', async () => {
    expect((await control(harness.url, 'POST', 'uet/999/pushes', [tagPurchase('a')])).status).toBe(404)
    for (const body of [{}, ['event'], [[1, 'x']]]) {
      const answer = await control(harness.url, 'POST', `uet/${TAG_ID}/pushes`, body)
      expect(answer.status).toBe(400)
      expect(answer.body.problems[0]).toMatch(/pushes must be a list/)
    }
  })
})
