/**
 * The click id added to analytics.js and RudderStack SDK events, in a real headless Chromium, and read back by the
 * core's click-id resolution the way the server-side destinations read it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { resolveClickId } from '../../conversions/click-id'
import { INTEGRATION_NAME, UET_COOKIE_NAME } from '../constants'
import { CLICK_A, CLICK_B, type TestSite, launchChromium, open, startTestSite } from './harness'

jest.setTimeout(60_000)

// Events as the SDKs build them: loosely typed on purpose, the assertions say what matters.
type Fields = Record<string, any>

declare global {
  interface Window {
    analytics: {
      delivered: Fields[]
      plugins: Fields[]
      register(...plugins: unknown[]): Promise<void>
      track(name: string, properties?: Fields, options?: Fields): Promise<unknown>
      page(category: string | null, name: string | null, properties?: Fields, options?: Fields): Promise<unknown>
      identify(userId: string, traits?: Fields, options?: Fields): Promise<unknown>
    }
    rudderanalytics: {
      sent: Fields[]
      track(name: string, ...rest: unknown[]): void
      page(category: string, name: string, ...rest: unknown[]): void
      identify(userId: string, ...rest: unknown[]): void
    }
  }
}

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

/** A page with the module, the fake analytics.js and the fake RudderStack SDK loaded. */
async function openWithSdks(path: string): Promise<Page> {
  const page = await open(context, `${site.origin('shop')}${path}`)
  await page.addScriptTag({ url: '/fake-analytics.js' })
  await page.addScriptTag({ url: '/fake-rudderanalytics.js' })
  return page
}

async function landed(): Promise<Page> {
  return openWithSdks(`/landing?msclkid=${CLICK_A}`)
}

/** What the Segment and RudderStack destinations do with an event: the core's resolution, in its order. */
function serverSideClickId(event: Fields): ReturnType<typeof resolveClickId> {
  return resolveClickId({
    integrations: event.integrations?.[INTEGRATION_NAME],
    properties: event.properties?.msclkid,
    pageUrl: event.context?.page?.url
  })
}

describe('the analytics.js plugin', () => {
  it('is an analytics-next enrichment plugin', async () => {
    const page = await landed()
    const plugin = await page.evaluate(async () => {
      const plugin = window.msadsClickId.segmentPlugin()
      const loaded = plugin.load()
      const methods = Object.keys(plugin).filter((key) => typeof (plugin as unknown as Fields)[key] === 'function')
      return {
        name: plugin.name,
        type: plugin.type,
        version: plugin.version,
        isLoaded: plugin.isLoaded(),
        loadIsThenable: typeof loaded.then === 'function',
        methods: methods.sort()
      }
    })
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
      version: string
    }
    expect(plugin).toEqual({
      name: 'Microsoft Advertising Click ID',
      type: 'enrichment',
      version,
      isLoaded: true,
      loadIsThenable: true,
      methods: ['alias', 'group', 'identify', 'isLoaded', 'load', 'page', 'screen', 'track']
    })
  })

  it('adds the click id and click time to a track call, leaving the caller’s properties untouched', async () => {
    const page = await landed()
    const { event, callerProperties, clickId } = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      const properties = { revenue: 42, currency: 'USD' }
      await window.analytics.track('Order Completed', properties)
      return {
        event: window.analytics.delivered[0],
        callerProperties: properties,
        clickId: window.msadsClickId.getClickId()
      }
    })
    expect(clickId?.clickTime).toEqual(expect.any(String))
    expect(event.properties).toEqual({ revenue: 42, currency: 'USD', msclkid: CLICK_A })
    expect(event.integrations).toEqual({ [INTEGRATION_NAME]: { msclkid: CLICK_A, clickTime: clickId?.clickTime } })
    expect(callerProperties).toEqual({ revenue: 42, currency: 'USD' })
    expect(serverSideClickId(event)).toEqual({ value: CLICK_A, source: 'integrations' })
  })

  it('carries the click to later pages, where the URL no longer has it', async () => {
    await landed()
    const page = await openWithSdks('/checkout/thank-you')
    const event = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      await window.analytics.track('Order Completed', { revenue: 42 })
      return window.analytics.delivered[0]
    })
    expect(event.context.page.url).not.toContain('msclkid')
    expect(event.properties.msclkid).toBe(CLICK_A)
    expect(serverSideClickId(event)).toEqual({ value: CLICK_A, source: 'integrations' })
  })

  it('captures on load with its own options when used without the script-tag bundle', async () => {
    const page = await open(context, `${site.origin('shop')}/esm/landing?msclkid=${CLICK_B}`)
    await page.addScriptTag({ url: '/fake-analytics.js' })
    const event = await page.evaluate(async () => {
      const esm = (window as unknown as { esm: typeof window.msadsClickId }).esm
      await window.analytics.register(esm.segmentPlugin({ cookieDomain: 'example.test' }))
      await window.analytics.track('Signed Up')
      return window.analytics.delivered[0]
    })
    expect(event.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_B)
    const cookies = (await context.cookies()).filter((cookie) => cookie.name === 'msads_msclkid')
    expect(cookies.map((cookie) => cookie.domain)).toEqual(['.example.test'])
  })

  it('enriches page calls, and identify calls in integrations only', async () => {
    const page = await landed()
    const [pageEvent, identifyEvent] = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      await window.analytics.page('Shop', 'Landing')
      await window.analytics.identify('user-1', { plan: 'pro' })
      return window.analytics.delivered
    })
    expect(pageEvent.properties.msclkid).toBe(CLICK_A)
    expect(pageEvent.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
    expect(identifyEvent.properties).toBeUndefined()
    expect(identifyEvent.traits).toEqual({ plan: 'pro' })
    expect(identifyEvent.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
  })

  it('respects what the caller already set', async () => {
    const page = await landed()
    const events = await page.evaluate(async (name) => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      const other = '0123456789abcdef0123456789abcdef'
      await window.analytics.track('A', { msclkid: other })
      await window.analytics.track('B', {}, { integrations: { [name]: { msclkid: other } } })
      await window.analytics.track('C', {}, { integrations: { [name]: false } })
      await window.analytics.track('D', {}, { integrations: { All: false, 'Google Analytics 4': true } })
      await window.analytics.track('E', {}, { integrations: { All: false, [name]: true } })
      await window.analytics.track('F', {}, { integrations: { [name]: { conversionName: 'Purchase' } } })
      return window.analytics.delivered
    }, INTEGRATION_NAME)
    const byName = Object.fromEntries(events.map((event) => [event.event, event]))

    // A click id in properties stays; the integrations entry still gets the stored click.
    expect(byName.A.properties.msclkid).toBe(CLICK_B)
    expect(byName.A.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
    // A click id in the integrations entry stays, without a click time that would belong to another click.
    expect(byName.B.integrations[INTEGRATION_NAME]).toEqual({ msclkid: CLICK_B })
    expect(byName.B.properties.msclkid).toBe(CLICK_A)
    // The destination turned off for the event stays off.
    expect(byName.C.integrations[INTEGRATION_NAME]).toBe(false)
    // All: false without the destination: adding it would turn it on.
    expect(byName.D.integrations).toEqual({ All: false, 'Google Analytics 4': true })
    // Turned on explicitly: the flag becomes the settings object, which keeps it on.
    expect(byName.E.integrations[INTEGRATION_NAME]).toEqual({ msclkid: CLICK_A, clickTime: expect.any(String) })
    // Other settings in the entry are kept.
    expect(byName.F.integrations[INTEGRATION_NAME]).toEqual({
      conversionName: 'Purchase',
      msclkid: CLICK_A,
      clickTime: expect.any(String)
    })
  })

  it('passes events through untouched when there is no click id', async () => {
    const page = await openWithSdks('/checkout')
    const event = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      await window.analytics.track('Order Completed', { revenue: 42 }, { integrations: { All: true } })
      return window.analytics.delivered[0]
    })
    expect(event.properties).toEqual({ revenue: 42 })
    expect(event.integrations).toEqual({ All: true })
    expect(serverSideClickId(event)).toBeUndefined()
  })

  it('uses the _uetmsclkid fallback, without a click time', async () => {
    await context.addCookies([{ name: UET_COOKIE_NAME, value: `_uet${CLICK_B}`, url: `${site.origin('shop')}/` }])
    const page = await openWithSdks('/checkout')
    const event = await page.evaluate(async () => {
      await window.analytics.register(window.msadsClickId.segmentPlugin())
      await window.analytics.track('Order Completed')
      return window.analytics.delivered[0]
    })
    expect(event.integrations[INTEGRATION_NAME]).toEqual({ msclkid: CLICK_B })
    expect(event.properties).toEqual({ msclkid: CLICK_B })
  })

  it('enrichEvent serves classic analytics.js source middleware', async () => {
    const page = await landed()
    const payload = await page.evaluate(() => {
      const obj = { type: 'track', event: 'Order Completed', properties: { revenue: 1 }, integrations: {} }
      // analytics.addSourceMiddleware(({ payload, next }) => { msadsClickId.enrichEvent(payload.obj); next(payload) })
      const returned = window.msadsClickId.enrichEvent(obj)
      return { same: returned === obj, obj }
    })
    expect(payload.same).toBe(true)
    expect(payload.obj.properties).toEqual({ revenue: 1, msclkid: CLICK_A })
    expect(serverSideClickId(payload.obj)).toEqual({ value: CLICK_A, source: 'integrations' })
  })
})

describe('the RudderStack SDK helpers', () => {
  it('rudderstackArgs gives track its properties and options, leaving the caller’s objects untouched', async () => {
    const page = await landed()
    const { message, properties, options, clickId } = await page.evaluate(() => {
      const properties = { revenue: 42 }
      const options = { integrations: { All: true }, campaign: { source: 'bing' } }
      window.rudderanalytics.track('Order Completed', ...window.msadsClickId.rudderstackArgs(properties, options))
      return { message: window.rudderanalytics.sent[0], properties, options, clickId: window.msadsClickId.getClickId() }
    })
    expect(message.properties).toEqual({ revenue: 42, msclkid: CLICK_A })
    expect(message.integrations).toEqual({
      All: true,
      [INTEGRATION_NAME]: { msclkid: CLICK_A, clickTime: clickId?.clickTime }
    })
    expect(message.context.campaign).toEqual({ source: 'bing' })
    expect(properties).toEqual({ revenue: 42 })
    expect(options).toEqual({ integrations: { All: true }, campaign: { source: 'bing' } })
    expect(serverSideClickId(message)).toEqual({ value: CLICK_A, source: 'integrations' })
  })

  it('works with no properties or options, with page calls and with a callback', async () => {
    const page = await landed()
    const { sent, callbackRan } = await page.evaluate(() => {
      let callbackRan = false
      window.rudderanalytics.track('Signed Up', ...window.msadsClickId.rudderstackArgs())
      window.rudderanalytics.page(
        'Shop',
        'Landing',
        ...window.msadsClickId.rudderstackArgs(),
        () => (callbackRan = true)
      )
      return { sent: window.rudderanalytics.sent, callbackRan }
    })
    const [track, pageCall] = sent
    expect(track.properties).toEqual({ msclkid: CLICK_A })
    expect(track.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
    expect(pageCall.properties).toEqual({ msclkid: CLICK_A })
    expect(callbackRan).toBe(true)
  })

  it('rudderstackOptions serves calls without properties, such as identify', async () => {
    const page = await landed()
    const message = await page.evaluate(() => {
      window.rudderanalytics.identify('user-1', { plan: 'pro' }, window.msadsClickId.rudderstackOptions())
      return window.rudderanalytics.sent[0]
    })
    expect(message.traits).toEqual({ plan: 'pro' })
    expect(message.integrations[INTEGRATION_NAME].msclkid).toBe(CLICK_A)
  })

  it('changes nothing when there is no click id', async () => {
    const page = await openWithSdks('/checkout')
    const args = await page.evaluate(() =>
      window.msadsClickId.rudderstackArgs({ revenue: 1 }, { integrations: { All: true } })
    )
    expect(args).toEqual([{ revenue: 1 }, { integrations: { All: true } }])
  })

  it('does not turn the destination on when All is false', async () => {
    const page = await landed()
    const [properties, options] = await page.evaluate(() =>
      window.msadsClickId.rudderstackArgs({}, { integrations: { All: false, Amplitude: true } })
    )
    expect(properties).toEqual({ msclkid: CLICK_A })
    expect(options).toEqual({ integrations: { All: false, Amplitude: true } })
  })
})
