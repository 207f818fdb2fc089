import { writeFileSync } from 'fs'
import { DEFAULT_SEED, startEmulator, type FaultKind, type RunningEmulator } from '../../emulator'
import { startServe, type RunningServe } from '../serve/start-serve'
import {
  DEMO_SECRETS,
  demoEnv,
  orderCompleted,
  requestCount,
  temporaryDirectory,
  useEmulatorEndpoints
} from './helpers'
import { rudderTrack, rudderWebhook, segmentBatch, segmentSingle, type SenderRequest } from './webhook-senders'

const CALLER_TOKEN = 'caller-token-0123456789abcdef'
const SHARED_SECRET = 'segment-shared-secret-42'
const TAG = DEFAULT_SEED.tags[0]

interface Answer {
  status: number
  retryAfter: string | null
  json: any
}

async function post(url: string, request: SenderRequest, bearer = true): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...request.headers, ...(bearer ? { Authorization: `Bearer ${CALLER_TOKEN}` } : {}) },
    body: request.body
  })
  return { status: response.status, retryAfter: response.headers.get('retry-after'), json: await response.json() }
}

async function getJson(url: string): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${CALLER_TOKEN}` } })
  return { status: response.status, json: await response.json() }
}

type Stored = Record<string, Array<{ item: Record<string, any> }>>
const items = (records: unknown): Array<Record<string, any>> =>
  Object.values(records as Stored)
    .flat()
    .map((record) => record.item)

const refund = (index: number, now = Date.now()) => ({
  type: 'track',
  event: 'Order Refunded',
  messageId: `refund-${index}`,
  timestamp: new Date(now - 1_800_000).toISOString(),
  properties: { order_id: `order-${index}`, revenue: 10, currency: 'USD' }
})

const page = (index: number, now = Date.now()) => ({
  type: 'page',
  messageId: `page-${index}`,
  anonymousId: `anon-${index}`,
  timestamp: new Date(now - 60_000).toISOString(),
  context: { page: { url: 'https://shop.example/checkout', title: 'Checkout' } },
  properties: { url: 'https://shop.example/checkout' }
})

describe('msads serve as the webhook destination of Segment and RudderStack', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let serve: RunningServe | undefined
  let run = 0

  const start = async (extra: NodeJS.ProcessEnv = {}, mappingFile?: string): Promise<RunningServe> => {
    serve = await startServe({
      port: 0,
      mappingFile,
      env: {
        ...demoEnv(directory.path, { MSADS_TOKEN_FILE: `${directory.path}/tokens-${++run}.json` }),
        MSADS_UET_TAG_ID: TAG.id,
        MSADS_UET_CAPI_TOKEN: TAG.capiToken ?? undefined,
        MSADS_SERVE_TOKEN: CALLER_TOKEN,
        LOG_LEVEL: 'silent',
        ...extra
      }
    })
    return serve
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(() => emulator)
  beforeEach(() => emulator.reset())
  afterEach(async () => {
    await serve?.close()
    serve = undefined
  })
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  describe('Segment Webhooks (Actions)', () => {
    it('takes one event, unsigned, and sends it through trackConversion', async () => {
      const { url } = await start()
      const answer = await post(`${url}/webhooks/segment`, segmentSingle(orderCompleted(1)))
      expect(answer.status).toBe(200)
      expect(answer.json).toMatchObject({
        sender: 'segment',
        shape: 'single',
        results: [{ index: 0, messageId: 'message-1', outcome: 'delivered', reason: 'accepted' }]
      })
      expect(items(emulator.state().offlineConversions.records).map((item) => item.ConversionName)).toEqual([
        'Purchase'
      ])
    })

    it('routes each event of a signed batch (JSON array) to its action: conversion, adjustment, CAPI, not mapped', async () => {
      const { url } = await start({ MSADS_SEGMENT_WEBHOOK_SECRET: SHARED_SECRET })
      const events = [
        orderCompleted(1),
        refund(1),
        page(1),
        { type: 'track', event: 'Product Viewed', messageId: 'pv-1' }
      ]
      const answer = await post(`${url}/webhooks/segment`, segmentBatch(events, SHARED_SECRET))
      expect(answer.json.results.map((result: any) => [result.outcome, result.reason])).toEqual([
        ['delivered', 'accepted'],
        ['delivered', 'accepted'],
        ['delivered', 'accepted'],
        ['skipped', 'event_not_mapped']
      ])
      expect(answer.status).toBe(200)
      const state = emulator.state()
      expect(items(state.offlineConversions.records).map((item) => item.MicrosoftClickId)).toEqual([
        (orderCompleted(1).properties as any).msclkid
      ])
      expect(items(state.onlineConversionAdjustments.records)).toMatchObject([
        { TransactionId: 'order-1', AdjustmentType: 'Retract', ConversionName: 'Purchase' }
      ])
      expect(items(state.capiEvents.records)).toMatchObject([{ eventType: 'pageLoad' }])
    })

    it('retracts the conversion an earlier Order Completed delivered, found in the forward log by order id', async () => {
      emulator.setOptions({ requireOriginalConversion: true })
      const { url } = await start()
      expect((await post(`${url}/webhooks/segment`, segmentSingle(orderCompleted(21)))).status).toBe(200)
      const answer = await post(`${url}/webhooks/segment`, segmentSingle(refund(21)))
      expect([answer.status, answer.json.results[0].outcome]).toEqual([200, 'delivered'])
      const state = emulator.state()
      const [original] = items(state.offlineConversions.records)
      expect(items(state.offlineConversionAdjustments.records)).toEqual([
        expect.objectContaining({
          AdjustmentType: 'Retract',
          ConversionName: original.ConversionName,
          ConversionTime: original.ConversionTime,
          MicrosoftClickId: original.MicrosoftClickId
        })
      ])
      expect(items(state.onlineConversionAdjustments.records)).toEqual([])
      emulator.setOptions({ requireOriginalConversion: false })
    })

    it('takes a signed single event and {"batch": [...]}, and refuses a bad or missing signature with 401', async () => {
      const { url } = await start({ MSADS_SEGMENT_WEBHOOK_SECRET: SHARED_SECRET })
      expect((await post(`${url}/webhooks/segment`, segmentSingle(orderCompleted(1), SHARED_SECRET))).status).toBe(200)
      const batch = { batch: [orderCompleted(2), orderCompleted(3)] }
      const signedBatch = segmentSingle(batch, SHARED_SECRET)
      const answer = await post(`${url}/webhooks/segment`, signedBatch)
      expect(answer.json).toMatchObject({ shape: 'batch', events: 2 })
      expect(answer.status).toBe(200)

      const tampered = segmentSingle(orderCompleted(4), SHARED_SECRET)
      tampered.body = tampered.body.replace('order-4', 'order-5')
      const bad = await post(`${url}/webhooks/segment`, tampered)
      expect([bad.status, bad.json.error.code]).toEqual([401, 'invalid_signature'])
      for (const secret of [...DEMO_SECRETS, SHARED_SECRET, CALLER_TOKEN])
        expect(JSON.stringify([answer.json, bad.json])).not.toContain(secret)
      const wrongSecret = await post(`${url}/webhooks/segment`, segmentBatch([orderCompleted(6)], 'another-secret'))
      expect([wrongSecret.status, wrongSecret.json.error.code]).toEqual([401, 'invalid_signature'])
      const unsigned = await post(`${url}/webhooks/segment`, segmentSingle(orderCompleted(7)))
      expect([unsigned.status, unsigned.json.error.code]).toEqual([401, 'missing_signature'])
      expect(emulator.state({ records: false }).offlineConversions.count).toBe(3)
    })

    it('routes by the subscriptions of a --mapping file, as msads send does', async () => {
      const file = `${directory.path}/subscriptions.json`
      writeFileSync(
        file,
        JSON.stringify([
          {
            name: 'Leads',
            subscribe: 'type = "track" and event = "Lead Submitted"',
            partnerAction: 'trackConversion',
            mapping: {
              conversion_name: 'Lead',
              conversion_time: { '@path': '$.timestamp' },
              microsoft_click_id: { '@path': '$.properties.msclkid' },
              transaction_id: { '@path': '$.properties.lead_id' }
            }
          }
        ])
      )
      const { url } = await start({}, file)
      const lead = {
        ...orderCompleted(1),
        event: 'Lead Submitted',
        properties: { lead_id: 'L-1', msclkid: 'c'.repeat(32) }
      }
      const answer = await post(`${url}/webhooks/segment`, segmentBatch([lead, orderCompleted(2)]))
      expect(answer.json.results.map((result: any) => [result.outcome, result.reason, result.target])).toEqual([
        ['delivered', 'accepted', 'Leads'],
        ['skipped', 'event_not_mapped', 'none']
      ])
      expect(items(emulator.state().offlineConversions.records)).toMatchObject([{ ConversionName: 'Lead' }])
      expect((await getJson(`${url}/log?order_id=L-1`)).json.rows).toMatchObject([{ goal: 'Lead', target: 'Leads' }])
    })

    it('needs the caller token, under /accounts/NAME/ too', async () => {
      const { url } = await start()
      expect((await post(`${url}/webhooks/segment`, segmentSingle(orderCompleted(1)), false)).status).toBe(401)
      const answer = await post(`${url}/accounts/default/webhooks/segment`, segmentSingle(orderCompleted(1)))
      expect(answer.status).toBe(200)
      expect((await post(`${url}/accounts/nobody/webhooks/segment`, segmentSingle(orderCompleted(1)))).status).toBe(404)
    })

    it('answers a body that is not events with 400 naming the problem', async () => {
      const { url } = await start()
      const cases: Array<[string, string]> = [
        ['[]', 'holds no event'],
        ['[1]', '[0] must be a JSON object'],
        ['{"batch": [null]}', 'batch[0] must be a JSON object'],
        ['"text"', 'must be an event object'],
        ['{', 'not valid JSON']
      ]
      for (const [body, text] of cases) {
        const answer = await post(`${url}/webhooks/segment`, { headers: { 'content-type': 'application/json' }, body })
        expect([answer.status, answer.json.error.message]).toEqual([400, expect.stringContaining(text)])
      }
    })
  })

  describe('RudderStack Webhook', () => {
    it('takes a message with the caller token as a custom header, and filters what the destination does not send', async () => {
      const { url } = await start()
      const headers = [{ from: 'Authorization', to: `Bearer ${CALLER_TOKEN}` }]
      const message = rudderTrack(1, 'Order Completed', {
        order_id: 'R-1',
        revenue: 12,
        currency: 'USD',
        msclkid: 'a'.repeat(32)
      })
      const answer = await post(`${url}/webhooks/rudderstack`, rudderWebhook(message, headers), false)
      expect(answer.json).toMatchObject({
        sender: 'rudderstack',
        results: [{ outcome: 'delivered', messageId: 'rudder-1' }]
      })
      expect(answer.status).toBe(200)
      expect(items(emulator.state().offlineConversions.records)).toMatchObject([
        { ConversionName: 'Purchase', MicrosoftClickId: 'a'.repeat(32), ConversionValue: 12 }
      ])
      const viewed = await post(
        `${url}/webhooks/rudderstack`,
        rudderWebhook(rudderTrack(2, 'Product Viewed', {}), headers),
        false
      )
      expect([viewed.status, viewed.json.results[0].outcome]).toEqual([200, 'skipped'])
      expect((await post(`${url}/webhooks/rudderstack`, rudderWebhook(message), false)).status).toBe(401)
    })
  })

  describe('statuses that make the sender retry, and idempotency', () => {
    const cases: Array<[FaultKind, number]> = [
      ['http500', 503],
      ['throttle', 429],
      ['tokenExpiry', 503]
    ]
    it.each(cases)(
      '%s on a batch: %i with Retry-After; re-posting until 2xx stores each conversion once',
      async (kind, status) => {
        const { url } = await start()
        const now = Date.now()
        const request = segmentBatch(Array.from({ length: 5 }, (_, n) => orderCompleted(n + 1, now)))
        emulator.setFaults({ rate: 1, kinds: [kind], routes: ['applyOfflineConversions'] })
        for (let attempt = 0; attempt < 3; attempt++) {
          const answer = await post(`${url}/webhooks/segment`, request)
          expect(answer.status).toBe(status)
          expect(Number(answer.retryAfter)).toBeGreaterThan(0)
          expect(answer.json.results.every((result: any) => ['retry', 'auth'].includes(result.outcome))).toBe(true)
        }
        emulator.clearFaults()
        const delivered = await post(`${url}/webhooks/segment`, request)
        expect(delivered.status).toBe(200)
        expect(emulator.state({ records: false }).offlineConversions).toMatchObject({ count: 5, duplicates: 0 })

        const applies = requestCount(emulator, 'applyOfflineConversions')
        const again = await post(`${url}/webhooks/segment`, request)
        expect(again.status).toBe(200)
        expect(again.json.results.every((result: any) => result.replayed === true)).toBe(true)
        expect(requestCount(emulator, 'applyOfflineConversions')).toBe(applies)

        const log = await getJson(`${url}/log?goal=Purchase`)
        expect(log.json.rows.map((row: any) => [row.eventId, row.outcome, row.attempts]).sort()).toEqual(
          [1, 2, 3, 4, 5].map((n) => [`message-${n}`, 'delivered', 4])
        )
      }
    )

    it('under random faults, re-posting each batch until 2xx stores every conversion exactly once', async () => {
      const { url } = await start()
      const now = Date.now()
      const batches = [0, 1, 2].map((batch) =>
        segmentBatch(Array.from({ length: 10 }, (_, n) => orderCompleted(batch * 10 + n + 1, now)))
      )
      emulator.setFaults({ rate: 0.6, kinds: ['http500', 'throttle', 'tokenExpiry'], routes: ['campaign'], seed: 7 })
      let posts = 0
      let retryable = 0
      for (const request of batches) {
        for (let tries = 0; ; tries++) {
          expect(tries).toBeLessThan(60)
          const answer = await post(`${url}/webhooks/segment`, request)
          posts++
          if (answer.status === 200) break
          expect([429, 503]).toContain(answer.status)
          retryable++
        }
      }
      expect(retryable).toBeGreaterThan(0)
      const stored = items(emulator.state().offlineConversions.records)
      expect(stored).toHaveLength(30)
      expect(new Set(stored.map((item) => item.MicrosoftClickId)).size).toBe(30)
      const rows = (await getJson(`${url}/log?limit=500`)).json.rows
      expect(rows).toHaveLength(30)
      expect(rows.every((row: any) => row.outcome === 'delivered' && row.attempts >= 1)).toBe(true)
      expect(rows.reduce((sum: number, row: any) => sum + row.attempts, 0)).toBeGreaterThan(30)
      expect(posts).toBe(retryable + 3)
    })

    it('answers the action routes and /rudderstack/deliver that must be retried with 503 and Retry-After, not 200', async () => {
      const { url } = await start()
      emulator.setFaults({ rate: 1, kinds: ['http500'], routes: ['applyOfflineConversions'] })
      const response = await fetch(`${url}/actions/trackConversion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: `Bearer ${CALLER_TOKEN}` },
        body: JSON.stringify({ payload: orderCompleted(1) })
      })
      expect(response.status).toBe(503)
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await response.json()).results[0].outcome).toBe('retry')
      const deliver = await fetch(`${url}/rudderstack/deliver`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: `Bearer ${CALLER_TOKEN}` },
        body: JSON.stringify({
          messages: [rudderTrack(1, 'Order Completed', { order_id: 'R-1', revenue: 1, msclkid: 'b'.repeat(32) })]
        })
      })
      expect(deliver.status).toBe(503)
      expect(Number(deliver.headers.get('retry-after'))).toBeGreaterThan(0)
    })
  })

  describe('GET /log', () => {
    it('pages newest first, filters, masks the click id and never shows a hash', async () => {
      const { url } = await start()
      const now = Date.now()
      const event = (n: number) =>
        orderCompleted(n, now, {
          context: { traits: { email: `person${n}@example.com` } }
        })
      await post(`${url}/webhooks/segment`, segmentBatch([1, 2, 3, 4, 5].map(event)))
      const first = await getJson(`${url}/log?limit=2`)
      expect(first.json.rows.map((row: any) => row.eventId)).toEqual(['message-5', 'message-4'])
      const second = await getJson(`${url}/log?limit=2&before=${first.json.next}`)
      expect(second.json.rows.map((row: any) => row.eventId)).toEqual(['message-3', 'message-2'])
      const byOrder = await getJson(`${url}/log?order_id=order-3`)
      expect(byOrder.json.rows).toMatchObject([
        { orderId: 'order-3', goal: 'Purchase', outcome: 'delivered', clickId: '0000…0003', value: 13, currency: 'USD' }
      ])
      const clickId = (orderCompleted(2).properties as any).msclkid
      expect((await getJson(`${url}/log?click_id=${clickId}`)).json.rows.map((row: any) => row.orderId)).toEqual([
        'order-2'
      ])
      expect((await getJson(`${url}/log?outcome=retry`)).json.rows).toEqual([])
      const text = JSON.stringify((await getJson(`${url}/log`)).json)
      expect(text).not.toMatch(/[0-9a-f]{64}/)
      expect(text).not.toContain('@example.com')
      expect(text).not.toContain(clickId)
      for (const secret of [...DEMO_SECRETS, CALLER_TOKEN]) expect(text).not.toContain(secret)
      expect((await getJson(`${url}/log?outcome=lost`)).status).toBe(400)
      expect((await fetch(`${url}/log`)).status).toBe(401)
    })
  })
})
