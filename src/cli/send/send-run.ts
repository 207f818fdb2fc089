import type { SegmentEvent } from '@segment/actions-core'
import { readFile } from 'fs/promises'
import { DEFAULT_SEED } from '../../emulator/seed'
import { demoSettings } from '../config/demo-settings'
import { startEmbeddedEmulator, type EmbeddedEmulator } from '../config/embedded-emulator'
import { loadSettings } from '../config/load-settings'
import type { CliSettings } from '../config/settings'
import { fromCoreOutcome } from '../host/event-outcome'
import { HostTokens } from '../host/host-tokens'
import { SegmentHost } from '../host/segment-host'
import { compileSubscriptions, presetSubscriptions, type CompiledSubscription } from '../host/subscriptions'
import type { CliIo } from '../io'
import { CliMetrics } from '../metrics/cli-metrics'
import { cliDestination, destinationConfig } from '../rudderstack/cli-destination'
import { RudderHost } from '../rudderstack/rudder-host'
import { canonicalRow, mapCsvHeader, type CsvHeaderMap } from './csv-columns'
import { csvConversion } from './csv-conversions'
import { CsvSender } from './csv-sender'
import { startDryRunSink, type DryRunSink } from './dry-run-sink'
import { formatOf, InputError, openInput } from './input-source'
import { Lanes } from './lanes'
import { buildLanes, CSV_ADJUSTMENT_LANE, CSV_OFFLINE_LANE, RUDDERSTACK_LANE, segmentLane } from './lane-runners'
import { Ledger, type PendingLine } from './ledger'
import { KIND_ORDER } from './outcome-table'
import { countEvents, Progress } from './progress'
import { readRecords } from './read-records'
import { defaultRejectsPath, RejectsFile } from './rejects-file'
import { withRetries, type RetryPolicy } from './retry-policy'
import { TaskPool } from './task-pool'

export const MAX_BATCH_SIZE = 1000

export interface SendRunOptions {
  file: string
  format?: string
  /** segment (default) or rudderstack; records with type "record" always go the RudderStack way. */
  source?: string
  mappingFile?: string
  destinationConfigFile?: string
  configFile?: string
  dryRun?: boolean
  rejectsPath?: string
  batchSize?: number
  concurrency?: number
  retry: RetryPolicy
  progress?: boolean
  progressIntervalMs?: number
  /** The embedded emulator's port when there are no credentials (0, the default, picks a free one). */
  emulatorPort?: number
}

export interface SendSummary {
  input: string
  format: 'ndjson' | 'csv'
  mode: 'configured' | 'embedded' | 'dry-run'
  /** Input lines (NDJSON) or rows (CSV) read, unreadable ones included: the table sums to this. */
  total: number
  outcomes: Record<string, Record<string, number>>
  totals: Record<string, number>
  notDelivered: number
  /** Events sent again after a transient outcome. */
  resent: number
  requests: { total: number; byOperation: Record<string, number> }
  durationMs: number
  eventsPerSecond: number
  peakRssBytes: number
  rejectsFile?: string
}

interface LaneItem {
  pending: PendingLine
  payload: unknown
}

function isRudderRecord(record: Record<string, unknown>): boolean {
  return record.type === 'record'
}

async function readJsonFile(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    throw new InputError(`Cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
}

/**
 * `msads send`: streams the input, routes each event (Segment subscriptions, RudderStack, CSV rows), sends full
 * batches of up to 1,000 with at most `concurrency` requests in flight (the reader waits while the pool is full),
 * retries transient outcomes, and accounts for every line exactly once: in the outcome table, and, when it was not
 * delivered, in the rejects file.
 */
export async function runSendJob(options: SendRunOptions, io: CliIo): Promise<SendSummary> {
  const started = Date.now()
  const format = formatOf(options.file, options.format)
  const source = (options.source ?? 'segment').toLowerCase()
  if (source !== 'segment' && source !== 'rudderstack') throw new InputError(`--source must be segment or rudderstack, not "${options.source}".`)
  const batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? MAX_BATCH_SIZE))
  const subscriptions: CompiledSubscription[] = options.mappingFile
    ? compileSubscriptions(await readJsonFile(options.mappingFile, 'mapping file'))
    : presetSubscriptions()
  const configOverride = options.destinationConfigFile ? await readJsonFile(options.destinationConfigFile, 'destination config') : undefined
  if (configOverride !== undefined && (typeof configOverride !== 'object' || configOverride === null || Array.isArray(configOverride))) {
    throw new InputError('The destination config file must hold a JSON object (RudderStack Destination.Config).')
  }

  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  const metrics = new CliMetrics().observeMicrosoft()
  let embedded: EmbeddedEmulator | undefined
  let sink: DryRunSink | undefined
  let settings: CliSettings = loaded.settings
  let mode: SendSummary['mode'] = 'configured'
  const inputSource = await openInput(options.file, format, io.stdin)
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  let rejects: RejectsFile | undefined
  let progress: Progress | undefined
  const pool = new TaskPool(Math.max(1, options.concurrency ?? 4))

  try {
    if (options.dryRun) {
      mode = 'dry-run'
      if (!loaded.configured) settings = demoSettings(DEFAULT_SEED, loaded.settings)
      sink = await startDryRunSink((text) => io.stdout.write(text), settings.environment === 'sandbox' ? 'sandbox' : 'production')
    } else if (!loaded.configured) {
      mode = 'embedded'
      embedded = await startEmbeddedEmulator(loaded.settings, options.emulatorPort)
      settings = embedded.settings
      io.stderr.write(`${embedded.notice}\n`)
    }
    // The demo's and the dry run's tokens are not kept.
    const tokens = new HostTokens({ store: mode === 'configured' ? loaded.tokenFile : undefined, metrics })
    const segment = new SegmentHost({ tokens, metrics })
    let csv: CsvSender | undefined
    let rudder: RudderHost | undefined
    const rudderHost = (): RudderHost =>
      (rudder ??= new RudderHost({ tokens, settings, destination: cliDestination(destinationConfig(settings, configOverride as Record<string, unknown> | undefined)), metrics }))
    if (format === 'csv') csv = new CsvSender(settings, tokens, metrics)

    rejects = new RejectsFile(rejectsPath)
    const ledger = new Ledger(rejects, Boolean(options.dryRun))
    const lanes = new Lanes<LaneItem>(batchSize)
    const runners = buildLanes({ subscriptions, settings, segment, csv: () => csv!, rudder: rudderHost })
    let linesRead = 0
    let resent = 0
    let csvHeader: CsvHeaderMap | undefined

    const sendBatch = (lane: string, items: LaneItem[]): Promise<void> =>
      pool.submit(async () => {
        const { run, target } = runners.get(lane)!
        const outcomes = await withRetries(items, (batch) => run(batch.map((item) => item.payload)), options.retry, (count) => (resent += count))
        for (let index = 0; index < items.length; index++) await ledger.settle(items[index].pending, { ...outcomes[index], target })
      })

    const enqueue = async (lane: string, pending: PendingLine, payload: unknown): Promise<void> => {
      const full = lanes.add(lane, { pending, payload })
      if (full) await sendBatch(lane, full)
    }

    const route = async (line: number, record: Record<string, unknown>): Promise<void> => {
      const pending: PendingLine = { line, record, remaining: 0, results: [] }
      if (format === 'csv') {
        csvHeader ??= checkCsvHeader(record, io)
        const conversion = csvConversion(canonicalRow(record, csvHeader))
        if (conversion.kind === 'none') {
          pending.results.push({ ...fromCoreOutcome(conversion.outcome), target: 'csv' })
          return ledger.finish(pending)
        }
        pending.remaining = 1
        return enqueue(conversion.kind === 'offline' ? CSV_OFFLINE_LANE : CSV_ADJUSTMENT_LANE, pending, conversion.input)
      }
      if (source === 'rudderstack' || isRudderRecord(record)) {
        pending.remaining = 1
        return enqueue(RUDDERSTACK_LANE, pending, { message: record, metadata: { jobId: line } })
      }
      const matching = subscriptions.flatMap((subscription, index) => (subscription.matches(record as unknown as SegmentEvent) ? [index] : []))
      if (!matching.length) {
        pending.results.push({
          status: 200,
          outcome: 'skipped',
          reason: 'event_not_mapped',
          message: `No subscription matches this event (type ${JSON.stringify(record.type ?? null)}${record.event !== undefined ? `, event ${JSON.stringify(record.event)}` : ''}).`,
          target: 'none'
        })
        return ledger.finish(pending)
      }
      pending.remaining = matching.length
      for (const index of matching) await enqueue(segmentLane(index), pending, record)
    }

    let totalEvents: number | undefined
    if (options.progress !== false && inputSource.size !== undefined) {
      void countEvents(options.file, format).then((count) => (totalEvents = count), () => undefined)
    }
    progress = new Progress(
      io.stderr,
      () => ({
        linesRead,
        finished: ledger.table.total,
        failed: ledger.notDelivered,
        bytesRead: inputSource.bytesRead(),
        totalBytes: inputSource.size,
        totalEvents
      }),
      { enabled: options.progress !== false, intervalMs: options.progressIntervalMs }
    )
    progress.start()
    for await (const input of readRecords(inputSource)) {
      linesRead += 1
      if ('error' in input) await ledger.unreadable(input)
      else await route(input.line, input.record)
    }
    for (const [lane, items] of lanes.takeAll()) await sendBatch(lane, items)
    await pool.drain()
    progress.stop()
    await rejects.close()

    const durationMs = Date.now() - started
    const byOperation = Object.fromEntries(metrics.requestCounts)
    const requests = sink ? sink.requests : [...metrics.requestCounts].filter(([operation]) => operation !== 'token').reduce((sum, [, count]) => sum + count, 0)
    const { table } = ledger
    const totals = Object.fromEntries(KIND_ORDER.map((kind) => [kind, table.count(kind)]))
    const notDelivered = rejects.count
    return {
      input: options.file,
      format,
      mode,
      total: table.total,
      outcomes: table.toJSON(),
      totals,
      notDelivered,
      resent,
      requests: { total: requests, byOperation },
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((table.total / durationMs) * 1000) : table.total,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(notDelivered ? { rejectsFile: rejectsPath } : {})
    }
  } finally {
    progress?.stop()
    // On an error, batches still in flight finish (and write their rejects) before the file is closed.
    await pool.drain().catch(() => undefined)
    metrics.stop()
    await rejects?.close().catch(() => undefined)
    await sink?.close()
    await embedded?.close()
    if (options.file !== '-') inputSource.stream.destroy()
  }
}

function checkCsvHeader(record: Record<string, unknown>, io: CliIo): CsvHeaderMap {
  const header = mapCsvHeader(Object.keys(record))
  if (!header.columns.size) {
    throw new InputError('The CSV header names none of the accepted columns (conversionName, conversionTime, microsoftClickId, … or the Bulk names Conversion Name, …); see docs/cli.md.')
  }
  if (header.unknown.length) io.stderr.write(`msads send: ignoring CSV columns it does not know: ${header.unknown.join(', ')}\n`)
  return header
}

