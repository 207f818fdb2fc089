/** The click id's way from the landing URL into the first-party cookie, in a real headless Chromium. */
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import { COOKIE_MAX_AGE_SECONDS, COOKIE_NAME, UET_COOKIE_NAME } from '../constants'
import { type ClickId } from '../click-id-cookie'
import {
  CLICK_A,
  CLICK_B,
  CLICK_GUID,
  SITE_DOMAIN,
  type TestSite,
  cookieNamed,
  launchChromium,
  serveHttps,
  open,
  startTestSite
} from './harness'

jest.setTimeout(60_000)

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

function getClickId(page: Page): Promise<ClickId | undefined> {
  return page.evaluate(() => window.msadsClickId.getClickId())
}

/** The click time stored in our cookie, in epoch milliseconds. */
async function storedClick(): Promise<{ msclkid: string; clickTimeMs: number }> {
  const [cookie] = await cookieNamed(context, COOKIE_NAME)
  const [msclkid, clickTimeMs] = cookie.value.split('.')
  return { msclkid, clickTimeMs: Number(clickTimeMs) }
}

describe('capture from the landing URL', () => {
  it('stores a valid msclkid in a first-party cookie with the click time and the documented attributes', async () => {
    const before = Date.now()
    const page = await open(context, `${site.origin('shop')}/landing?utm_source=bing&msclkid=${CLICK_A}&utm_medium=cpc`)
    const after = Date.now()

    const cookies = await cookieNamed(context, COOKIE_NAME)
    expect(cookies).toHaveLength(1)
    const [cookie] = cookies
    expect(cookie.value).toMatch(new RegExp(`^${CLICK_A}\\.\\d{13}$`))
    expect(cookie).toMatchObject({
      domain: `shop.${SITE_DOMAIN}`, // host-only: no leading dot
      path: '/',
      sameSite: 'Lax',
      secure: false, // the page is http
      httpOnly: false
    })

    const { clickTimeMs } = await storedClick()
    expect(clickTimeMs).toBeGreaterThanOrEqual(before)
    expect(clickTimeMs).toBeLessThanOrEqual(after)
    expect(await getClickId(page)).toEqual({ msclkid: CLICK_A, clickTime: new Date(clickTimeMs).toISOString() })
  })

  it('keeps the cookie for 90 days from the click', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const [cookie] = await cookieNamed(context, COOKIE_NAME)
    const { clickTimeMs } = await storedClick()
    expect(COOKIE_MAX_AGE_SECONDS).toBe(90 * 24 * 60 * 60)
    // Max-Age is counted by the browser from when it stored the cookie, which is when the click time was taken.
    expect(Math.abs(cookie.expires - (clickTimeMs / 1000 + COOKIE_MAX_AGE_SECONDS))).toBeLessThan(5)
  })

  it('marks the cookie Secure on an https page', async () => {
    await serveHttps(context, site)
    const page = await open(context, `https://shop.${SITE_DOMAIN}/landing?msclkid=${CLICK_A}`)
    expect(await page.evaluate(() => location.protocol)).toBe('https:')
    const [cookie] = await cookieNamed(context, COOKIE_NAME)
    expect(cookie).toMatchObject({ secure: true, sameSite: 'Lax', path: '/', domain: `shop.${SITE_DOMAIN}` })
    expect(cookie.value.startsWith(`${CLICK_A}.`)).toBe(true)
  })

  it('uses the configured cookie domain, so other subdomains see the click', async () => {
    await open(context, `${site.origin('shop')}/shared/landing?msclkid=${CLICK_A}`)
    const [cookie] = await cookieNamed(context, COOKIE_NAME)
    expect(cookie.domain).toBe(`.${SITE_DOMAIN}`)

    const blog = await open(context, `${site.origin('blog')}/article`)
    expect((await getClickId(blog))?.msclkid).toBe(CLICK_A)
  })

  it('accepts the dashed GUID form', async () => {
    const page = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_GUID}`)
    expect((await getClickId(page))?.msclkid).toBe(CLICK_GUID)
    expect((await storedClick()).msclkid).toBe(CLICK_GUID)
  })

  it('remembers the click on later pages without msclkid', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const { clickTimeMs } = await storedClick()

    const later = await open(context, `${site.origin('shop')}/checkout`)
    expect(await getClickId(later)).toEqual({ msclkid: CLICK_A, clickTime: new Date(clickTimeMs).toISOString() })
  })

  it('keeps the first click time when the same click id lands again (a reload of the landing page)', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const [first] = await cookieNamed(context, COOKIE_NAME)

    const again = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const [second] = await cookieNamed(context, COOKIE_NAME)
    expect(second.value).toBe(first.value)
    expect(second.expires).toBe(first.expires)
    expect((await getClickId(again))?.clickTime).toBe(new Date(Number(first.value.split('.')[1])).toISOString())
  })

  it('replaces the stored click with a newer one', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const first = await storedClick()

    const page = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_B}`)
    const cookies = await cookieNamed(context, COOKIE_NAME)
    expect(cookies).toHaveLength(1)
    const second = await storedClick()
    expect(second.msclkid).toBe(CLICK_B)
    expect(second.clickTimeMs).toBeGreaterThanOrEqual(first.clickTimeMs)
    expect(await getClickId(page)).toEqual({ msclkid: CLICK_B, clickTime: new Date(second.clickTimeMs).toISOString() })
  })

  it('prefers the latest click when both a host cookie and a domain cookie exist', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const page = await open(context, `${site.origin('shop')}/shared/landing?msclkid=${CLICK_B}`)
    const cookies = await cookieNamed(context, COOKIE_NAME)
    expect(cookies.map((cookie) => cookie.domain).sort()).toEqual([`.${SITE_DOMAIN}`, `shop.${SITE_DOMAIN}`])

    expect((await getClickId(page))?.msclkid).toBe(CLICK_B)
    const later = await open(context, `${site.origin('shop')}/cart`)
    expect((await getClickId(later))?.msclkid).toBe(CLICK_B)
  })
})

describe('invalid click ids', () => {
  const invalid = [
    'not-a-click-id',
    CLICK_A.slice(1), // 31 hex digits
    `${CLICK_A}0`, // 33
    `${CLICK_A.slice(1)}g`, // not hex
    'dd4afccc-1234-4abc-9def0123456789ab', // a dash missing
    '',
    `${CLICK_A}%3Cscript%3E`
  ]

  it.each(invalid)('ignores msclkid=%p: no cookie, no click id', async (value) => {
    const page = await open(context, `${site.origin('shop')}/landing?msclkid=${value}`)
    expect(await cookieNamed(context, COOKIE_NAME)).toEqual([])
    expect(await getClickId(page)).toBeUndefined()
  })

  it('does not let an invalid msclkid replace a stored click', async () => {
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const [before] = await cookieNamed(context, COOKIE_NAME)
    const page = await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_B.slice(2)}`)
    const [after] = await cookieNamed(context, COOKIE_NAME)
    expect(after.value).toBe(before.value)
    expect((await getClickId(page))?.msclkid).toBe(CLICK_A)
  })

  it('ignores a tampered cookie of its own', async () => {
    const url = `${site.origin('shop')}/`
    await context.addCookies([
      { name: COOKIE_NAME, value: 'not-a-click-id.1700000000000', url },
      { name: UET_COOKIE_NAME, value: 'garbage', url }
    ])
    const page = await open(context, `${site.origin('shop')}/checkout`)
    expect(await getClickId(page)).toBeUndefined()
  })

  it.each([`${CLICK_A}`, '_uetnot-a-click-id', `_uet${CLICK_A}x`])('ignores _uetmsclkid=%p', async (value) => {
    await context.addCookies([{ name: UET_COOKIE_NAME, value, url: `${site.origin('shop')}/` }])
    const page = await open(context, `${site.origin('shop')}/checkout`)
    expect(await getClickId(page)).toBeUndefined()
  })
})

describe("Microsoft's _uetmsclkid cookie", () => {
  it('is the fallback, with the _uet prefix stripped and no click time', async () => {
    await context.addCookies([{ name: UET_COOKIE_NAME, value: `_uet${CLICK_A}`, url: `${site.origin('shop')}/` }])
    const page = await open(context, `${site.origin('shop')}/checkout`)
    expect(await getClickId(page)).toEqual({ msclkid: CLICK_A })
    // Only read, never copied into our cookie: its click time is unknown.
    expect(await cookieNamed(context, COOKIE_NAME)).toEqual([])
  })

  it('gives way to our cookie, which knows the click time', async () => {
    await context.addCookies([{ name: UET_COOKIE_NAME, value: `_uet${CLICK_B}`, url: `${site.origin('shop')}/` }])
    await open(context, `${site.origin('shop')}/landing?msclkid=${CLICK_A}`)
    const page = await open(context, `${site.origin('shop')}/checkout`)
    expect((await getClickId(page))?.msclkid).toBe(CLICK_A)
    expect((await getClickId(page))?.clickTime).toEqual(expect.any(String))
  })
})

describe('the ES module build', () => {
  it('does nothing on import, and captures when asked', async () => {
    const page = await open(context, `${site.origin('shop')}/esm/landing?msclkid=${CLICK_A}`)
    expect(await page.evaluate(() => typeof (window as unknown as { esm: unknown }).esm)).toBe('object')
    expect(await cookieNamed(context, COOKIE_NAME)).toEqual([])

    const captured = await page.evaluate(() => {
      const esm = (window as unknown as { esm: typeof window.msadsClickId }).esm
      return [esm.getClickId(), esm.captureClickId()]
    })
    expect(captured[0]).toBeUndefined()
    expect(captured[1]?.msclkid).toBe(CLICK_A)
    expect((await storedClick()).msclkid).toBe(CLICK_A)
  })

  it("still knows the landing page's click when the browser refuses the cookie", async () => {
    const page = await open(context, `${site.origin('shop')}/esm/landing?msclkid=${CLICK_A}`)
    const clickId = await page.evaluate(() => {
      // A browser or extension that blocks cookies: writes are dropped, reads are empty.
      Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: () => undefined })
      const esm = (window as unknown as { esm: typeof window.msadsClickId }).esm
      esm.captureClickId()
      return esm.getClickId()
    })
    expect(clickId?.msclkid).toBe(CLICK_A)
    expect(clickId?.clickTime).toEqual(expect.any(String))
    expect(await cookieNamed(context, COOKIE_NAME)).toEqual([])
  })
})
