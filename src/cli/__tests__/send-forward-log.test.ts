import { existsSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { ForwardLog } from '../forward-log/forward-log'
import { runCli } from '../program'
import { demoEnv, memoryIo, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from './helpers'

describe('msads send writes each outcome to the forward log', () => {
  const directory = temporaryDirectory()
  const path = (name: string) => join(directory.path, name)
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('one row per event with its goal, order, masked click id, outcome and TrackingId; the refund lookup finds it', async () => {
    const now = Date.now()
    const events = [orderCompleted(1, now), orderCompleted(2, now, { properties: { order_id: 'order-2' } })]
    writeFileSync(path('events.ndjson'), events.map((event) => JSON.stringify(event)).join('\n'))
    const env = demoEnv(directory.path, { MSADS_FORWARD_LOG: path('log.sqlite') })
    const code = await runCli(['send', path('events.ndjson'), '--no-progress', '--retries', '0'], memoryIo(env))
    expect(code).toBe(1)

    const log = ForwardLog.open(path('log.sqlite'))
    try {
      const rows = log.query()
      expect(rows.map((row) => [row.source, row.eventId, row.orderId, row.goal, row.outcome])).toEqual([
        ['send', 'message-2', 'order-2', 'Purchase', 'rejected'],
        ['send', 'message-1', 'order-1', 'Purchase', 'delivered']
      ])
      expect(rows[1]).toMatchObject({ clickId: '0000…0001', value: 11, currency: 'USD', attempts: 1 })
      expect(rows[1].trackingId).toEqual(expect.any(String))
      expect(log.findByOrderId('order-1')).toEqual([
        {
          account: 'default',
          conversionName: 'Purchase',
          conversionTime: expect.stringMatching(/Z$/),
          clickId: (events[0].properties as { msclkid: string }).msclkid
        }
      ])
    } finally {
      log.close()
    }
  })

  it('with --memory fast writes the same rows from its writer thread, every one of them before the command returns', async () => {
    const now = Date.now()
    const events = Array.from({ length: 2500 }, (_, n) => orderCompleted(n + 10, now))
    writeFileSync(path('fast.ndjson'), events.map((event) => JSON.stringify(event)).join('\n'))
    const rowsOf = async (file: string, args: string[]) => {
      const env = demoEnv(directory.path, { MSADS_FORWARD_LOG: path(file) })
      await runCli(['send', path('fast.ndjson'), '--no-progress', '--retries', '0', ...args], memoryIo(env))
      const log = ForwardLog.open(path(file))
      try {
        const rows = [...log.query({ limit: 500 })]
        for (let before = rows[rows.length - 1]?.id; before !== undefined && rows.length < log.count();) {
          const page = log.query({ limit: 500, before })
          rows.push(...page)
          before = page[page.length - 1]?.id
        }
        // Batches in flight finish in any order: the rows are compared by event.
        return rows
          .map(({ received: _r, updated: _u, id: _id, trackingId: _t, ...row }) => row)
          .sort((a, b) => String(a.eventId).localeCompare(String(b.eventId)))
      } finally {
        log.close()
      }
    }
    const lean = await rowsOf('lean.sqlite', [])
    const fast = await rowsOf('fast.sqlite', ['--memory', 'fast'])
    expect(fast).toHaveLength(2500)
    expect(fast).toEqual(lean)
  })

  it('writes nothing with --no-forward-log or --dry-run', async () => {
    writeFileSync(path('one.ndjson'), JSON.stringify(orderCompleted(3)))
    const env = demoEnv(directory.path, { MSADS_FORWARD_LOG: path('none.sqlite') })
    await runCli(['send', path('one.ndjson'), '--no-progress', '--no-forward-log'], memoryIo(env))
    await runCli(['send', path('one.ndjson'), '--no-progress', '--dry-run'], memoryIo(env))
    expect(existsSync(path('none.sqlite'))).toBe(false)
  })
})
