import { mkdirSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type { Browser, Page } from 'playwright-core'
import { launchChromium } from '../../../../browser/__tests__/harness'
import { startEmulator, type RunningEmulator } from '../../../../emulator'
import { demoEnv, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from '../../../__tests__/helpers'
import { segmentBatch, segmentSingle } from '../../../__tests__/webhook-senders'
import { startServe, type RunningServe } from '../../start-serve'

const CALLER_TOKEN = 'caller-token-0123456789abcdef'
/** Where the test leaves its screenshots (outside the repository). */
const SCREENSHOTS = join(tmpdir(), 'msads-admin-page-screenshots')

async function post(url: string, body: { headers: Record<string, string>; body: string }): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...body.headers, Authorization: `Bearer ${CALLER_TOKEN}` },
    body: body.body
  })
  await response.arrayBuffer()
  return response.status
}

describe('the admin page in Chromium', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let serve: RunningServe
  let browser: Browser
  let page: Page
  let run = 0

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    emulator = await startEmulator({ port: 0 })
    browser = await launchChromium()
  })
  useEmulatorEndpoints(() => emulator)
  beforeEach(async () => {
    emulator.reset()
    serve = await startServe({
      port: 0,
      env: {
        ...demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`) }),
        MSADS_SERVE_TOKEN: CALLER_TOKEN,
        LOG_LEVEL: 'silent'
      }
    })
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password: CALLER_TOKEN } })
    page = await context.newPage()
  })
  afterEach(async () => {
    await page.context().close()
    await serve.close()
  })
  afterAll(async () => {
    await browser.close()
    await emulator.close()
    directory.remove()
  })

  it('shows Live, then Degraded under faults; the row of an order with its TrackingId; filters', async () => {
    expect(await post(`${serve.url}/webhooks/segment`, segmentSingle(orderCompleted(1)))).toBe(200)
    const logged = (await (
      await fetch(`${serve.url}/log?order_id=order-1`, { headers: { Authorization: `Bearer ${CALLER_TOKEN}` } })
    ).json()) as { rows: Array<{ trackingId: string }> }
    const trackingId = logged.rows[0].trackingId
    expect(trackingId).toEqual(expect.any(String))

    await page.goto(`${serve.url}/`)
    expect(await page.textContent('#health')).toBe('Live')
    expect(await page.textContent('#version')).toMatch(/^\d+\.\d+\.\d+/)
    const row = page.locator('#log tr[data-order="order-1"]')
    expect(await row.locator('.tracking').textContent()).toBe(trackingId)
    expect(await page.locator('#goals li').allTextContents()).toContain('Purchase')
    await page.screenshot({ path: join(SCREENSHOTS, 'live.png'), fullPage: true })

    emulator.setFaults({ rate: 1, kinds: ['http500'], routes: ['applyOfflineConversions'] })
    const now = Date.now()
    const batch = segmentBatch([2, 3, 4, 5, 6].map((n) => orderCompleted(n, now)))
    expect(await post(`${serve.url}/webhooks/segment`, batch)).toBe(503)
    await page.reload()
    expect(await page.textContent('#health')).toBe('Degraded')
    expect(await page.textContent('#health-why')).toContain('5 to retry')
    expect(await page.locator('#errors tr[data-outcome="retry"]').count()).toBe(5)
    await page.screenshot({ path: join(SCREENSHOTS, 'degraded.png'), fullPage: true })

    await page.fill('input[name="order_id"]', 'order-3')
    await Promise.all([page.waitForNavigation(), page.click('#filters button')])
    expect(await page.locator('#log tbody tr').count()).toBe(1)
    expect(await page.textContent('#log .order')).toBe('order-3')
  }, 60_000)

  it('sends a test conversion to the chosen goal and shows Microsoft’s answer and TrackingId', async () => {
    await page.goto(`${serve.url}/`)
    await page.selectOption('#goal', 'Purchase')
    await page.fill('#value', '7.5')
    await Promise.all([page.waitForNavigation(), page.click('#send-test')])
    expect(await page.textContent('#test-outcome')).toBe('delivered')
    expect(await page.textContent('#test-reason')).toBe('accepted')
    const trackingId = await page.textContent('#test-tracking')
    expect(trackingId).toMatch(/\S/)
    await page.screenshot({ path: join(SCREENSHOTS, 'test-conversion.png'), fullPage: true })
    const stored = Object.values(
      emulator.state().offlineConversions.records as Record<string, Array<{ item: Record<string, unknown> }>>
    ).flat()
    expect(stored.map((record) => [record.item.ConversionName, record.item.ConversionValue])).toContainEqual([
      'Purchase',
      7.5
    ])
    // The test conversion is in the forward log with its TrackingId.
    expect(await page.locator('#log .tracking').first().textContent()).toBe(trackingId)
  }, 60_000)

  it('asks a browser for the token (Basic), and refuses a test conversion posted from another site', async () => {
    const bare = await fetch(`${serve.url}/`)
    expect(bare.status).toBe(401)
    expect(bare.headers.get('www-authenticate')).toMatch(/^Basic/)
    const basic = `Basic ${Buffer.from(`anyone:${CALLER_TOKEN}`).toString('base64')}`
    const crossSite = await fetch(`${serve.url}/admin/test-conversion`, {
      method: 'POST',
      headers: {
        Authorization: basic,
        Origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: 'goal=Purchase'
    })
    expect(crossSite.status).toBe(403)
    const wrong = `Basic ${Buffer.from('anyone:wrong-token-0123456789').toString('base64')}`
    expect((await fetch(`${serve.url}/`, { headers: { Authorization: wrong } })).status).toBe(401)
    // Basic credentials open the admin page only, not the API.
    expect((await fetch(`${serve.url}/log`, { headers: { Authorization: basic } })).status).toBe(401)
  })
})
