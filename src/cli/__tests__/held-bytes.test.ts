import { Dispatcher } from '../send/dispatcher'
import { Lanes } from '../send/lanes'
import type { Sink } from '../pipeline/conversion'
import { Ledger } from '../send/ledger'
import { TaskPool } from '../send/task-pool'
import type { RecordRouter, Routing } from '../send/record-router'
import type { RejectsFile } from '../send/rejects-file'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((done) => (resolve = done))
  return { promise, resolve }
}

describe('the task pool bounded by weight', () => {
  it('waits while the weight in flight would pass the bound, but always lets one task go', async () => {
    const pool = new TaskPool(10, 100)
    const first = deferred()
    const started: string[] = []
    await pool.submit(async () => {
      started.push('heavy')
      await first.promise
    }, 150)
    expect(pool.weight).toBe(150)
    const second = pool.submit(async () => void started.push('light'), 10)
    await new Promise((done) => setImmediate(done))
    expect(started).toEqual(['heavy'])
    first.resolve()
    await second
    await pool.drain()
    expect(started).toEqual(['heavy', 'light'])
    expect(pool.weight).toBe(0)
  })
})

describe('lanes that count bytes', () => {
  it('gives the heaviest lane up whole and keeps the count of what is left', () => {
    const lanes = new Lanes<number>(1000)
    lanes.add('a', 1, 10)
    lanes.add('b', 2, 500)
    lanes.add('a', 3, 10)
    expect(lanes.bytes).toBe(520)
    const [lane, batch] = lanes.takeHeaviest()!
    expect(lane).toBe('b')
    expect(batch).toEqual({ items: [2], bytes: 500 })
    expect(lanes.bytes).toBe(20)
    expect(lanes.takeAll()).toEqual([['a', { items: [1, 3], bytes: 20 }]])
    expect(lanes.bytes).toBe(0)
  })
})

describe('the dispatcher bounded by held bytes', () => {
  const rejects = { count: 0, write: async () => undefined } as unknown as RejectsFile

  function setup(maxHeldBytes: number) {
    const batches: number[] = []
    const sink: Sink = {
      deliver: async (_kind, conversions) => {
        batches.push(conversions.length)
        return conversions.map(() => ({
          status: 200,
          outcome: 'delivered' as const,
          reason: 'accepted',
          message: 'ok'
        }))
      }
    }
    const router = {
      route: (line: number, record: Record<string, unknown>): Routing => ({
        record,
        source: 'csv',
        sends: [
          {
            lane: { key: String(record.lane), kind: 'offline', options: {}, target: 'test', action: 'test' },
            conversion: { line, input: {} }
          }
        ],
        outcomes: []
      })
    } as unknown as RecordRouter
    const ledger = new Ledger(rejects, false, 'input.ndjson')
    const dispatcher = new Dispatcher({
      sink,
      router,
      ledger,
      retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 },
      batchSize: 1000,
      concurrency: 4,
      maxHeldBytes,
      onAnswer: () => undefined,
      onSettled: () => undefined
    })
    return { dispatcher, ledger, batches }
  }

  it('sends a smaller batch early when the events waiting weigh more than the bound, and every event once', async () => {
    const { dispatcher, ledger, batches } = setup(10_000)
    for (let line = 1; line <= 100; line++) await dispatcher.route(line, { lane: 'one' }, 1_000)
    await dispatcher.finish()
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(100)
    expect(Math.max(...batches)).toBeLessThanOrEqual(11)
    expect(ledger.table.count('delivered')).toBe(100)
    expect(dispatcher.heldBytes).toBe(0)
  })

  it('fills whole batches when the events are light', async () => {
    const { dispatcher, batches } = setup(10_000_000)
    for (let line = 1; line <= 2500; line++) await dispatcher.route(line, { lane: 'one' }, 100)
    await dispatcher.finish()
    expect(batches).toEqual([1000, 1000, 500])
  })
})
