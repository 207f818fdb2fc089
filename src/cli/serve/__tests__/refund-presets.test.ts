import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { MemoryOriginals, postJson, storedRecords, temporaryDirectory, wholeSecondsAgo } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

const HOUR = 3_600_000

const post = postJson

function orderCompleted(orderId: string, clickId: string, timestamp: string) {
  return {
    type: 'track',
    event: 'Order Completed',
    messageId: `completed-${orderId}-${clickId}`,
    timestamp,
    properties: { order_id: orderId, revenue: 42, currency: 'USD', msclkid: clickId }
  }
}

/** What a shop's backend sends on a refund: the order id, no click id, no time of the original. */
function orderRefunded(orderId: string, event = 'Order Refunded') {
  return {
    type: 'track',
    event,
    messageId: `refunded-${orderId}`,
    timestamp: wholeSecondsAgo(HOUR),
    properties: { order_id: orderId, revenue: 42, currency: 'USD' }
  }
}

describe('msads serve: Order Completed, then Order Refunded, through the presets', () => {
  const directory = temporaryDirectory()
  const originals = new MemoryOriginals()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      originalConversions: originals
    })
    // As Microsoft does: an offline adjustment must find its original (same goal, click id, exact time), else 5627.
    serve.emulator!.setOptions({ requireOriginalConversion: true })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  /** Sends the purchases (one request each), and records in the forward log what Microsoft accepted, as it does. */
  async function purchase(orderId: string, clickIds: string[], timestamp: string): Promise<void> {
    for (const clickId of clickIds) {
      const answer = await post(`${serve.url}/actions/trackConversion`, {
        payload: orderCompleted(orderId, clickId, timestamp)
      })
      expect(answer.json.results[0].outcome).toBe('delivered')
    }
    for (const item of storedRecords(serve.emulator!, 'offlineConversions')) {
      if (!clickIds.includes(String(item.MicrosoftClickId))) continue
      originals.add(orderId, {
        conversionName: String(item.ConversionName),
        conversionTime: String(item.ConversionTime),
        clickId: String(item.MicrosoftClickId)
      })
    }
  }

  it('retracts the offline conversion the order id names, found in the forward log', async () => {
    const convertedAt = wholeSecondsAgo(3 * HOUR)
    await purchase('A-1001', ['a1a00000000000000000000000000001'], convertedAt)

    const answer = await post(`${serve.url}/actions/adjustConversion`, { payload: orderRefunded('A-1001') })
    expect(answer.json.results).toEqual([expect.objectContaining({ outcome: 'delivered' })])
    expect(storedRecords(serve.emulator!, 'offlineConversionAdjustments')).toContainEqual({
      AdjustmentType: 'Retract',
      AdjustmentTime: expect.any(String),
      ConversionName: 'Purchase',
      ConversionTime: convertedAt,
      MicrosoftClickId: 'a1a00000000000000000000000000001'
    })
  })

  it('retracts each conversion of a sale split across click ids, and answers the event once', async () => {
    const convertedAt = wholeSecondsAgo(4 * HOUR)
    const clicks = ['b2b00000000000000000000000000001', 'b2b00000000000000000000000000002']
    await purchase('A-1002', clicks, convertedAt)

    const answer = await post(`${serve.url}/actions/adjustConversion`, {
      payloads: [orderRefunded('A-1002', 'Order Cancelled'), orderRefunded('A-1003')]
    })
    // A-1003 was never sent offline: without an original it goes online by order id, which Microsoft refuses.
    expect(
      answer.json.results.map((result: { outcome: string; code?: number }) => [result.outcome, result.code])
    ).toEqual([
      ['delivered', undefined],
      ['rejected', 5627]
    ])
    const retracted = storedRecords(serve.emulator!, 'offlineConversionAdjustments')
      .filter((item) => item.ConversionTime === convertedAt)
      .map((item) => item.MicrosoftClickId)
      .sort()
    expect(retracted).toEqual(clicks)
  })

  it('RudderStack (router transform and delivery proxy, default config): the refund carries the time and click id', async () => {
    const convertedAt = wholeSecondsAgo(6 * HOUR)
    const clickId = 'e5e00000000000000000000000000001'
    const message = (event: string, timestamp: string, properties: Record<string, unknown>) => ({
      type: 'track',
      event,
      messageId: `rudder-${event}`,
      anonymousId: 'anon-1',
      timestamp,
      context: { page: { url: `https://shop.example/thanks?msclkid=${clickId}` } },
      properties: { order_id: 'R-1', revenue: 30, currency: 'USD', ...properties }
    })
    const completed = await post(`${serve.url}/rudderstack/deliver`, {
      messages: [message('Order Completed', convertedAt, {})]
    })
    expect(completed.json.jobs).toEqual([expect.objectContaining({ outcome: 'delivered' })])
    // What a RudderStack refund must carry (docs/mapping.md): the click id and properties.conversion_time.
    const refunded = await post(`${serve.url}/rudderstack/deliver`, {
      messages: [
        message('Order Refunded', wholeSecondsAgo(HOUR), { conversion_time: convertedAt }),
        { ...message('refund', wholeSecondsAgo(HOUR), {}), messageId: 'rudder-refund-without-time' }
      ]
    })
    expect(refunded.json.jobs.map((job: { outcome: string; code?: number }) => [job.outcome, job.code])).toEqual([
      ['delivered', undefined],
      ['rejected', 5627]
    ])
    expect(storedRecords(serve.emulator!, 'offlineConversionAdjustments')).toContainEqual(
      expect.objectContaining({ AdjustmentType: 'Retract', ConversionTime: convertedAt, MicrosoftClickId: clickId })
    )
  })

  it('uses the time and click id a refund carries itself, without the forward log', async () => {
    const convertedAt = wholeSecondsAgo(5 * HOUR)
    const clickId = 'c3c00000000000000000000000000001'
    const sent = await post(`${serve.url}/actions/trackConversion`, {
      payload: orderCompleted('A-1004', clickId, convertedAt)
    })
    expect(sent.json.results[0].outcome).toBe('delivered')
    const refund = orderRefunded('A-1004', 'refund')
    const answer = await post(`${serve.url}/actions/adjustConversion`, {
      payload: { ...refund, properties: { ...refund.properties, msclkid: clickId, conversion_time: convertedAt } }
    })
    expect(answer.json.results).toEqual([expect.objectContaining({ outcome: 'delivered' })])
    expect(storedRecords(serve.emulator!, 'offlineConversionAdjustments')).toContainEqual(
      expect.objectContaining({ ConversionTime: convertedAt, MicrosoftClickId: clickId, AdjustmentType: 'Retract' })
    )
  })
})
