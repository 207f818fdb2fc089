/**
 * Microsoft's ID Sync pixel, in a real headless Chromium: c.bing.com is answered by request interception (nothing
 * leaves the machine), and every request the pages make to it is recorded.
 */
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { type TestSite, launchChromium, open, startTestSite } from './harness'

jest.setTimeout(60_000)

const CUSTOMER_ID = '150000123'
// A 1×1 transparent GIF, as a pixel answers.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

let site: TestSite
let browser: Browser

beforeAll(async () => {
  site = await startTestSite()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

interface Session {
  context: BrowserContext
  /** Every ID Sync request made so far, as parsed URLs. */
  syncs: URL[]
  /** Resolves once a request to `https://c.bing.com/<name>` has been seen. */
  marker(name: string): Promise<void>
}

/** A browser session (its own cookies and sessionStorage) whose c.bing.com requests are intercepted. */
async function newSession(): Promise<Session> {
  const context = await browser.newContext()
  const syncs: URL[] = []
  const markers = new Map<string, () => void>()
  const seen = new Set<string>()
  await context.route('https://c.bing.com/**', async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname === '/c.gif') syncs.push(url)
    else {
      seen.add(url.pathname)
      markers.get(url.pathname)?.()
    }
    await route.fulfill({ status: 200, contentType: 'image/gif', body: GIF })
  })
  return {
    context,
    syncs,
    marker: (name) =>
      new Promise<void>((resolve) => {
        if (seen.has(`/${name}`)) resolve()
        else markers.set(`/${name}`, resolve)
      })
  }
}

/**
 * Loads a marker image after whatever the page did: its request comes after any ID Sync request made before it, so
 * counting the syncs once the marker arrived is counting all of them.
 */
async function settle(session: Session, page: Page, name: string): Promise<void> {
  const arrived = session.marker(name)
  await page.evaluate((src) => {
    new Image().src = src
  }, `https://c.bing.com/${name}`)
  await arrived
}

async function shopPage(session: Session, path: string): Promise<Page> {
  const page = await open(session.context, `${site.origin('shop')}${path}`)
  await page.addScriptTag({ url: '/fake-analytics.js' })
  await page.addScriptTag({ url: '/fake-rudderanalytics.js' })
  return page
}

/** A page of the shop whose analytics.js runs the plugin with the customer id and sends a page and a track call. */
async function browse(session: Session, path: string, options: Record<string, unknown> = {}): Promise<Page> {
  const page = await shopPage(session, path)
  await page.evaluate(
    async ({ customerId, options }) => {
      await window.analytics.register(window.msadsClickId.segmentPlugin({ customerId, uetEvents: true }))
      await window.analytics.page('Shop', document.location.pathname, {}, options)
      await window.analytics.track('Order Completed', { revenue: 1 }, options)
    },
    { customerId: CUSTOMER_ID, options }
  )
  return page
}

const anonymousIdOf = (page: Page) => page.evaluate(() => window.analytics.delivered[0].anonymousId as string)

describe('ID Sync', () => {
  const sessions: Session[] = []
  const session = async () => {
    const created = await newSession()
    sessions.push(created)
    return created
  }
  afterEach(async () => {
    for (const created of sessions.splice(0)) await created.context.close()
  })

  it('fires once per session, with Red3=BACID_<customer id> and VID = the anonymousId the CDP events carry', async () => {
    const first = await session()
    const landing = await browse(first, '/landing')
    await settle(first, landing, 'after-landing')
    const anonymousId = await anonymousIdOf(landing)
    expect(first.syncs).toHaveLength(1)
    const [sync] = first.syncs
    expect(sync.origin + sync.pathname).toBe('https://c.bing.com/c.gif')
    expect([...sync.searchParams]).toEqual([
      ['Red3', `BACID_${CUSTOMER_ID}`],
      ['VID', anonymousId]
    ])
    expect(anonymousId).toMatch(/^[\da-f]{8}-/)

    // The next pages of the same tab are the same session: events flow, the pixel does not fire again.
    await landing.goto(`${site.origin('shop')}/checkout`)
    await landing.addScriptTag({ url: '/fake-analytics.js' })
    await landing.evaluate(async (customerId) => {
      await window.analytics.register(window.msadsClickId.segmentPlugin({ customerId }))
      await window.analytics.page('Shop', 'Checkout')
      await window.analytics.track('Order Completed', {})
    }, CUSTOMER_ID)
    await settle(first, landing, 'after-checkout')
    expect(await landing.evaluate(() => window.analytics.delivered.length)).toBe(2)
    expect(first.syncs).toHaveLength(1)

    // Another session (another browser profile here) syncs its own visitor.
    const second = await session()
    const other = await browse(second, '/landing')
    await settle(second, other, 'after-second')
    expect(second.syncs.map((url) => url.searchParams.get('VID'))).toEqual([await anonymousIdOf(other)])
  })

  it('is not fired when ad storage is denied, whichever signal says so', async () => {
    const denials: Array<{ name: string; setup?: () => void; options?: Record<string, unknown> }> = [
      { name: 'segment-consent', options: { consent: { categoryPreferences: { Advertising: false } } } },
      { name: 'event-ad-storage', options: { consent: { ad_storage: 'denied' } } },
      {
        name: 'google-consent-mode',
        setup: () => {
          const w = window as unknown as { dataLayer: unknown[] }
          w.dataLayer = []
          // gtag() pushes its arguments object, as Google's snippet does.
          function gtag(..._args: unknown[]) {
            // eslint-disable-next-line prefer-rest-params -- gtag's own shape
            w.dataLayer.push(arguments)
          }
          gtag('consent', 'default', { ad_storage: 'granted' })
          gtag('consent', 'update', { ad_storage: 'denied' })
        }
      },
      {
        name: 'uet-consent-mode',
        setup: () => {
          const w = window as unknown as { uetq: unknown[] }
          w.uetq = w.uetq || []
          w.uetq.push('consent', 'default', { ad_storage: 'denied' })
        }
      },
      {
        name: 'uet-opt-out-cookie',
        setup: () => {
          document.cookie = '_uetmsdns=1; Path=/'
        }
      }
    ]
    for (const denial of denials) {
      const denied = await session()
      const page = await shopPage(denied, `/${denial.name}`)
      if (denial.setup) await page.evaluate(denial.setup)
      await page.evaluate(
        async ({ customerId, options }) => {
          await window.analytics.register(window.msadsClickId.segmentPlugin({ customerId }))
          await window.analytics.page('Shop', 'Landing', {}, options)
          await window.analytics.track('Order Completed', {}, options)
        },
        { customerId: CUSTOMER_ID, options: denial.options ?? {} }
      )
      await settle(denied, page, `after-${denial.name}`)
      expect({ signal: denial.name, syncs: denied.syncs.length }).toEqual({ signal: denial.name, syncs: 0 })
      // The events themselves still go to the CDP: the server-side destinations apply consent there.
      expect(await page.evaluate(() => window.analytics.delivered.length)).toBe(2)
    }
  })

  it('fires once consent mode grants ad storage after a denied default', async () => {
    const granted = await session()
    const page = await shopPage(granted, '/granted')
    const results = await page.evaluate((customerId) => {
      const w = window as unknown as { dataLayer: unknown[] }
      w.dataLayer = [['consent', 'default', { ad_storage: 'denied' }]]
      const anonymousId = '9b2f41c6-4d1e-4f7a-8c3b-5e6d7f8a9b0c'
      const before = window.msadsClickId.idSync({ customerId, anonymousId })
      w.dataLayer.push(['consent', 'update', { ad_storage: 'granted' }])
      return [before, window.msadsClickId.idSync({ customerId, anonymousId })]
    }, CUSTOMER_ID)
    await settle(granted, page, 'after-grant')
    expect(results).toEqual(['ad_storage_denied', 'sent'])
    expect(granted.syncs).toHaveLength(1)
  })

  it('for RudderStack or any page: idSync with the SDK’s anonymousId, once; never an email, a phone or a bad customer id', async () => {
    const plain = await session()
    const page = await shopPage(plain, '/landing')
    const results = await page.evaluate((customerId) => {
      const rudder = window.rudderanalytics as unknown as { getAnonymousId(): string }
      const sync = (options: { customerId: unknown; anonymousId: unknown }) =>
        window.msadsClickId.idSync(options as Parameters<typeof window.msadsClickId.idSync>[0])
      return [
        sync({ customerId, anonymousId: 'john@contoso.com' }),
        sync({ customerId, anonymousId: '+1 425 555 1234' }),
        sync({ customerId, anonymousId: undefined }),
        sync({ customerId: 'BACID_150000123', anonymousId: 'a' }),
        sync({ customerId: '', anonymousId: 'a' }),
        sync({ customerId, anonymousId: rudder.getAnonymousId() }),
        sync({ customerId, anonymousId: rudder.getAnonymousId() })
      ]
    }, CUSTOMER_ID)
    await settle(plain, page, 'after-plain')
    expect(results).toEqual([
      'not_anonymous',
      'not_anonymous',
      'no_anonymous_id',
      'invalid_customer_id',
      'invalid_customer_id',
      'sent',
      'already_sent'
    ])
    expect(plain.syncs.map((url) => url.search)).toEqual([`?Red3=BACID_${CUSTOMER_ID}&VID=rudder-anon-5b1f0c2e`])
  })
})
