import { writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { runSendJob } from '../send/send-run'
import {
  demoEnv,
  memoryIo,
  MemoryOriginals,
  storedRecords,
  temporaryDirectory,
  useEmulatorEndpoints,
  wholeSecondsAgo
} from './helpers'

const HOUR = 3_600_000
const CLICKS = ['d4d00000000000000000000000000001', 'd4d00000000000000000000000000002']

describe('msads send: Order Completed, then Order Refunded, through the defaults', () => {
  const directory = temporaryDirectory()
  const originals = new MemoryOriginals()
  let emulator: RunningEmulator

  beforeAll(async () => {
    // As Microsoft does: an offline adjustment must find its original (same goal, click id, exact time), else 5627.
    emulator = await startEmulator({ port: 0, options: { requireOriginalConversion: true } })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  async function send(name: string, events: unknown[]) {
    const file = join(directory.path, `${name}.ndjson`)
    writeFileSync(file, events.map((event) => JSON.stringify(event)).join('\n') + '\n')
    const io = memoryIo(demoEnv(directory.path))
    const summary = await runSendJob(
      {
        file,
        retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
        progress: false,
        rejectsPath: join(directory.path, `${name}.rejects.jsonl`),
        originalConversions: originals
      },
      io
    )
    return summary
  }

  it('retracts each conversion of the order, found by order id, at once and exactly', async () => {
    const convertedAt = wholeSecondsAgo(3 * HOUR)
    // A sale split across two clicks: two Order Completed events of one order (two lines of the export).
    const completed = CLICKS.map((clickId, index) => ({
      type: 'track',
      event: 'Order Completed',
      messageId: `completed-${index}`,
      timestamp: convertedAt,
      properties: { order_id: 'S-1', revenue: 21, currency: 'USD', msclkid: clickId }
    }))
    expect((await send('completed-1', [completed[0]])).outcomes).toEqual({ delivered: { accepted: 1 } })
    expect((await send('completed-2', [completed[1]])).outcomes).toEqual({ delivered: { accepted: 1 } })
    // What the forward log records of what Microsoft accepted.
    for (const item of storedRecords(emulator, 'offlineConversions'))
      originals.add('S-1', {
        conversionName: String(item.ConversionName),
        conversionTime: String(item.ConversionTime),
        clickId: String(item.MicrosoftClickId)
      })

    const refunds = [
      {
        type: 'track',
        event: 'Order Refunded',
        messageId: 'refund-1',
        timestamp: wholeSecondsAgo(HOUR),
        properties: { order_id: 'S-1' }
      },
      {
        type: 'track',
        event: 'Order Refunded',
        messageId: 'refund-2',
        timestamp: wholeSecondsAgo(HOUR),
        properties: { order_id: 'S-2' }
      }
    ]
    const summary = await send('refunds', refunds)
    // S-2 was never sent offline: it goes online by order id, which Microsoft refuses.
    expect(summary.outcomes).toEqual({
      delivered: { accepted: 1 },
      rejected: { OfflineConversionRestateRetractNotSupported: 1 }
    })
    expect(
      storedRecords(emulator, 'offlineConversionAdjustments')
        .map((item) => [item.AdjustmentType, item.ConversionName, item.ConversionTime, item.MicrosoftClickId])
        .sort()
    ).toEqual(CLICKS.map((clickId) => ['Retract', 'Purchase', convertedAt, clickId]))
  })
})
