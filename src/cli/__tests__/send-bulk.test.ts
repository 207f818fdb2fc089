import { existsSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import { DEFAULT_RETRY_POLICY } from '../send/retry-policy'
import { runBulkSendJob } from '../send/bulk/bulk-send-job'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, requestCount, temporaryDirectory, useEmulatorEndpoints } from './helpers'

const readJsonl = (path: string): Array<Record<string, any>> =>
  existsSync(path)
    ? readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : []

async function send(args: string[], env: NodeJS.ProcessEnv) {
  const io = memoryIo(env)
  const code = await runCli(['send', ...args, '--no-progress', '--json'], io)
  return { code, io, summary: JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary }
}

const HEADER = 'conversionName,conversionTime,microsoftClickId,conversionValue,conversionCurrencyCode'
const clickId = (n: number) => n.toString(16).padStart(32, '0')

/** Row n (1-based, line n + 1): mostly good, with bad goals, bad click ids, future times and in-batch duplicates. */
function backfill(rows: number, base: number): { csv: string; bad: Map<number, string> } {
  const bad = new Map<number, string>()
  const lines = [HEADER]
  for (let n = 1; n <= rows; n++) {
    const time = new Date(base - n * 1000).toISOString()
    if (n % 997 === 0) {
      bad.set(n + 1, 'OfflineConversionNameInvalid')
      lines.push(`No Such Goal,${time},${clickId(n)},5,USD`)
    } else if (n % 1009 === 0) {
      bad.set(n + 1, 'invalid_input')
      lines.push(`Purchase,${time},not-a-click-${n},5,USD`)
    } else if (n % 4999 === 0) {
      lines.push(`Purchase,${new Date(base - (n - 1) * 1000).toISOString()},${clickId(n - 1)},5,USD`)
    } else {
      lines.push(`Purchase,${time},${clickId(n)},5,USD`)
    }
  }
  return { csv: `${lines.join('\n')}\n`, bad }
}

type Stored = Array<{ item: Record<string, unknown> }>

function storedConversions(emulator: RunningEmulator): string[] {
  const byAccount = emulator.state().offlineConversions.records as Record<string, Stored>
  return Object.values(byAccount)
    .flat()
    .map(({ item }) =>
      JSON.stringify([
        item.ConversionName,
        item.MicrosoftClickId,
        Date.parse(item.ConversionTime as string),
        item.ConversionValue,
        item.ConversionCurrencyCode
      ])
    )
    .sort()
}

describe('msads send --via bulk', () => {
  jest.setTimeout(240_000)
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let env: NodeJS.ProcessEnv
  let run = 0

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  beforeEach(() => {
    emulator.reset()
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('backfills 100,000 rows: one outcome each, errors on their lines, each conversion once, as Apply', async () => {
    const rows = 100_000
    const { csv, bad } = backfill(rows, Math.floor(Date.now() / 1000) * 1000 - 7_200_000)
    const file = join(directory.path, 'backfill.csv')
    writeFileSync(file, csv)

    const bulk = await send(
      [
        file,
        '--via',
        'bulk',
        '--bulk-file-rows',
        '30000',
        '--bulk-poll',
        '0',
        '-r',
        join(directory.path, 'bulk.rejects.jsonl')
      ],
      env
    )
    expect(bulk.code).toBe(1)
    expect(bulk.summary.total).toBe(rows)
    const duplicates =
      Math.floor(rows / 4999) - [...Array(Math.floor(rows / 4999))].filter((_, i) => bad.has((i + 1) * 4999 + 1)).length
    expect(bulk.summary.outcomes).toEqual({
      delivered: { accepted: rows - bad.size - duplicates },
      skipped: { duplicate_in_batch: duplicates },
      rejected: {
        OfflineConversionNameInvalid: [...bad.values()].filter((r) => r === 'OfflineConversionNameInvalid').length,
        invalid_input: [...bad.values()].filter((r) => r === 'invalid_input').length
      }
    })
    const rejects = readJsonl(join(directory.path, 'bulk.rejects.jsonl'))
    expect(new Map(rejects.map((reject) => [reject.line, reject.reason]))).toEqual(bad)
    expect(rejects.every((reject) => reject.target === 'bulk')).toBe(true)
    // Four files of at most 30,000 rows, each uploaded once.
    expect(requestCount(emulator, 'bulkUpload')).toBe(4)
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(0)
    const state = emulator.state({ records: false })
    expect(state.offlineConversions.count).toBe(bulk.summary.outcomes.delivered.accepted)
    expect(state.offlineConversions.duplicates).toBe(0)
    const viaBulk = storedConversions(emulator)

    emulator.reset()
    const apply = await send([file, '--via', 'apply', '-r', join(directory.path, 'apply.rejects.jsonl')], {
      ...env,
      MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`)
    })
    expect(apply.summary.outcomes).toEqual(bulk.summary.outcomes)
    expect(storedConversions(emulator)).toEqual(viaBulk)
    expect(
      new Map(readJsonl(join(directory.path, 'apply.rejects.jsonl')).map((reject) => [reject.line, reject.reason]))
    ).toEqual(bad)
  })

  it('--via auto takes the Bulk path above 10,000 rows and Apply below', async () => {
    const base = Math.floor(Date.now() / 1000) * 1000 - 7_200_000
    const small = join(directory.path, 'small.csv')
    writeFileSync(small, backfill(50, base).csv)
    await send([small, '--via', 'auto', '--bulk-poll', '0'], env)
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(1)
    expect(requestCount(emulator, 'bulkUpload')).toBe(0)
    const large = join(directory.path, 'large.csv')
    writeFileSync(large, backfill(10_001, base).csv)
    const { summary } = await send([large, '--via', 'auto', '--bulk-poll', '0'], env)
    expect(summary.total).toBe(10_001)
    expect(requestCount(emulator, 'bulkUpload')).toBe(1)
  })

  it('retries the rows of a Failed file and of a 4204, and delivers them', async () => {
    const file = join(directory.path, 'faults.csv')
    writeFileSync(file, backfill(20, Math.floor(Date.now() / 1000) * 1000 - 7_200_000).csv)
    emulator.setBulkFaults({ throttleNext: 1, failNext: 1 })
    const io = memoryIo(env)
    const summary = await runBulkSendJob(
      {
        file,
        configFile: undefined,
        retry: { ...DEFAULT_RETRY_POLICY, sleep: async () => undefined },
        poll: { initialDelayMs: 0, maxThrottleWaitMs: 1 }
      },
      io
    )
    expect(summary.outcomes).toEqual({ delivered: { accepted: 20 } })
    expect(summary.resent).toBe(20)
    expect(io.err()).toContain('a Bulk file of 20 rows: retry (bulk_upload_failed)')
    expect(io.err()).toContain('a Bulk file of 20 rows: Completed')
    expect(emulator.state().bulk.byStatus).toEqual({ Failed: 1, Completed: 1 })
  })

  it('resumes a send killed while an upload is pending: the upload is polled again, not sent twice', async () => {
    const file = join(directory.path, 'resume.csv')
    writeFileSync(file, backfill(20, Math.floor(Date.now() / 1000) * 1000 - 7_200_000).csv)
    const checkpointPath = join(directory.path, 'resume.checkpoint.json')
    emulator.setOptions({ bulkStatusPollsToComplete: 1000 })
    const options = { file, checkpointPath, retry: { ...DEFAULT_RETRY_POLICY, retries: 0 } }
    const first = await runBulkSendJob({ ...options, poll: { initialDelayMs: 0, maxWaitMs: 3 } }, memoryIo(env))
    expect(first.outcomes).toEqual({ retry: { bulk_status_timeout: 20 } })
    expect(existsSync(checkpointPath)).toBe(true)
    expect(emulator.state().offlineConversions.count).toBe(0)

    emulator.setOptions({ bulkStatusPollsToComplete: 1 })
    const second = await runBulkSendJob({ ...options, poll: { initialDelayMs: 0 } }, memoryIo(env))
    expect(second.outcomes).toEqual({ delivered: { accepted: 20 } })
    expect(requestCount(emulator, 'bulkUpload')).toBe(1)
    expect(emulator.state().offlineConversions.count).toBe(20)
    expect(existsSync(checkpointPath)).toBe(false)
  })

  it('keeps an upload whose status could not be read (HTTP 503) and polls it on the next run', async () => {
    const file = join(directory.path, 'unreadable-status.csv')
    writeFileSync(file, backfill(5, Math.floor(Date.now() / 1000) * 1000 - 7_200_000).csv)
    const checkpointPath = join(directory.path, 'unreadable-status.checkpoint.json')
    const options = {
      file,
      checkpointPath,
      retry: { ...DEFAULT_RETRY_POLICY, retries: 0 },
      poll: { initialDelayMs: 0 }
    }
    emulator.setFaults({ rate: 1, kinds: ['http503'], routes: ['getBulkUploadStatus'] })
    const first = await runBulkSendJob(
      { ...options, poll: { ...options.poll, attempts: 2, sleep: async () => undefined } },
      memoryIo(env)
    )
    expect(first.outcomes).toEqual({ retry: { server_error: 5 } })
    expect(existsSync(checkpointPath)).toBe(true)
    emulator.clearFaults()
    const second = await runBulkSendJob(options, memoryIo(env))
    expect(second.outcomes).toEqual({ delivered: { accepted: 5 } })
    expect(requestCount(emulator, 'bulkUpload')).toBe(1)
    expect(existsSync(checkpointPath)).toBe(false)
  })

  it('sends 5,000 NDJSON Segment events through Bulk: one outcome each, the 500 older than 90 days in the rejects', async () => {
    const now = Math.floor(Date.now() / 1000) * 1000
    const old = new Set<number>()
    const lines: string[] = []
    for (let n = 1; n <= 5000; n++) {
      const tooOld = n % 10 === 0
      if (tooOld) old.add(n)
      const time = new Date(now - (tooOld ? 91 * 86_400_000 : 3_600_000) - n * 1000).toISOString()
      lines.push(
        JSON.stringify({
          type: 'track',
          event: 'Order Completed',
          messageId: `m-${n}`,
          timestamp: time,
          properties: { order_id: `o-${n}`, revenue: 10, currency: 'USD', msclkid: clickId(n) }
        })
      )
    }
    const file = join(directory.path, 'events.ndjson')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const rejectsPath = join(directory.path, 'events.rejects.jsonl')
    const bulk = await send([file, '--via', 'bulk', '--bulk-poll', '0', '-r', rejectsPath], env)
    expect(bulk.code).toBe(1)
    expect(bulk.summary.total).toBe(5000)
    const counted = Object.values(bulk.summary.outcomes)
      .flatMap((reasons) => Object.values(reasons))
      .reduce((a, b) => a + b, 0)
    expect(counted).toBe(5000)
    expect(bulk.summary.outcomes.delivered).toEqual({ accepted: 4500 })
    expect(bulk.summary.notDelivered).toBe(500)
    const rejects = readJsonl(rejectsPath)
    expect(rejects).toHaveLength(500)
    expect(new Set(rejects.map((reject) => reject.line))).toEqual(old)
    expect(rejects.every((reject) => reject.target === 'bulk' && reject.source === 'segment')).toBe(true)
    expect(requestCount(emulator, 'bulkUpload')).toBeGreaterThan(0)
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(0)
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(4500)
  })
})
