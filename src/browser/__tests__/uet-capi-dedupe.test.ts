/**
 * The whole path of a purchase made in a real headless Chromium: the browser module hands one id to the UET tag
 * (a stand-in that records its pushes) and to analytics.js (a stand-in that records what it would deliver); the
 * delivered event goes through the Segment destination's uetCapiEvent with its default mapping to the emulator, the
 * tag's pushes go to the emulator too, and Microsoft's rule (same tag, eventId and eventName) counts the pair once.
 * The ID Sync pixel the same page fired carries the anonymousId the CAPI event carries.
 */
import { createTestIntegration, defaultValues, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { type Browser, type BrowserContext } from 'playwright-core'
import destination from '../../../destinations/segment/index'
import uetCapiEvent from '../../../destinations/segment/uetCapiEvent'
import {
  platformSettings,
  statusesOf,
  storedItems,
  useEmulator
} from '../../../destinations/segment/__tests__/emulator/harness'
import {
  destination as rudderDestination,
  generateMetadata
} from '../../../destinations/rudderstack/__tests__/data/common'
import { runProcessor } from '../../../destinations/rudderstack/service-layer'
import { startServe } from '../../cli/serve/start-serve'
import { demoEnv, temporaryDirectory } from '../../cli/__tests__/helpers'
import { segmentSingle } from '../../cli/__tests__/webhook-senders'
import { writeFileSync } from 'fs'
import { join } from 'path'
import { CLICK_A, type TestSite, launchChromium, open, startTestSite } from './harness'

jest.setTimeout(90_000)

type Fields = Record<string, any>

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

let site: TestSite
let browser: Browser
let context: BrowserContext
const syncs: URL[] = []

beforeAll(async () => {
  site = await startTestSite()
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

beforeEach(async () => {
  syncs.length = 0
  context = await browser.newContext()
  await context.route('https://c.bing.com/**', async (route) => {
    syncs.push(new URL(route.request().url()))
    await route.fulfill({ status: 204 })
  })
})

afterEach(async () => {
  await context.close()
})

/** A purchase on the shop's thank-you page, after landing from an ad: what the tag got, what analytics.js sent. */
async function purchaseInBrowser(customerId: string): Promise<{ pushes: unknown[][]; delivered: Fields[]; sync: URL }> {
  const page = await open(context, `${site.origin('shop')}/thank-you?msclkid=${CLICK_A}`)
  for (const fixture of ['/fake-uet.js', '/fake-analytics.js']) await page.addScriptTag({ url: fixture })
  const synced = page.waitForRequest((request) => request.url().startsWith('https://c.bing.com/c.gif'))
  const seen = await page.evaluate(async (customerId) => {
    await window.analytics.register(window.msadsClickId.segmentPlugin({ uetEvents: ['Order Completed'], customerId }))
    await window.analytics.page('Shop', 'Thank You')
    await window.analytics.track('Order Completed', {
      revenue: 59.97,
      currency: 'USD',
      products: [{ product_id: 'sku-1', name: 'Mug', price: 19.99, quantity: 3 }]
    })
    return {
      pushes: (window.uetq as unknown as { pushes: unknown[][] }).pushes,
      delivered: window.analytics.delivered
    }
  }, customerId)
  return { ...seen, sync: new URL((await synced).url()) }
}

async function sendThroughSegment(event: Fields) {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  const mapping = defaultValues(uetCapiEvent.fields) as JSONObject
  const settings = platformSettings(
    harness.settings,
    { partnerAction: 'uetCapiEvent', mapping, subscribe: 'type = "track"' },
    { accessToken, refreshToken }
  )
  return testDestination.onBatch([event as SegmentEvent], settings)
}

async function tagSends(tagId: string, pushes: unknown[][]) {
  const response = await fetch(`${harness.emulator.url}/__emulator/uet/${tagId}/pushes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(pushes)
  })
  expect(response.status).toBe(200)
  return response.json()
}

it('a purchase: the UET tag and the CAPI event carry the same eventId and name, and Microsoft counts it once', async () => {
  const tagId = harness.settings.uet_tag_id!
  const { pushes, delivered, sync } = await purchaseInBrowser(harness.settings.customer_id)
  const purchase = delivered.find((event) => event.type === 'track')!
  const eventId = purchase.properties.event_id as string

  // Browser: one id, one name, on both sides.
  expect(pushes).toEqual([['event', 'Order Completed', { event_id: eventId, revenue_value: 59.97, currency: 'USD' }]])
  expect(purchase.event).toBe('Order Completed')

  // Server: the Segment destination's default mapping builds the CAPI event with that id and the page load's id.
  expect(statusesOf(await sendThroughSegment(purchase))).toEqual([200])
  const [stored, ...others] = storedItems<Fields>(harness.emulator, 'capiEvents', tagId)
  expect(others).toEqual([])
  expect(stored).toMatchObject({
    eventType: 'custom',
    eventId,
    eventName: 'Order Completed',
    pageLoadId: purchase.properties.page_load_id,
    userData: { anonymousId: purchase.anonymousId },
    customData: { value: 59.97, currency: 'USD' }
  })
  expect(stored.userData.msclkid).toBeDefined()

  // The tag's event reaches Microsoft too: the same tag, eventId and eventName, so the pair is one conversion.
  expect(await tagSends(tagId, pushes)).toEqual({ recorded: 0, duplicates: 1, ignored: 0 })
  const state = harness.emulator.state()
  expect(state.capiEvents.count + state.uetTagEvents.count).toBe(1)
  expect(state.uetTagEvents.duplicatesSeen).toEqual([{ scope: tagId, key: `${eventId}|Order Completed`, count: 1 }])

  // ID Sync: once, for the customer, with the visitor id the CAPI event carries as anonymousId.
  expect(sync.origin + sync.pathname).toBe('https://c.bing.com/c.gif')
  expect([...sync.searchParams]).toEqual([
    ['Red3', `BACID_${harness.settings.customer_id}`],
    ['VID', stored.userData.anonymousId]
  ])
  expect(syncs).toHaveLength(1)
})

it('without the shared id (the server falls back to the messageId), the same purchase is counted twice', async () => {
  const tagId = harness.settings.uet_tag_id!
  const { pushes, delivered } = await purchaseInBrowser(harness.settings.customer_id)
  const purchase = delivered.find((event) => event.type === 'track')!
  const { event_id: _shared, ...properties } = purchase.properties
  expect(statusesOf(await sendThroughSegment({ ...purchase, properties }))).toEqual([200])
  expect(await tagSends(tagId, pushes)).toEqual({ recorded: 1, duplicates: 0, ignored: 0 })
  const state = harness.emulator.state()
  expect(state.capiEvents.count + state.uetTagEvents.count).toBe(2)
})

it('RudderStack: rudderstackConversion and the destination built from its track call share the id; counted once', async () => {
  const tagId = harness.settings.uet_tag_id!
  const page = await open(context, `${site.origin('shop')}/thank-you?msclkid=${CLICK_A}`)
  for (const fixture of ['/fake-uet.js', '/fake-rudderanalytics.js']) await page.addScriptTag({ url: fixture })
  const { pushes, message } = await page.evaluate(() => {
    window.rudderanalytics.track(
      ...window.msadsClickId.rudderstackConversion('Order Completed', {
        order_id: 'R-1001',
        revenue: 42,
        currency: 'USD'
      })
    )
    return {
      pushes: (window.uetq as unknown as { pushes: unknown[][] }).pushes,
      message: window.rudderanalytics.sent[0]
    }
  })
  expect(pushes).toEqual([
    ['event', 'Order Completed', { event_id: 'R-1001', revenue_value: 42, currency: 'USD', transaction_id: 'R-1001' }]
  ])

  // rudder-server stamps the arrival time; the destination's processor builds the CAPI request.
  const received = { ...message, timestamp: new Date().toISOString() }
  const response = await runProcessor([
    {
      message: received,
      metadata: generateMetadata(1),
      destination: rudderDestination({ sendTrackEventsToCapi: true })
    } as unknown as Parameters<typeof runProcessor>[0][number]
  ])
  const capiBodies = response.body
    .map((result) => (result.output as { body?: { JSON?: { data?: Fields[] } } } | undefined)?.body?.JSON)
    .filter((body) => Array.isArray(body?.data))
  expect(capiBodies).toHaveLength(1)
  const [capiEvent] = capiBodies[0]!.data!
  expect(capiEvent).toMatchObject({
    eventId: 'R-1001',
    eventName: 'Order Completed',
    pageLoadId: message.properties.page_load_id,
    userData: { anonymousId: message.anonymousId }
  })

  // The request as the destination built it, to the emulator's tag, then the tag's own event: one conversion.
  const answer = await fetch(`${harness.emulator.url}/v1/${tagId}/events`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${harness.emulator.seed().tags[0].capiToken}`,
      'Content-Type': 'application/json'
    },
    body: JSON.stringify({ ...capiBodies[0], data: [capiEvent] })
  })
  expect(answer.status).toBe(200)
  expect(await tagSends(tagId, pushes)).toEqual({ recorded: 0, duplicates: 1, ignored: 0 })
  const state = harness.emulator.state()
  expect(state.capiEvents.count + state.uetTagEvents.count).toBe(1)
})

it('through msads serve as the Segment webhook destination: the CAPI event keeps the shared id; counted once', async () => {
  const tagId = harness.settings.uet_tag_id!
  const { pushes, delivered } = await purchaseInBrowser(harness.settings.customer_id)
  const purchase = delivered.find((event) => event.type === 'track')!
  const directory = temporaryDirectory()
  const mapping = join(directory.path, 'subscriptions.json')
  const subscription = { name: 'Purchase (CAPI)', subscribe: 'type = "track"', partnerAction: 'uetCapiEvent' }
  writeFileSync(mapping, JSON.stringify([{ ...subscription, mapping: defaultValues(uetCapiEvent.fields) }]))
  const seedTag = harness.emulator.seed().tags[0]
  const serve = await startServe({
    port: 0,
    mappingFile: mapping,
    env: {
      ...demoEnv(directory.path),
      MSADS_UET_TAG_ID: tagId,
      MSADS_UET_CAPI_TOKEN: seedTag.capiToken ?? undefined,
      MSADS_API_BASE_URL: harness.emulator.url,
      MSADS_SERVE_TOKEN: 'caller-token-0123456789abcdef',
      LOG_LEVEL: 'silent'
    }
  })
  try {
    // The event as Segment's Webhooks (Actions) destination posts it by default: the whole event.
    const request = segmentSingle(purchase)
    const answer = await fetch(`${serve.url}/webhooks/segment`, {
      method: 'POST',
      headers: { ...request.headers, Authorization: 'Bearer caller-token-0123456789abcdef' },
      body: request.body
    })
    expect(answer.status).toBe(200)
    const [stored, ...others] = storedItems<Fields>(harness.emulator, 'capiEvents', tagId)
    expect(others).toEqual([])
    expect(stored).toMatchObject({ eventId: purchase.properties.event_id, eventName: 'Order Completed' })
    expect(await tagSends(tagId, pushes)).toEqual({ recorded: 0, duplicates: 1, ignored: 0 })
    const state = harness.emulator.state()
    expect(state.capiEvents.count + state.uetTagEvents.count).toBe(1)
  } finally {
    await serve.close()
    directory.remove()
  }
})
