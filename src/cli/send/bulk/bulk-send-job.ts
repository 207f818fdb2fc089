import { BulkClient, type BulkUploadResult, type PollPolicy } from '../../../microsoft/bulk'
import { checkCredentialFormats, describeCredentialProblems } from '../../../microsoft/credential-formats'
import { requiredCredentials } from '../../../microsoft/credential-requirements'
import { parseConsentDefault } from '../../../conversions/consent-default'
import { parsePhoneCountry } from '../../../conversions/phone'
import { loadSettings } from '../../config/load-settings'
import { ConfigError, InputError } from '../../errors'
import type { CliSettings } from '../../config/settings'
import { fromCoreOutcome } from '../../host/event-outcome'
import type { HostTokens } from '../../host/host-tokens'
import type { CliIo } from '../../io'
import { CliMetrics } from '../../metrics/cli-metrics'
import { canonicalRow, type CsvHeaderMap } from '../csv-columns'
import { CSV_FIELD_NAMES, csvConversion } from '../csv-conversions'
import { formatOf, openInput } from '../input-source'
import { Ledger, type PendingLine } from '../ledger'
import { KIND_ORDER } from '../outcome-table'
import { readRecords } from '../read-records'
import { defaultRejectsPath, refuseInputAsRejects, RejectsFile } from '../rejects-file'
import { checkCsvHeader } from '../record-router'
import { withRetries } from '../retry-policy'
import { TaskPool } from '../task-pool'
import type { SendRunOptions, SendSummary } from '../send-run'
import { openSession, type CliSession } from '../../session/open-session'
import { BulkCheckpoint } from './bulk-checkpoint'
import { BULK_ROW_LIMIT, DEFAULT_BULK_FILE_ROWS, MAX_BULK_CONCURRENCY, runBulkSend, type BulkItem } from './bulk-lane'

export const BULK_TARGET = 'bulk'

export interface BulkSendOptions extends SendRunOptions {
  /** Rows per Bulk file: default 100,000, at most Microsoft's limit for the environment less the Format Version row. */
  bulkFileRows?: number
  /** Where pending uploads are remembered; default `<input>.bulk-checkpoint.json`. */
  checkpointPath?: string
  poll?: Partial<PollPolicy>
  /** Upload each Bulk file as a one-entry ZIP archive; the 100 MB limit is then on the archive. */
  bulkZip?: boolean
}

export function defaultCheckpointPath(file: string): string {
  return file === '-' ? 'stdin.bulk-checkpoint.json' : `${file}.bulk-checkpoint.json`
}

function bulkClientFor(settings: CliSettings, tokens: HostTokens): BulkClient {
  const problems = checkCredentialFormats({ environment: 'production', ...settings }, requiredCredentials('campaign'))
  if (problems.length) throw new ConfigError(`Check the settings: ${describeCredentialProblems(problems)}`)
  let lastToken = ''
  return new BulkClient({
    auth: {
      developerToken: settings.developer_token as string,
      customerId: settings.customer_id as string,
      accountId: settings.account_id as string,
      accessToken: async () => (lastToken = await tokens.accessToken(settings))
    },
    environment: settings.environment === 'sandbox' ? 'sandbox' : 'production',
    onAuthFailure: async () => {
      await tokens.refreshAfterFailure(settings, lastToken)
      return true
    }
  })
}

/**
 * `msads send FILE --via bulk`: a CSV backfill through Microsoft's Bulk service instead of the Apply operations.
 * Rows are read and converted as `msads send` converts them, sent as Bulk files by the Bulk lane, retried as the
 * Apply path retries transient outcomes, and accounted for in the same table, summary and rejects file.
 */
export async function runBulkSendJob(options: BulkSendOptions, io: CliIo): Promise<SendSummary> {
  const started = Date.now()
  const format = formatOf(options.file, options.format)
  if (format !== 'csv')
    throw new InputError(
      '--via bulk sends CSV files (offline conversions and their adjustments); NDJSON events go through --via apply.'
    )
  if (options.dryRun)
    throw new InputError('--dry-run prints Apply requests; use msads export-csv to see the Bulk file instead.')
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  const stdinFd = (io.stdin as { fd?: unknown }).fd
  await refuseInputAsRejects(options.file, rejectsPath, typeof stdinFd === 'number' ? stdinFd : undefined)
  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  const metrics = new CliMetrics().observeMicrosoft()
  const inputSource = await openInput(options.file, format, io.stdin)
  let session: CliSession | undefined
  let rejects: RejectsFile | undefined
  const bulkCalls = new Map<string, number>()

  try {
    session = await openSession(loaded, {
      emulatorPort: options.emulatorPort,
      metrics,
      announce: (line) => io.stderr.write(`${line}\n`)
    })
    const { settings, tokens } = session
    const mode = session.mode === 'embedded' ? 'embedded' : 'configured'
    const client = bulkClientFor(settings, tokens)
    client.callListeners.push((call) => bulkCalls.set(call.operation, (bulkCalls.get(call.operation) ?? 0) + 1))
    const { country } = parsePhoneCountry(settings.default_phone_country)
    const core = {
      consentDefault: parseConsentDefault(settings.consent_default).consentDefault,
      fieldNames: CSV_FIELD_NAMES,
      ...(country ? { defaultPhoneCountry: country } : {})
    }
    const limit = BULK_ROW_LIMIT[settings.environment === 'sandbox' ? 'sandbox' : 'production'] - 1
    const rowLimit = Math.min(limit, Math.max(1, options.bulkFileRows ?? DEFAULT_BULK_FILE_ROWS))
    // The embedded emulator processes a file in two status reads: no reason to wait between them.
    const poll = mode === 'embedded' ? { ...options.poll, initialDelayMs: 0, maxDelayMs: 0 } : options.poll
    const checkpoint = new BulkCheckpoint(options.checkpointPath ?? defaultCheckpointPath(options.file))

    rejects = await RejectsFile.create(rejectsPath)
    const ledger = new Ledger(rejects, false, options.file)
    const pool = new TaskPool(Math.min(MAX_BULK_CONCURRENCY, Math.max(1, options.concurrency ?? MAX_BULK_CONCURRENCY)))
    const waiting: Record<BulkItem['kind'], Array<{ pending: PendingLine; item: BulkItem }>> = {
      offline: [],
      adjustment: []
    }
    let csvHeader: CsvHeaderMap | undefined
    let resent = 0

    const report = (rows: number, result: BulkUploadResult): void => {
      const status = result.ok ? result.status : `${result.outcome.outcome} (${result.outcome.reason})`
      io.stderr.write(`msads send: a Bulk file of ${rows.toLocaleString('en-US')} rows: ${status}\n`)
    }
    // One group per Bulk file, up to 5 in flight: the reader waits while the pool is full, as the Apply path's does.
    const sendGroup = (group: Array<{ pending: PendingLine; item: BulkItem }>): Promise<void> =>
      pool.submit(async () => {
        const lane = {
          client,
          core,
          rowLimit,
          compress: options.bulkZip === true,
          concurrency: 1,
          poll,
          checkpoint,
          onFile: options.progress === false ? undefined : report
        }
        const attempt = async (items: BulkItem[]) => (await runBulkSend(items, lane)).map(fromCoreOutcome)
        const outcomes = await withRetries(
          group.map((entry) => entry.item),
          attempt,
          options.retry,
          (count) => (resent += count)
        )
        for (let index = 0; index < group.length; index++) {
          await ledger.settle(group[index].pending, { ...outcomes[index], target: BULK_TARGET })
        }
      })

    for await (const input of readRecords(inputSource)) {
      if ('error' in input) {
        await ledger.unreadable(input)
        continue
      }
      csvHeader ??= checkCsvHeader(input.record, (text) => io.stderr.write(`msads send: ${text}\n`))
      const pending: PendingLine = { line: input.line, record: input.record, remaining: 1, results: [] }
      const conversion = csvConversion(canonicalRow(input.record, csvHeader))
      if (conversion.kind === 'none') {
        pending.remaining = 0
        pending.results.push({ ...fromCoreOutcome(conversion.outcome), target: 'csv' })
        await ledger.finish(pending)
        continue
      }
      const list = waiting[conversion.kind]
      list.push({ pending, item: { line: input.line, ...conversion } })
      if (list.length >= rowLimit) await sendGroup(list.splice(0))
    }
    for (const kind of ['offline', 'adjustment'] as const)
      if (waiting[kind].length) await sendGroup(waiting[kind].splice(0))
    await pool.drain()
    await rejects.close()

    const durationMs = Date.now() - started
    const byOperation = Object.fromEntries([...metrics.requestCounts, ...bulkCalls])
    const requests = [...metrics.requestCounts, ...bulkCalls]
      .filter(([operation]) => operation !== 'token')
      .reduce((sum, [, count]) => sum + count, 0)
    const { table } = ledger
    const notDelivered = rejects.count
    return {
      input: options.file,
      format,
      mode,
      total: table.total,
      outcomes: table.toJSON(),
      warnings: table.warnings(),
      totals: Object.fromEntries(KIND_ORDER.map((kind) => [kind, table.count(kind)])),
      notDelivered,
      resent,
      requests: { total: requests, byOperation },
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((table.total / durationMs) * 1000) : table.total,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(notDelivered ? { rejectsFile: rejectsPath } : {}),
      complete: true,
      unsettled: 0
    }
  } finally {
    metrics.stop()
    await rejects?.close().catch(() => undefined)
    await session?.close()
    if (options.file !== '-') inputSource.stream.destroy()
  }
}
