import type { ChildProcess } from 'child_process'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { ForwardLog } from '../forward-log/forward-log'
import { demoEnv, orderCompleted, temporaryDirectory } from './helpers'
import { spawnServe } from './serve-process'
import { segmentBatch, type SenderRequest } from './webhook-senders'

const CALLER_TOKEN = 'caller-token-0123456789abcdef'
const BATCHES = 8
const PER_BATCH = 25

async function post(url: string, request: SenderRequest): Promise<number> {
  const response = await fetch(`${url}/webhooks/segment`, {
    method: 'POST',
    headers: { ...request.headers, Authorization: `Bearer ${CALLER_TOKEN}` },
    body: request.body
  })
  await response.arrayBuffer()
  return response.status
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('msads serve killed with SIGKILL in the middle of batches', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let child: ChildProcess | undefined

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('restarted on the same forward log, the same requests posted again: each conversion stored once', async () => {
    const env = {
      ...demoEnv(directory.path),
      MSADS_API_BASE_URL: emulator.url,
      MSADS_SERVE_TOKEN: CALLER_TOKEN,
      LOG_LEVEL: 'silent'
    }
    const forwardLog = join(directory.path, 'forward-log.sqlite')
    const now = Date.now()
    const requests = Array.from({ length: BATCHES }, (_, batch) =>
      segmentBatch(Array.from({ length: PER_BATCH }, (_, n) => orderCompleted(batch * PER_BATCH + n + 1, now)))
    )
    // Some Apply calls are held (never stored), the others are stored: the kill lands while batches are open.
    emulator.setFaults({ rate: 0.5, kinds: ['slow'], routes: ['applyOfflineConversions'], delayMs: 60_000, seed: 3 })
    const first = await spawnServe(env, ['--forward-log', forwardLog])
    child = first.child
    const pending = requests.map((request) => post(first.url, request).catch(() => 0))
    while (emulator.state({ records: false }).offlineConversions.count < PER_BATCH) await sleep(20)
    await sleep(100)
    const exited = new Promise((resolve) => first.child.once('exit', resolve))
    first.child.kill('SIGKILL')
    await exited
    const answered = await Promise.all(pending)
    const storedAtKill = emulator.state({ records: false }).offlineConversions.count
    expect(storedAtKill).toBeGreaterThan(0)
    expect(storedAtKill).toBeLessThan(BATCHES * PER_BATCH)
    expect(answered.filter((status) => status === 0).length).toBeGreaterThan(0)
    emulator.clearFaults()
    const second = await spawnServe(env, ['--forward-log', forwardLog])
    child = second.child
    for (const request of requests) {
      let status = 0
      for (let tries = 0; status !== 200; tries++) {
        expect(tries).toBeLessThan(20)
        status = await post(second.url, request)
      }
    }
    const stored = Object.values(emulator.state().offlineConversions.records as Record<string, Array<{ item: any }>>)
      .flat()
      .map((record) => record.item.MicrosoftClickId)
    expect(stored).toHaveLength(BATCHES * PER_BATCH)
    expect(new Set(stored).size).toBe(BATCHES * PER_BATCH)
    second.child.kill('SIGTERM')
    await new Promise((resolve) => second.child.once('exit', resolve))

    const log = ForwardLog.open(forwardLog)
    try {
      const rows = log.query({ limit: 500 })
      expect(rows).toHaveLength(BATCHES * PER_BATCH)
      expect(rows.every((row) => row.outcome === 'delivered')).toBe(true)
    } finally {
      log.close()
    }
  }, 240_000)
})
