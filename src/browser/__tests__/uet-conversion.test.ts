/**
 * One id per conversion for the UET tag and the CDP event, in a real headless Chromium: a stand-in UET tag records
 * what it is pushed, the stand-in analytics.js and RudderStack SDKs record what they would send.
 */
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { INTEGRATION_NAME } from '../constants'
import { CLICK_A, type TestSite, launchChromium, open, startTestSite } from './harness'

jest.setTimeout(60_000)

type Fields = Record<string, any>

const UUID_V4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/

let site: TestSite
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  site = await startTestSite()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

beforeEach(async () => {
  context = await browser.newContext()
})

afterEach(async () => {
  await context.close()
})

/** A landing page with the module, the UET tag (loaded) and both CDP SDKs. */
async function landed(): Promise<Page> {
  const page = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
  for (const fixture of ['/fake-uet.js', '/fake-analytics.js', '/fake-rudderanalytics.js'])
    await page.addScriptTag({ url: fixture })
  return page
}

/** What the UET tag was pushed, as argument lists. */
function uetPushes(page: Page): Promise<unknown[][]> {
  return page.evaluate(() => (window.uetq as unknown as { pushes: unknown[][] }).pushes)
}

describe('a conversion through the analytics.js plugin', () => {
  it('gets one id, pushed to the UET tag as event_id and sent as properties.event_id, under the same name', async () => {
    const page = await landed()
    const { delivered, caller } = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin({ uetEvents: ['Order Completed'] }))
      await window.analytics.page('Shop', 'Checkout')
      const caller = { revenue: 42, currency: 'USD' }
      await window.analytics.track('Order Completed', caller)
      await window.analytics.track('Product Viewed', { product_id: 'p-1' })
      return { delivered: window.analytics.delivered, caller }
    })
    const [pageEvent, purchase, viewed] = delivered
    const eventId = purchase.properties.event_id
    expect(eventId).toMatch(UUID_V4)
    expect(await uetPushes(page)).toEqual([
      ['event', 'Order Completed', { event_id: eventId, revenue_value: 42, currency: 'USD' }]
    ])
    expect(purchase.event).toBe('Order Completed')
    expect(purchase.properties).toEqual({
      revenue: 42,
      currency: 'USD',
      event_id: eventId,
      page_load_id: pageEvent.properties.page_load_id,
      msclkid: CLICK_A
    })
    expect(pageEvent.properties.page_load_id).toMatch(UUID_V4)
    expect(purchase.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
    // Not a UET event: no id of its own (the server falls back to the messageId), nothing pushed.
    expect(viewed.properties).not.toHaveProperty('event_id')
    expect(caller).toEqual({ revenue: 42, currency: 'USD' })
  })

  it('uses an id the page already has: its event_id, else its order id, as they are; each purchase its own', async () => {
    const page = await landed()
    const delivered = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin({ uetEvents: true }))
      await window.analytics.track('Order Completed', { order_id: 'A-1001', total: 30, currency: 'EUR' })
      await window.analytics.track('Order Completed', { order_id: 'A-1002', event_id: 'chk-77' })
      await window.analytics.track('Order Completed', {})
      await window.analytics.track('Order Completed', {})
      return window.analytics.delivered
    })
    const ids = delivered.map((event: Fields) => event.properties.event_id)
    expect(ids.slice(0, 2)).toEqual(['A-1001', 'chk-77'])
    expect(ids[2]).toMatch(UUID_V4)
    expect(ids[3]).toMatch(UUID_V4)
    expect(ids[2]).not.toBe(ids[3])
    const pushes = await uetPushes(page)
    expect(pushes.map((push) => (push[2] as Fields).event_id)).toEqual(ids)
    expect(pushes[0]).toEqual([
      'event',
      'Order Completed',
      { event_id: 'A-1001', revenue_value: 30, currency: 'EUR', transaction_id: 'A-1001' }
    ])
  })

  it('pushes nothing to the UET tag without uetEvents', async () => {
    const page = await landed()
    const [event] = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      await window.analytics.track('Order Completed', { revenue: 1 })
      return window.analytics.delivered
    })
    expect(await uetPushes(page)).toEqual([])
    expect(event.properties).toEqual({ revenue: 1, msclkid: CLICK_A })
  })

  it('starts a new page load at each later page call (a single-page app), which the conversions after it share', async () => {
    const page = await landed()
    const delivered = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin({ uetEvents: ['Signed Up'] }))
      await window.analytics.page('Shop', 'Home')
      await window.analytics.track('Signed Up')
      await window.analytics.page('Shop', 'Welcome')
      await window.analytics.track('Signed Up')
      return window.analytics.delivered
    })
    const loads = delivered.map((event: Fields) => event.properties.page_load_id)
    expect(loads[0]).toBe(loads[1])
    expect(loads[2]).toBe(loads[3])
    expect(loads[0]).not.toBe(loads[2])
  })
})

describe('a conversion without the analytics.js plugin', () => {
  it('RudderStack: rudderstackConversion gives the tag and the track call the same id and name', async () => {
    const page = await landed()
    const message = await page.evaluate(() => {
      window.rudderanalytics.track(
        ...window.msadsClickId.rudderstackConversion(
          'Order Completed',
          { order_id: 'R-7', revenue: 10 },
          { integrations: { All: true } }
        )
      )
      return window.rudderanalytics.sent[0]
    })
    expect(message.event).toBe('Order Completed')
    expect(message.properties).toEqual({
      order_id: 'R-7',
      revenue: 10,
      event_id: 'R-7',
      page_load_id: expect.stringMatching(UUID_V4),
      msclkid: CLICK_A
    })
    expect(message.integrations).toEqual({
      All: true,
      [INTEGRATION_NAME]: { msclkid: CLICK_A, clickTime: expect.any(String) }
    })
    expect(await uetPushes(page)).toEqual([
      ['event', 'Order Completed', { event_id: 'R-7', revenue_value: 10, transaction_id: 'R-7' }]
    ])
  })

  it('no CDP SDK: trackConversion queues the UET event before the tag loads and returns the ids for the server', async () => {
    const page = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const conversion = await page.evaluate(() => window.msadsClickId.trackConversion('Lead Submitted', { value: 5 }))
    expect(conversion).toEqual({
      name: 'Lead Submitted',
      eventId: expect.stringMatching(UUID_V4),
      pageLoadId: await page.evaluate(() => window.msadsClickId.getPageLoadId()),
      properties: {
        value: 5,
        event_id: conversion.eventId,
        page_load_id: conversion.pageLoadId,
        msclkid: CLICK_A
      }
    })
    // uetq.push('event', …) on the plain array, as Microsoft's snippet queues commands until bat.js has loaded.
    expect(await page.evaluate(() => window.uetq)).toEqual([
      'event',
      'Lead Submitted',
      { event_id: conversion.eventId, revenue_value: 5 }
    ])
    await page.addScriptTag({ url: '/fake-uet.js' })
    expect(await page.evaluate(() => (window.uetq as unknown as { queued: unknown[] }).queued)).toHaveLength(3)
  })
})
