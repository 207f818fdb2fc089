import { existsSync, readFileSync, statSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import {
  DEMO_SECRETS,
  demoEnv,
  memoryIo,
  orderCompleted,
  requestCount,
  temporaryDirectory,
  useEmulatorEndpoints
} from './helpers'

const ndjson = (records: unknown[]): string =>
  `${records.map((record) => (typeof record === 'string' ? record : JSON.stringify(record))).join('\n')}\n`
const readJsonl = (path: string): Array<Record<string, any>> =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))

function sumOf(outcomes: SendSummary['outcomes']): number {
  return Object.values(outcomes).reduce((sum, reasons) => sum + Object.values(reasons).reduce((a, b) => a + b, 0), 0)
}

async function send(args: string[], env: NodeJS.ProcessEnv, stdin?: string) {
  const io = memoryIo(env)
  if (stdin !== undefined) io.stdin.end(stdin)
  const code = await runCli(['send', ...args, '--no-progress'], io)
  return {
    code,
    io,
    summary: args.includes('--json')
      ? (JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary)
      : undefined
  }
}

describe('msads send', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let env: NodeJS.ProcessEnv

  let run = 0

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  // A reset emulator forgets the refresh tokens it issued, so each test starts from the seed's with its own token file.
  beforeEach(() => {
    emulator.reset()
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('streams 50,000 Segment events in requests of 1,000, counts every line once, and writes bad lines to the rejects file', async () => {
    const now = Date.now()
    const lines: string[] = []
    const bad = new Map<number, string>()
    for (let index = 0; index < 50_000; index++) {
      if (index % 2500 === 10) {
        lines.push('{"type": "track", "event": "Order Completed", ')
        bad.set(index + 1, 'invalid_json')
      } else if (index % 2500 === 20) {
        lines.push(JSON.stringify(orderCompleted(index, now, { timestamp: undefined })))
        bad.set(index + 1, 'invalid_input')
      } else {
        lines.push(JSON.stringify(orderCompleted(index, now)))
      }
    }
    const file = join(directory.path, 'events.ndjson')
    writeFileSync(file, `${lines.join('\n')}\n`)

    const { code, io, summary } = await send([file, '--json'], env)

    expect(code).toBe(1)
    const routed = 50_000 - [...bad.values()].filter((reason) => reason === 'invalid_json').length
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(Math.ceil(routed / 1000))
    expect(Math.ceil(routed / 1000)).toBe(Math.ceil(50_000 / 1000))
    expect(summary!.total).toBe(50_000)
    expect(sumOf(summary!.outcomes)).toBe(50_000)
    expect(summary!.outcomes).toEqual({
      delivered: { accepted: 50_000 - bad.size },
      rejected: { invalid_json: 20, invalid_input: 20 }
    })
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(50_000 - bad.size)
    // A batch whose answer came too late on a loaded machine is sent again whole (Microsoft ignores the repeats).
    expect(summary!.requests.byOperation.applyOfflineConversions).toBe(50 + Math.ceil(summary!.resent / 1000))
    expect(summary!.peakRssBytes).toBeGreaterThan(0)

    const rejects = readJsonl(join(directory.path, 'events.rejects.jsonl'))
    expect(rejects).toHaveLength(bad.size)
    expect(new Map(rejects.map((entry) => [entry.line, entry.reason]))).toEqual(bad)
    for (const entry of rejects) {
      if (entry.reason === 'invalid_json') expect(entry.raw).toContain('"event": "Order Completed"')
      else expect(entry).toMatchObject({ outcome: 'rejected', field: 'conversion_time', event: { type: 'track' } })
    }
    expect(statSync(join(directory.path, 'events.rejects.jsonl')).mode & 0o777).toBe(0o600)
    for (const secret of DEMO_SECRETS) expect(io.out() + io.err()).not.toContain(secret)
  }, 120_000)

  it('prints a table of outcomes by reason that sums to the input, and exits 0 when nothing was lost', async () => {
    const now = Date.now()
    const file = join(directory.path, 'mixed.ndjson')
    writeFileSync(
      file,
      ndjson([
        orderCompleted(1, now),
        orderCompleted(2, now, { context: { consent: { ad_storage: 'denied' } } }),
        { type: 'identify', userId: 'u1' },
        '',
        {
          type: 'track',
          event: 'Order Refunded',
          timestamp: new Date(now - 60_000).toISOString(),
          properties: { order_id: 'order-1' }
        }
      ])
    )
    const { code, io } = await send([file], env)
    expect(code).toBe(0)
    const table = io.out()
    expect(table).toMatch(/delivered\s+accepted\s+2/)
    expect(table).toMatch(/skipped\s+ad_storage_consent_denied\s+1/)
    expect(table).toMatch(/skipped\s+event_not_mapped\s+1/)
    expect(table).toMatch(/total\s+4/)
    expect(table).toContain('Every event was delivered or intentionally skipped.')
    expect(existsSync(join(directory.path, 'mixed.rejects.jsonl'))).toBe(false)
    // The refund adjusts order-1 once: offline when the forward log knows where order-1's conversion went (an
    // earlier run of this file sent it), online by order id otherwise.
    const state = emulator.state({ records: false })
    expect(state.onlineConversionAdjustments.count + state.offlineConversionAdjustments.count).toBe(1)
  })

  it('sends CSV rows with RudderStack or Bulk column names through the core', async () => {
    const conversion = new Date(Date.now() - 7_200_000).toISOString()
    const adjusted = new Date(Date.now() - 3_600_000).toISOString()
    const rudderCsv = join(directory.path, 'rows.csv')
    writeFileSync(
      rudderCsv,
      [
        'conversionName,conversionTime,microsoftClickId,email,conversionValue,conversionCurrencyCode,action,adjustedConversionTime',
        `Purchase,${conversion},f894f652ea334e739002f7167ab8f8e3,,10,USD,insert,`,
        `Purchase,${conversion},,john@contoso.com,12.5,EUR,,`,
        `Purchase,${conversion},f894f652ea334e739002f7167ab8f8e3,,20,USD,update,${adjusted}`,
        `Purchase,${conversion},f894f652ea334e739002f7167ab8f8e3,,,,delete,${adjusted}`,
        `No Such Goal,${conversion},f894f652ea334e739002f7167ab8f8e4,,10,USD,insert,`,
        'Purchase,,,,10,USD,insert,',
        '"unclosed,quote'
      ].join('\n')
    )
    const { code, summary } = await send([rudderCsv, '--json'], env)
    expect(code).toBe(1)
    expect(summary!.total).toBe(7)
    expect(summary!.outcomes).toEqual({
      delivered: { accepted: 4 },
      rejected: { OfflineConversionNameInvalid: 1, invalid_input: 1, invalid_csv_row: 1 }
    })
    const state = emulator.state()
    expect(state.offlineConversions.count).toBe(2)
    expect(state.offlineConversionAdjustments.count).toBe(2)
    const rejects = readJsonl(join(directory.path, 'rows.rejects.jsonl'))
    expect(rejects.find((entry) => entry.line === 7)).toMatchObject({
      reason: 'invalid_input',
      field: 'conversionTime',
      rule: 'required'
    })
    expect(rejects.find((entry) => entry.line === 6)).toMatchObject({
      reason: 'OfflineConversionNameInvalid',
      code: 5606,
      field: 'conversionName'
    })
    expect(rejects.find((entry) => entry.line === 8)).toMatchObject({ reason: 'invalid_csv_row' })

    const bulkCsv = join(directory.path, 'bulk.csv')
    const bulkTime = new Date(Date.now() - 7_200_000)
    const us = `${bulkTime.getUTCMonth() + 1}/${bulkTime.getUTCDate()}/${bulkTime.getUTCFullYear()} ${bulkTime.getUTCHours()}:${String(bulkTime.getUTCMinutes()).padStart(2, '0')}:00`
    writeFileSync(
      bulkCsv,
      [
        'Type,Status,Id,Parent Id,Client Id,Name,Conversion Currency Code,Conversion Name,Conversion Time,Conversion Value,Microsoft Click Id',
        'Format Version,,,,,6.0,,,,,',
        `Offline Conversion,,,,row-1,,USD,Purchase,${us},10,abcdefabcdefabcdefabcdefabcdef99`
      ].join('\r\n')
    )
    const bulk = await send([bulkCsv, '--json'], env)
    expect(bulk.code).toBe(0)
    expect(bulk.summary!.outcomes).toEqual({ delivered: { accepted: 1 }, skipped: { bulk_format_row: 1 } })
  })

  it('reads stdin with -', async () => {
    const rejects = join(directory.path, 'stdin.rejects.jsonl')
    const { code, summary } = await send(
      ['-', '--json', '--rejects', rejects],
      env,
      ndjson([orderCompleted(1), orderCompleted(2), 'nonsense'])
    )
    expect(code).toBe(1)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: 2 }, rejected: { invalid_json: 1 } })
    expect(readJsonl(rejects)).toEqual([expect.objectContaining({ line: 3, reason: 'invalid_json', raw: 'nonsense' })])
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(1)
  })

  it('--dry-run prints the requests, secrets redacted, and sends nothing', async () => {
    const file = join(directory.path, 'dry.ndjson')
    writeFileSync(
      file,
      ndjson([orderCompleted(1, Date.now(), { context: { traits: { email: 'John@Contoso.com' } } }), orderCompleted(2)])
    )
    const { code, io, summary } = await send([file, '--dry-run', '--json'], env)
    expect(code).toBe(0)
    const state = emulator.state({ records: false })
    expect(
      Object.values(state.requests).reduce(
        (sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0),
        0
      )
    ).toBe(0)
    expect(summary!.outcomes).toEqual({ skipped: { dry_run: 2 } })
    expect(summary!.requests.total).toBe(1)
    const printed = io.out()
    expect(printed).toContain(`POST ${emulator.url}/CampaignManagement/v13/OfflineConversions/Apply`)
    expect(printed).toContain('Authorization: Bearer [redacted]')
    expect(printed).toContain('DeveloperToken: [redacted]')
    expect(printed).toContain('CustomerAccountId: 200000001')
    expect(printed).toContain('ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602')
    expect(printed).not.toMatch(/john@contoso\.com/i)
    for (const secret of DEMO_SECRETS) expect(printed + io.err()).not.toContain(secret)
  })

  it('retries transient failures a bounded number of times, then reports them as retry', async () => {
    emulator.setFaults({ rate: 1, kinds: ['http503'], routes: ['applyOfflineConversions'] })
    const file = join(directory.path, 'faulty.ndjson')
    writeFileSync(file, ndjson([orderCompleted(1), orderCompleted(2)]))
    const { code, summary } = await send([file, '--json', '--retries', '2', '--retry-wait-cap', '0'], env)
    expect(code).toBe(1)
    expect(requestCount(emulator, 'applyOfflineConversions')).toBe(3)
    expect(summary!.resent).toBe(4)
    expect(summary!.outcomes).toEqual({ retry: { server_error: 2 } })
    expect(readJsonl(join(directory.path, 'faulty.rejects.jsonl'))).toHaveLength(2)
  })

  it('sends RudderStack records and events the RudderStack way', async () => {
    const now = Date.now()
    const file = join(directory.path, 'rudder.ndjson')
    writeFileSync(
      file,
      ndjson([
        {
          type: 'record',
          action: 'insert',
          fields: {
            conversionName: 'Purchase',
            conversionTime: new Date(now - 3_600_000).toISOString(),
            microsoftClickId: 'abcdefabcdefabcdefabcdefabcdef01'
          }
        },
        { type: 'record', action: 'insert', fields: { conversionName: 'Purchase' } },
        {
          type: 'track',
          event: 'Signed Up',
          timestamp: new Date(now - 60_000).toISOString(),
          properties: { msclkid: 'abcdefabcdefabcdefabcdefabcdef02' }
        }
      ])
    )
    const { code, summary } = await send([file, '--json', '--source', 'rudderstack'], env)
    expect(code).toBe(1)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: 2 }, rejected: { invalid_input: 1 } })
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(2)
  })

  it('routes events with a --mapping file of subscriptions, as Segment would', async () => {
    const mapping = join(directory.path, 'mapping.json')
    writeFileSync(
      mapping,
      JSON.stringify([
        {
          subscribe: 'type = "track" and event = "Demo Booked"',
          partnerAction: 'trackConversion',
          mapping: {
            conversion_name: 'Lead',
            conversion_time: { '@path': '$.timestamp' },
            microsoft_click_id: { '@path': '$.properties.clickId' }
          }
        }
      ])
    )
    const file = join(directory.path, 'mapped.ndjson')
    const timestamp = new Date(Date.now() - 60_000).toISOString()
    writeFileSync(
      file,
      ndjson([
        { type: 'track', event: 'Demo Booked', timestamp, properties: { clickId: 'abcdefabcdefabcdefabcdefabcdef03' } },
        orderCompleted(1)
      ])
    )
    const { code, summary } = await send([file, '--json', '--mapping', mapping], env)
    expect(code).toBe(0)
    expect(summary!.outcomes).toEqual({ delivered: { accepted: 1 }, skipped: { event_not_mapped: 1 } })
    const byAccount = emulator.state().offlineConversions.records as Record<
      string,
      Array<{ item: { ConversionName: string } }>
    >
    expect(byAccount['200000001'].map((stored) => stored.item.ConversionName)).toEqual(['Lead'])

    const badMapping = join(directory.path, 'bad-mapping.json')
    writeFileSync(badMapping, JSON.stringify([{ subscribe: '(((', partnerAction: 'trackConversion' }]))
    const refused = await send([file, '--mapping', badMapping], env)
    expect(refused.code).toBe(2)
    expect(refused.io.err()).toMatch(/invalid subscribe FQL/)
  })

  it('refuses a file whose format it cannot tell, with a usage error', async () => {
    const file = join(directory.path, 'events.txt')
    writeFileSync(file, '{}\n')
    const { code, io } = await send([file], env)
    expect(code).toBe(2)
    expect(io.err()).toMatch(/--format/)
  })
})

describe('msads send without credentials', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('sends to an embedded emulator with its demo credentials, and says so', async () => {
    const saved = process.env.MSADS_API_BASE_URL
    delete process.env.MSADS_API_BASE_URL
    try {
      const file = join(directory.path, 'demo.ndjson')
      writeFileSync(file, ndjson([orderCompleted(1), orderCompleted(2)]))
      const { code, io, summary } = await send([file, '--json'], {
        MSADS_TOKEN_FILE: join(directory.path, 'tokens.json')
      })
      expect(code).toBe(0)
      expect(summary).toMatchObject({ mode: 'embedded', outcomes: { delivered: { accepted: 2 } } })
      expect(io.err()).toMatch(/embedded emulator/)
      expect(process.env.MSADS_API_BASE_URL).toBeUndefined()
      expect(existsSync(join(directory.path, 'tokens.json'))).toBe(false)
    } finally {
      if (saved !== undefined) process.env.MSADS_API_BASE_URL = saved
    }
  })
})
