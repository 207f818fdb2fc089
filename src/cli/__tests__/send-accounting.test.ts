import { chmodSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, orderCompleted, requestCount, temporaryDirectory, useEmulatorEndpoints } from './helpers'

type Line = Record<string, any>
const ndjson = (records: unknown[]): string => `${records.map((record) => JSON.stringify(record)).join('\n')}\n`
const readJsonl = (path: string): Line[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

async function send(args: string[], env: NodeJS.ProcessEnv, stop?: AbortSignal) {
  const io = memoryIo(env)
  if (stop) io.stop = stop
  const code = await runCli(['send', ...args, '--no-progress'], io)
  const last = io.out().trim().split('\n').pop() as string
  return { code, io, summary: args.includes('--json') ? (JSON.parse(last) as SendSummary) : undefined }
}

const GOAL_MAPPING = [
  {
    name: 'Goal from the event',
    subscribe: 'type = "track" and event = "Order Completed"',
    partnerAction: 'trackConversion',
    mapping: {
      conversion_name: { '@path': '$.properties.goal' },
      conversion_time: { '@path': '$.timestamp' },
      microsoft_click_id: { '@path': '$.properties.msclkid' }
    }
  }
]

/** 30% of the events name a goal the account does not have: Microsoft answers one 5606 for each. */
const isSpoilt = (n: number): boolean => n % 10 < 3

describe('msads send accounts for every line', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let env: NodeJS.ProcessEnv
  let run = 0
  const path = (name: string) => join(directory.path, name)

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    writeFileSync(path('goal-mapping.json'), JSON.stringify(GOAL_MAPPING))
  })
  beforeEach(() => {
    emulator.reset()
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: path(`tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('1,000-item batches, 30% item errors: each event has an outcome, exit 1, rejects = the failed', async () => {
    const now = Date.now()
    const events = Array.from({ length: 3000 }, (_, n) =>
      orderCompleted(n + 1, now, {
        properties: {
          ...(orderCompleted(n + 1, now).properties as object),
          goal: isSpoilt(n) ? 'No such goal' : 'Purchase'
        }
      })
    )
    writeFileSync(path('backfill.ndjson'), ndjson(events))

    const { code, summary } = await send(
      [path('backfill.ndjson'), '--json', '--mapping', path('goal-mapping.json')],
      env
    )

    expect(code).toBe(1)
    expect(summary).toMatchObject({ total: 3000, complete: true, unsettled: 0, notDelivered: 900 })
    expect(summary!.outcomes).toEqual({
      delivered: { accepted: 2100 },
      rejected: { OfflineConversionNameInvalid: 900 }
    })
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(3)
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(2100)
    const rejects = readJsonl(path('backfill.rejects.jsonl'))
    const failedLines = events.flatMap((_, n) => (isSpoilt(n) ? [n + 1] : []))
    // Batches in flight at once finish in any order: the set of lines is what counts.
    expect(rejects.map((entry) => entry.line).sort((a, b) => a - b)).toEqual(failedLines)
    for (const entry of rejects) {
      expect(entry).toMatchObject({ outcome: 'rejected', code: 5606, source: 'segment', event: events[entry.line - 1] })
      expect(entry.subscriptions).toEqual([GOAL_MAPPING[0]])
    }
    // Completed: no checkpoint is left, and no temporary file.
    expect(readdirSync(directory.path).filter((name) => /partial|checkpoint/.test(name))).toEqual([])
  }, 60_000)

  it('ends a run whose requests never settle: exit 1, the unsettled events counted and rejected as retry', async () => {
    emulator.setFaults({ rate: 1, kinds: ['slow'], routes: ['applyOfflineConversions'], delayMs: 3_000 })
    writeFileSync(path('stalls.ndjson'), ndjson(Array.from({ length: 5 }, (_, n) => orderCompleted(n + 1))))

    const { code, summary, io } = await send([path('stalls.ndjson'), '--json', '--settle-timeout', '0.5'], env)

    expect(code).toBe(1)
    expect(summary).toMatchObject({
      total: 5,
      complete: false,
      stopReason: 'not_settled',
      unsettled: 5,
      stoppedAtLine: 5
    })
    expect(summary!.outcomes).toEqual({ retry: { not_settled: 5 } })
    expect(io.err()).toMatch(/5 events had no outcome/)
    const rejects = readJsonl(path('stalls.rejects.jsonl'))
    expect(rejects.map((entry) => [entry.line, entry.outcome, entry.reason])).toEqual(
      [1, 2, 3, 4, 5].map((line) => [line, 'retry', 'not_settled'])
    )
    // The checkpoint stays at line 0: --resume sends every line again.
    expect(JSON.parse(readFileSync(path('stalls.rejects.jsonl.checkpoint.json'), 'utf8'))).toMatchObject({ line: 0 })
    emulator.clearFaults()
  }, 30_000)

  it('prints the JSON summary on a stop, after the batches in flight settle, with the line it stopped at', async () => {
    const now = Date.now()
    writeFileSync(path('stopped.ndjson'), ndjson(Array.from({ length: 20_000 }, (_, n) => orderCompleted(n + 1, now))))
    const stop = new AbortController()
    // Stopped once the first requests have been answered.
    const timer = setInterval(() => {
      if (requestCount(emulator, 'applyOfflineConversions') >= 2) stop.abort()
    }, 5)

    const { code, summary } = await send([path('stopped.ndjson'), '--json', '--batch-size', '500'], env, stop.signal)
    clearInterval(timer)

    expect(code).toBe(1)
    expect(summary).toMatchObject({ complete: false, stopReason: 'interrupted', unsettled: 0, notDelivered: 0 })
    const stoppedAt = summary!.stoppedAtLine as number
    expect(stoppedAt).toBeGreaterThan(0)
    expect(stoppedAt).toBeLessThan(20_000)
    // Every line up to the one it stopped at was sent and delivered; nothing after it was read.
    expect(summary!.total).toBe(stoppedAt)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: stoppedAt } })
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(stoppedAt)

    const resumed = await send([path('stopped.ndjson'), '--json', '--resume'], env)
    expect(resumed.code).toBe(0)
    expect(resumed.summary).toMatchObject({ total: 20_000, complete: true, resumedAfterLine: stoppedAt })
    expect(resumed.summary!.outcomes).toEqual({ delivered: { accepted: 20_000 } })
    expect(emulator.state({ records: false }).offlineConversions).toMatchObject({ count: 20_000, duplicates: 0 })
  }, 60_000)
})

describe('the rejects file', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let env: NodeJS.ProcessEnv
  let run = 0
  const path = (name: string) => join(directory.path, name)

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  beforeEach(() => {
    emulator.reset()
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: path(`tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('sent again, its events go the way they went (the same subscription); a fixed cause delivers them', async () => {
    const now = Date.now()
    writeFileSync(path('goal-mapping.json'), JSON.stringify(GOAL_MAPPING))
    const events = Array.from({ length: 10 }, (_, n) =>
      orderCompleted(n + 1, now, {
        properties: { ...(orderCompleted(n + 1, now).properties as object), goal: 'Purchase' }
      })
    )
    writeFileSync(path('flaky.ndjson'), ndjson(events))
    emulator.setFaults({ rate: 1, kinds: ['http503'], routes: ['applyOfflineConversions'] })
    const first = await send(
      [path('flaky.ndjson'), '--json', '--mapping', path('goal-mapping.json'), '--retries', '0'],
      env
    )
    expect(first.code).toBe(1)
    expect(first.summary!.outcomes).toEqual({ retry: { server_error: 10 } })
    emulator.clearFaults()

    // No --mapping: the presets would map Order Completed too, but the rejects file names its own subscription.
    const again = await send([path('flaky.rejects.jsonl'), '--json'], env)

    expect(again.code).toBe(0)
    expect(again.summary!.outcomes).toEqual({ delivered: { accepted: 10 } })
    const stored = emulator.state().offlineConversions.records as Record<
      string,
      Array<{ item: Record<string, unknown> }>
    >
    expect(stored['200000001'].map((record) => record.item.ConversionName)).toEqual(Array(10).fill('Purchase'))
    expect(existsSync(path('flaky.rejects.rejects.jsonl'))).toBe(false)
  })

  it('sends CSV rows and unreadable lines again from the rejects file', async () => {
    const time = new Date(Date.now() - 3_600_000).toISOString()
    writeFileSync(
      path('rows.csv'),
      'conversionName,conversionTime,microsoftClickId\n' +
        `Purchase,${time},abcdefabcdefabcdefabcdefabcdef01\nPurchase,${time},abcdefabcdefabcdefabcdefabcdef02\n`
    )
    emulator.setFaults({ rate: 1, kinds: ['http500'], routes: ['applyOfflineConversions'] })
    expect((await send([path('rows.csv'), '--retries', '0'], env)).code).toBe(1)
    emulator.clearFaults()
    const rejects = readJsonl(path('rows.rejects.jsonl'))
    expect(rejects.map((entry) => [entry.line, entry.source, entry.event.conversionName])).toEqual([
      [2, 'csv', 'Purchase'],
      [3, 'csv', 'Purchase']
    ])
    // A line that was not JSON, fixed by hand in the rejects file, is read again.
    writeFileSync(path('broken.ndjson'), '{"type": "track", "event": "Order Completed",\n')
    expect((await send([path('broken.ndjson')], env)).code).toBe(1)
    const broken = readJsonl(path('broken.rejects.jsonl'))[0]
    broken.raw = JSON.stringify(orderCompleted(77))
    writeFileSync(path('fixed.jsonl'), ndjson([...rejects, broken]))

    const again = await send([path('fixed.jsonl'), '--json'], env)

    expect(again.summary!.outcomes).toEqual({ delivered: { accepted: 3 } })
    expect(again.code).toBe(0)
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(3)
  })

  it('refuses a rejects line whose subscription cannot be used, naming the line, and sends the others', async () => {
    const line = (n: number, subscriptions: unknown[]) => ({
      line: n,
      status: 503,
      outcome: 'retry',
      reason: 'server_error',
      message: 'HTTP 503',
      input: 'orders.ndjson',
      source: 'segment',
      subscriptions,
      event: orderCompleted(n)
    })
    writeFileSync(
      path('edited.jsonl'),
      ndjson([line(1, [{ subscribe: '(((', partnerAction: 'trackConversion' }]), line(2, [])])
    )

    const { code, summary } = await send([path('edited.jsonl'), '--json'], env)

    expect(code).toBe(1)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: 1 }, rejected: { invalid_subscription: 1 } })
    const [entry] = readJsonl(path('edited.rejects.jsonl'))
    expect(entry).toMatchObject({
      line: 1,
      message: expect.stringMatching(/subscriptions of line 1/),
      origin: { line: 1 }
    })
  })

  it('is never the input: the same path or file through a link is refused with exit 2, the input intact', async () => {
    const content = ndjson([orderCompleted(1), orderCompleted(2)])
    writeFileSync(path('input.ndjson'), content)
    symlinkSync(path('input.ndjson'), path('link.jsonl'))

    for (const rejectsPath of [path('input.ndjson'), path('link.jsonl'), join(directory.path, '.', 'input.ndjson')]) {
      const { code, io } = await send([path('input.ndjson'), '--rejects', rejectsPath], env)
      expect(code).toBe(2)
      expect(io.err()).toMatch(/is the input itself/)
    }
    const fromRejects = await send([path('link.jsonl'), '--rejects', path('input.ndjson')], env)
    expect(fromRejects.code).toBe(2)
    expect(readFileSync(path('input.ndjson'), 'utf8')).toBe(content)
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(0)
  })

  it('is written with mode 0600 even where a 0644 file was, and replaced only at the end', async () => {
    writeFileSync(path('old.rejects.jsonl'), 'an earlier run\n')
    chmodSync(path('old.rejects.jsonl'), 0o644)
    writeFileSync(path('old.ndjson'), ndjson([orderCompleted(1, Date.now(), { timestamp: undefined })]))

    const { code } = await send([path('old.ndjson')], env)

    expect(code).toBe(1)
    expect(statSync(path('old.rejects.jsonl')).mode & 0o777).toBe(0o600)
    expect(readJsonl(path('old.rejects.jsonl'))).toEqual([
      expect.objectContaining({ line: 1, field: 'conversion_time' })
    ])
  })
})

describe('input decoding', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let env: NodeJS.ProcessEnv
  const path = (name: string) => join(directory.path, name)

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  let run = 0
  beforeEach(() => {
    emulator.reset()
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: path(`tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('refuses the rows of a Latin-1 CSV that are not UTF-8 (invalid_encoding), sends the rest; BOM ok', async () => {
    const time = new Date(Date.now() - 3_600_000).toISOString()
    const text = [
      'conversionName,conversionTime,email',
      `Purchase,${time},jürgen@example.com`,
      `Purchase,${time},anna@example.com`,
      ''
    ].join('\n')
    writeFileSync(path('latin1.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]))

    const { code, summary } = await send([path('latin1.csv'), '--json'], env)

    expect(code).toBe(1)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: 1 }, rejected: { invalid_encoding: 1 } })
    const [entry] = readJsonl(path('latin1.rejects.jsonl'))
    expect(entry).toMatchObject({
      line: 2,
      reason: 'invalid_encoding',
      message: expect.stringMatching(/not valid UTF-8/)
    })
    // Only the UTF-8 row was hashed and sent.
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(1)
  })

  it('refuses an NDJSON line that is not UTF-8 and keeps its bytes; a BOM on the first line is accepted', async () => {
    const good = JSON.stringify(orderCompleted(1))
    const bad = Buffer.from(
      JSON.stringify(orderCompleted(2, Date.now(), { context: { traits: { email: 'jürgen@example.com' } } })),
      'latin1'
    )
    writeFileSync(path('mixed.ndjson'), Buffer.concat([Buffer.from(`\ufeff${good}\n`), bad, Buffer.from('\n')]))

    const { summary } = await send([path('mixed.ndjson'), '--json'], env)

    expect(summary!.outcomes).toEqual({ delivered: { accepted: 1 }, rejected: { invalid_encoding: 1 } })
    const [entry] = readJsonl(path('mixed.rejects.jsonl'))
    expect(entry).toMatchObject({ line: 2, reason: 'invalid_encoding' })
    expect(Buffer.from(entry.rawBase64, 'base64').equals(bad)).toBe(true)
  })
})

describe('msads send options', () => {
  it.each([
    ['--batch-size', '5000'],
    ['--batch-size', 'abc'],
    ['--concurrency', '1.5'],
    ['--retries', '-1'],
    ['--settle-timeout', '0']
  ])('%s %s is a usage error (exit 2) naming the option', async (option, value) => {
    const { code, io } = await send(['events.ndjson', option, value], {})
    expect(code).toBe(2)
    expect(io.err()).toContain(option)
  })

  it('--resume needs a file', async () => {
    const { code, io } = await send(['-', '--resume'], {})
    expect(code).toBe(2)
    expect(io.err()).toMatch(/--resume needs a file/)
  })
})
