import { readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import type { RunningEmulator } from '../../emulator'
import { BULK_COLUMNS } from '../export/bulk-csv'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, storedRecords, useEmulatorAndDirectory, wholeSecondsAgo } from './helpers'

/*
 * The same inputs through the three sinks of the one pipeline: `send --dry-run` (the Apply requests it prints),
 * `send --via bulk` on the emulator (the records it accepted from the Bulk files) and `export-csv` (the Bulk file's
 * rows) must give the same Microsoft records: consent, the default phone country, adjustments and CAPI events alike.
 */

/** A Microsoft record, whatever carried it: Apply JSON, a Bulk row, or the emulator's store. */
interface MicrosoftRecord {
  kind: 'conversion' | 'offlineAdjustment' | 'onlineAdjustment'
  name: string
  time?: number
  clickId?: string
  email?: string
  phone?: string
  value?: number
  currency?: string
  adjustmentType?: string
  adjustmentTime?: number
  transactionId?: string
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? (value === '' ? undefined : String(value)) : undefined
const number = (value: unknown): number | undefined => (text(value) === undefined ? undefined : Number(value))
/** Apply writes ISO times, the Bulk file MM/dd/yyyy HH:mm:ss (UTC): both to epoch milliseconds. */
function time(value: unknown): number | undefined {
  const written = text(value)
  if (!written) return undefined
  const bulk = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(written)
  if (bulk) return Date.UTC(+bulk[3], +bulk[1] - 1, +bulk[2], +bulk[4], +bulk[5], +bulk[6])
  return Date.parse(written)
}

function fromApply(kind: MicrosoftRecord['kind'], item: Record<string, unknown>): MicrosoftRecord {
  const record: MicrosoftRecord = {
    kind,
    name: String(item.ConversionName),
    time: time(item.ConversionTime),
    clickId: text(item.MicrosoftClickId),
    email: text(item.HashedEmailAddress),
    phone: text(item.HashedPhoneNumber),
    value: number(kind === 'conversion' ? item.ConversionValue : item.AdjustmentValue),
    currency: text(kind === 'conversion' ? item.ConversionCurrencyCode : item.AdjustmentCurrencyCode),
    adjustmentType: text(item.AdjustmentType),
    adjustmentTime: time(item.AdjustmentTime),
    transactionId: text(item.TransactionId)
  }
  return JSON.parse(JSON.stringify(record)) as MicrosoftRecord
}

const APPLY_LISTS: Record<string, MicrosoftRecord['kind']> = {
  OfflineConversions: 'conversion',
  OfflineConversionAdjustments: 'offlineAdjustment',
  OnlineConversionAdjustments: 'onlineAdjustment'
}

/** The records of the Apply requests a dry run printed (each request's body is the indented JSON line after it). */
function printedRecords(output: string): MicrosoftRecord[] {
  const records: MicrosoftRecord[] = []
  for (const line of output.split('\n')) {
    if (!line.startsWith('  {')) continue
    const body = JSON.parse(line.trim()) as Record<string, unknown>
    for (const [list, kind] of Object.entries(APPLY_LISTS))
      for (const item of (body[list] as Array<Record<string, unknown>> | undefined) ?? [])
        records.push(fromApply(kind, item))
  }
  return records
}

/** The records of a Bulk file's rows. */
function bulkFileRecords(csv: string): MicrosoftRecord[] {
  const [header, ...rows] = csv.split('\r\n').filter(Boolean)
  expect(header).toBe(BULK_COLUMNS.join(','))
  return rows
    .map((row) => Object.fromEntries(row.split(',').map((cell, index) => [BULK_COLUMNS[index], cell])))
    .filter((row) => row.Type !== 'Format Version')
    .map((row) => {
      const kind: MicrosoftRecord['kind'] =
        row.Type === 'Online Conversion Adjustment'
          ? 'onlineAdjustment'
          : row['Adjustment Type']
            ? 'offlineAdjustment'
            : 'conversion'
      return fromApply(kind, {
        ConversionName: row['Conversion Name'],
        ConversionTime: row['Conversion Time'],
        MicrosoftClickId: row['Microsoft Click Id'],
        HashedEmailAddress: row['Hashed Email Address'],
        HashedPhoneNumber: row['Hashed Phone Number'],
        ConversionValue: row['Conversion Value'],
        ConversionCurrencyCode: row['Conversion Currency Code'],
        AdjustmentType: row['Adjustment Type'],
        AdjustmentValue: row['Adjustment Value'],
        AdjustmentTime: row['Adjustment Time'],
        AdjustmentCurrencyCode: row['Adjustment Currency Code'],
        TransactionId: row['Transaction Id']
      })
    })
}

function emulatorRecords(emulator: RunningEmulator): MicrosoftRecord[] {
  return [
    ...storedRecords(emulator, 'offlineConversions').map((item) => fromApply('conversion', item)),
    ...storedRecords(emulator, 'offlineConversionAdjustments').map((item) => fromApply('offlineAdjustment', item)),
    ...storedRecords(emulator, 'onlineConversionAdjustments').map((item) => fromApply('onlineAdjustment', item))
  ]
}

const sorted = (records: MicrosoftRecord[]): string[] => records.map((record) => JSON.stringify(record)).sort()

describe('one pipeline: send --dry-run, send --via bulk and export-csv give the same Microsoft records', () => {
  jest.setTimeout(120_000)
  const { directory, emulator } = useEmulatorAndDirectory()
  let run = 0

  const env = (): NodeJS.ProcessEnv =>
    demoEnv(directory.path, {
      MSADS_DEFAULT_PHONE_COUNTRY: 'US',
      MSADS_UET_TAG_ID: '400000001',
      MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`)
    })

  const conversionTime = wholeSecondsAgo(7_200_000)
  const laterTime = wholeSecondsAgo(3_600_000)
  const clickId = (n: number) => `${n}`.padStart(32, 'a')

  const segmentEvents = [
    {
      type: 'track',
      event: 'Order Completed',
      messageId: 's-1',
      timestamp: conversionTime,
      properties: { order_id: 'S-1', revenue: 25, currency: 'USD', msclkid: clickId(1) },
      context: { traits: { email: 'Jane.Doe@Example.org', phone: '(415) 555-2671' } }
    },
    {
      type: 'track',
      event: 'Order Completed',
      messageId: 's-2',
      timestamp: conversionTime,
      properties: { order_id: 'S-2', revenue: 12.5, currency: 'EUR' },
      context: { traits: { phone: '(415) 555-2672' } }
    },
    {
      type: 'track',
      event: 'Order Completed',
      messageId: 's-3',
      timestamp: conversionTime,
      properties: { order_id: 'S-3', revenue: 9, currency: 'USD', msclkid: clickId(3) },
      context: { consent: { ad_storage: 'denied' } }
    },
    {
      type: 'track',
      event: 'Order Refunded',
      messageId: 's-4',
      timestamp: laterTime,
      properties: { order_id: 'S-0' }
    },
    {
      type: 'page',
      name: 'Home',
      messageId: 's-5',
      anonymousId: 'visitor-5',
      timestamp: laterTime,
      context: { page: { url: 'https://shop.example/' } }
    }
  ]
  const rudderRecords = [
    {
      type: 'record',
      action: 'insert',
      fields: {
        conversionName: 'Purchase',
        conversionTime,
        microsoftClickId: clickId(11),
        phone: '(415) 555-2673',
        conversionValue: 40,
        conversionCurrencyCode: 'USD'
      }
    },
    {
      type: 'record',
      action: 'insert',
      fields: { conversionName: 'Purchase', conversionTime, microsoftClickId: clickId(12), conversionValue: 5 },
      integrations: { BINGADS_CONVERSIONS: { consents: { ad_storage: 'denied' } } }
    },
    {
      type: 'record',
      action: 'update',
      fields: {
        conversionName: 'Purchase',
        transactionId: 'R-9',
        adjustedConversionTime: laterTime,
        conversionValue: 30,
        conversionCurrencyCode: 'USD'
      }
    }
  ]
  const csv = [
    'conversionName,conversionTime,microsoftClickId,email,phone,conversionValue,conversionCurrencyCode,action,transactionId,adjustedConversionTime',
    `Purchase,${conversionTime},${clickId(21)},,(415) 555-2674,15,USD,insert,,`,
    `Purchase,${conversionTime},,someone@example.org,,16,USD,insert,,`,
    `Purchase,,,,,,,delete,C-7,${laterTime}`
  ].join('\n')

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = memoryIo(env())
    const code = await runCli(args, io)
    return { code, out: io.out(), err: io.err() }
  }

  async function throughEverySink(file: string, extra: string[] = []) {
    const dry = await cli(['send', file, ...extra, '--dry-run', '--no-progress', '--json', '-r', `${file}.dry.jsonl`])
    emulator().reset()
    const bulk = await cli([
      'send',
      file,
      ...extra,
      '--via',
      'bulk',
      '--bulk-poll',
      '0',
      '--no-progress',
      '--json',
      '-r',
      `${file}.bulk.jsonl`
    ])
    const viaBulk = emulatorRecords(emulator())
    const output = `${file}.bulk.csv`
    const exported = await cli(['export-csv', file, ...extra, '-o', output, '-r', `${file}.export.jsonl`])
    const summary = (result: { out: string }) =>
      JSON.parse(result.out.trim().split('\n').pop() as string) as SendSummary
    return {
      dry: { code: dry.code, summary: summary(dry), records: printedRecords(dry.out) },
      bulk: { code: bulk.code, summary: summary(bulk), records: viaBulk },
      exported: { code: exported.code, err: exported.err, records: bulkFileRecords(readFileSync(output, 'utf8')) }
    }
  }

  it('Segment events: the same records, consent denied skipped, national phones hashed with the default country', async () => {
    const file = join(directory.path, 'segment.ndjson')
    writeFileSync(file, `${segmentEvents.map((event) => JSON.stringify(event)).join('\n')}\n`)
    const { dry, bulk, exported } = await throughEverySink(file)
    expect(dry.records).toHaveLength(3)
    expect(sorted(bulk.records)).toEqual(sorted(dry.records))
    expect(sorted(exported.records)).toEqual(sorted(dry.records))
    // Both national phones became E.164 (+1…) hashes: the default country was applied by every sink.
    expect(dry.records.filter((record) => record.phone)).toHaveLength(2)
    expect(dry.summary.outcomes.skipped).toMatchObject({ ad_storage_consent_denied: 1, dry_run: 4 })
    expect(bulk.summary.outcomes).toEqual({
      delivered: { accepted: 3 },
      skipped: { ad_storage_consent_denied: 1 },
      rejected: { not_bulk_capable: 1 }
    })
    expect(bulk.code).toBe(1)
    expect(exported.err).toMatch(/exported\s+written\s+3/)
    expect(exported.err).toMatch(/skipped\s+(ad_storage_consent_denied|not_exportable)\s+1/)
  })

  it('RudderStack records: the same records, denied consent skipped by every sink', async () => {
    const file = join(directory.path, 'rudder.ndjson')
    writeFileSync(file, `${rudderRecords.map((record) => JSON.stringify(record)).join('\n')}\n`)
    const { dry, bulk, exported } = await throughEverySink(file)
    expect(dry.records).toHaveLength(2)
    expect(dry.records.find((record) => record.kind === 'conversion')?.phone).toMatch(/^[0-9a-f]{64}$/)
    expect(sorted(bulk.records)).toEqual(sorted(dry.records))
    expect(sorted(exported.records)).toEqual(sorted(dry.records))
    expect(bulk.summary.outcomes).toEqual({ delivered: { accepted: 2 }, skipped: { ad_storage_consent_denied: 1 } })
    expect(exported.code).toBe(0)
    expect(exported.err).toMatch(/skipped\s+ad_storage_consent_denied\s+1/)
  })

  it('RudderStack events: the same records, consent denied skipped, the default phone country applied', async () => {
    const file = join(directory.path, 'rudder-events.ndjson')
    const events = [
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'r-1',
        timestamp: conversionTime,
        properties: { order_id: 'RE-1', revenue: 20, currency: 'USD', msclkid: clickId(31) },
        context: { traits: { phone: '(415) 555-2675' } }
      },
      {
        type: 'track',
        event: 'Order Completed',
        messageId: 'r-2',
        timestamp: conversionTime,
        properties: { order_id: 'RE-2', revenue: 21, currency: 'USD', msclkid: clickId(32) },
        integrations: { BINGADS_CONVERSIONS: { consents: { ad_storage: 'denied' } } }
      },
      {
        type: 'track',
        event: 'Order Refunded',
        messageId: 'r-3',
        timestamp: laterTime,
        properties: { order_id: 'RE-0' }
      }
    ]
    writeFileSync(file, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`)
    const { dry, bulk, exported } = await throughEverySink(file, ['--source', 'rudderstack'])
    expect(dry.records).toHaveLength(2)
    expect(dry.records.filter((record) => record.phone)).toHaveLength(1)
    expect(sorted(bulk.records)).toEqual(sorted(dry.records))
    expect(sorted(exported.records)).toEqual(sorted(dry.records))
    expect(bulk.summary.outcomes.skipped).toEqual({ ad_storage_consent_denied: 1 })
    expect(dry.summary.outcomes.skipped).toMatchObject({ ad_storage_consent_denied: 1 })
  })

  it('CSV rows: the same records through every sink', async () => {
    const file = join(directory.path, 'rows.csv')
    writeFileSync(file, `${csv}\n`)
    const { dry, bulk, exported } = await throughEverySink(file)
    expect(dry.records).toHaveLength(3)
    expect(sorted(bulk.records)).toEqual(sorted(dry.records))
    expect(sorted(exported.records)).toEqual(sorted(dry.records))
    expect(bulk.summary.outcomes).toEqual({ delivered: { accepted: 3 } })
    expect(exported.code).toBe(0)
  })
})
