import { existsSync } from 'fs'
import { rm } from 'fs/promises'
import { openSession, type CliSession, type SessionMode } from '../session/open-session'
import { loadSettings } from '../config/load-settings'
import type { CliIo } from '../io'
import { CliMetrics } from '../metrics/cli-metrics'
import type { CliSettings } from '../config/settings'
import { checkCredentialFormats } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { ApplySink } from '../pipeline/apply-sink'
import { openBulkSink } from '../pipeline/bulk-sink'
import type { Sink } from '../pipeline/conversion'
import { FileSink } from '../pipeline/file-sink'
import { MAX_BULK_CONCURRENCY } from './bulk/bulk-upload'
import { periodicCheckpoint } from './checkpoint'
import { Dispatcher } from './dispatcher'
import { failureText, UsageError } from '../errors'
import { FileWriteError } from '../../support/write-all'
import { openInput } from './input-source'
import { Ledger } from './ledger'
import { KIND_ORDER, mergeOutcomes, type OutcomeTable } from './outcome-table'
import { countEvents, Progress } from './progress'
import { peakRssBytes } from '../../support/peak-rss'
import { readRecordBatches } from './read-records'
import { RecordRouter } from './record-router'
import { RejectsFile } from './rejects-file'
import { removeLeftovers } from './leftovers'
import { letYoungGenerationGrow, pinYoungGenerationIfGrown, reapplyMemoryMode } from './memory-mode'
import { missingCredentials } from '../config/missing-credentials'
import { planRun, type RunPlan } from './send-plan'
import { StopRequest } from './stop-request'
import { Watchdog } from './watchdog'
import type { SendRunOptions } from './send-options'
import { ForwardLog } from '../forward-log/forward-log'
import { ForwardLogThread } from '../forward-log/forward-log-thread'
import { LookupOnDemand } from '../forward-log/lookup-on-demand'
import { ForwardLogInThread, type ForwardRowWriter } from '../forward-log/forward-row-writer'
import { SendForwardRecorder } from './send-forward-log'
import { DEFAULT_ACCOUNT_NAME } from '../config/accounts'

export { MAX_BATCH_SIZE, type SendRunOptions } from './send-options'
/** No answer for this long while requests are in flight ends the run (longer than a request's timeout plus a wait). */
export const DEFAULT_SETTLE_TIMEOUT_MS = 300_000

export interface SendSummary {
  input: string
  format: 'ndjson' | 'csv'
  mode: Exclude<SessionMode, 'offline'>
  /** Input lines (NDJSON) or rows (CSV) accounted for, unreadable ones included: the table sums to this. */
  total: number
  outcomes: Record<string, Record<string, number>>
  /** Optional fields dropped from events that were still sent, by reason (`phone:e164`). */
  warnings: Record<string, number>
  totals: Record<string, number>
  notDelivered: number
  /** Events sent again after a transient outcome. */
  resent: number
  requests: { total: number; byOperation: Record<string, number> }
  durationMs: number
  eventsPerSecond: number
  peakRssBytes: number
  rejectsFile?: string
  /** The whole input was read and every line has its outcome. */
  complete: boolean
  /**
   * Why the run ended before the end of its input: a stop (SIGINT/SIGTERM), requests that never settled, or a write
   * the disk refused (`error` names the file).
   */
  stopReason?: 'interrupted' | 'not_settled' | 'write_failed'
  /** The write that stopped the run (stopReason `write_failed`), naming its file. */
  error?: string
  /** The last line read: every line up to it is in the table. */
  stoppedAtLine?: number
  /** Events that had no answer when the run ended: in the table and the rejects file as `retry` (`not_settled`). */
  unsettled: number
  /** With --resume: the lines up to this one were accounted for by the earlier run (and are in the table). */
  resumedAfterLine?: number
  /** Where `--resume` continues from, when the run ended early. */
  checkpointFile?: string
  /** Rows written to the Bulk file (export-csv only). */
  written?: number
}

type Ending = 'done' | 'interrupted' | 'not_settled' | 'write_failed'

interface OpenedSink {
  sink: Sink
  batchSize: number
  concurrency: number
  maxHeldBytes?: number
  /** Calls the sink makes outside the metrics' count (the Bulk service's), by operation. */
  calls?: Map<string, number>
  /** Rows written (the Bulk file). */
  written?: () => number
}

/** The sink of a run: Apply and CAPI calls (the default), a Bulk upload, or a Bulk file. */
function openSink(options: SendRunOptions, plan: RunPlan, session: CliSession, io: CliIo): OpenedSink {
  const choice = options.sink ?? { kind: 'apply' }
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const maxHeldBytes = options.maxBufferMb === undefined ? undefined : options.maxBufferMb * 2 ** 20
  if (choice.kind === 'file') {
    const sink = new FileSink(choice.write)
    // One batch at a time: the rows go into the file in the order the batches were prepared.
    return { sink, batchSize: plan.batchSize, concurrency: 1, maxHeldBytes, written: () => sink.records }
  }
  if (choice.kind === 'bulk') {
    const { sink, rowLimit, calls } = openBulkSink(options.file, { ...choice, progress: options.progress }, session, io)
    // A Bulk file holds up to rowLimit rows: the input held is bounded by the files in flight, not by bytes.
    return {
      sink,
      batchSize: rowLimit,
      concurrency: Math.min(
        MAX_BULK_CONCURRENCY,
        concurrency === 4 && options.concurrency === undefined ? MAX_BULK_CONCURRENCY : concurrency
      ),
      maxHeldBytes: maxHeldBytes ?? Number.POSITIVE_INFINITY,
      calls
    }
  }
  const sink = new ApplySink(session.settings, session.tokens)
  // Checked before anything is read: a CSV run with unusable settings stops at once.
  if (plan.format === 'csv') sink.campaign()
  return { sink, batchSize: plan.batchSize, concurrency, maxHeldBytes }
}

/** What the command line holds in the Segment platform's place: an access token it mints, when its OAuth settings are usable. */
function segmentAuthOf(settings: CliSettings): { accessToken: string } | undefined {
  return checkCredentialFormats(settings, requiredCredentials('token_refresh')).length === 0
    ? { accessToken: 'minted by the command line' }
    : undefined
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/**
 * `msads send`: streams the input, routes each event (Segment subscriptions, RudderStack, CSV rows, lines of a
 * rejects file the way they went), sends full batches of up to 1,000, retries transient outcomes, and accounts for
 * every line exactly once: in the outcome table, and, when it was not delivered, in the rejects file. A watchdog
 * ends a run whose requests never settle; SIGINT/SIGTERM stop reading, let the batches in flight settle (bounded),
 * and still give the summary. A checkpoint lets `--resume` continue after the last line whose outcome is final.
 */
export async function runSendJob(options: SendRunOptions, io: CliIo): Promise<SendSummary> {
  const started = Date.now()
  if (options.sink?.kind === 'bulk' && options.dryRun)
    throw new UsageError('--dry-run prints Apply requests; use msads export-csv to see the Bulk file instead.')
  const plan = await planRun(options, io)
  const toFile = options.sink?.kind === 'file'
  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  // A Bulk file is written without credentials; a send needs all of them, or none (the embedded emulator).
  const missing = toFile ? undefined : missingCredentials(loaded)
  if (missing) throw missing
  const metrics = new CliMetrics().observeMicrosoft()
  const inputSource = await openInput(options.file, plan.format, io.stdin)
  const settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS
  let session: CliSession | undefined
  let rejects: RejectsFile | undefined
  let progress: Progress | undefined
  let watchdog: Watchdog | undefined
  let dispatcher: Dispatcher | undefined
  const stop = new StopRequest(io.stop)
  let forwardLog: LookupOnDemand | undefined
  let forwardRecorder: SendForwardRecorder | undefined

  try {
    const print = (text: string): void => void io.stdout.write(text)
    session = await openSession(loaded, {
      dryRun: options.dryRun ? { print } : undefined,
      offline: toFile,
      emulatorPort: options.emulatorPort,
      metrics,
      announce: (line) => io.stderr.write(`${line}\n`)
    })
    const opened = openSink(options, plan, session, io)
    rejects = await RejectsFile.create(plan.rejectsPath)
    const resumeFrom = plan.resumeFrom
    const carried = resumeFrom?.rejectsFile
      ? earlierRejects(resumeFrom.rejectsFile, plan.rejectsPath, resumeFrom.outcomes)
      : undefined
    if (carried && resumeFrom) await rejects.carryOver(carried, resumeFrom.line)
    const ledger = new Ledger(rejects, Boolean(options.dryRun), options.file)
    if (options.forwardLog && !options.dryRun) {
      // Opened here first (its path checked, the schema, the retention). Its rows are written on this thread, or, with
      // --memory fast, from a thread of their own; the refunds lookup opens it again only when a refund asks.
      const opened = ForwardLog.open(options.forwardLog)
      forwardLog = new LookupOnDemand(options.forwardLog)
      let writer: ForwardRowWriter = new ForwardLogInThread(opened)
      if (options.forwardLogThread) {
        opened.close()
        const thread = new ForwardLogThread(options.forwardLog)
        void thread.started.then(reapplyMemoryMode, () => undefined)
        writer = thread
      }
      const recorder = new SendForwardRecorder(writer, session.settings, loaded.account ?? DEFAULT_ACCOUNT_NAME)
      forwardRecorder = recorder
      ledger.onFinished = (pending) => recorder.add(pending)
    }
    // Refunds that do not name their original conversion find it in the forward log by order id.
    const originalsLookup = options.originalConversions ?? forwardLog
    const router = new RecordRouter({
      format: plan.format,
      source: plan.source,
      subscriptions: plan.subscriptions,
      settings: session.settings,
      segmentAuth: segmentAuthOf(session.settings),
      destinationConfig: plan.configOverride,
      now: options.now,
      callsMicrosoft: !toFile,
      refusal: (kind) => opened.sink.refusal?.(kind),
      warn: (text) => io.stderr.write(`${options.command ?? 'msads send'}: ${text}\n`),
      originals: originalsLookup && {
        lookup: originalsLookup,
        account: loaded.account === DEFAULT_ACCOUNT_NAME ? undefined : loaded.account
      }
    })
    const earlier = mergeOutcomes([resumeFrom?.outcomes ?? {}])
    const checkpointer =
      plan.checkpoint && periodicCheckpoint(plan.checkpoint, ledger, rejects, earlier, resumeFrom?.line ?? 0)
    const activeDispatcher = new Dispatcher({
      sink: opened.sink,
      router,
      ledger,
      metrics,
      account: loaded.account,
      retry: options.retry,
      batchSize: opened.batchSize,
      concurrency: opened.concurrency,
      maxHeldBytes: opened.maxHeldBytes,
      onAnswer: () => watchdog?.touch(),
      onSettled: () => checkpointer?.maybeSave()
    })
    dispatcher = activeDispatcher
    const activeWatchdog = new Watchdog(settleTimeoutMs, () => activeDispatcher.inFlight > 0)
    watchdog = activeWatchdog

    const reading = { halted: false, reachedEnd: false, linesRead: 0, lastLine: resumeFrom?.line ?? 0 }
    let totalEvents: number | undefined
    if (options.progress !== false && inputSource.size !== undefined) {
      void countEvents(options.file, plan.format).then(
        (count) => (totalEvents = count),
        () => undefined
      )
    }
    progress = new Progress(
      io.stderr,
      () => ({
        linesRead: reading.linesRead,
        finished: ledger.table.total,
        failed: ledger.notDelivered,
        bytesRead: inputSource.bytesRead(),
        totalBytes: inputSource.size,
        totalEvents,
        waiting: activeDispatcher.waiting
      }),
      { enabled: options.progress !== false, intervalMs: options.progressIntervalMs }
    )
    progress.start()

    const readAndSend = async (): Promise<void> => {
      letYoungGenerationGrow()
      for await (const inputs of readRecordBatches(inputSource, { skipThroughLine: resumeFrom?.line })) {
        for (const input of inputs) {
          if (reading.halted) return activeDispatcher.finish()
          activeWatchdog.touch()
          reading.linesRead += 1
          if ((reading.linesRead & 63) === 0) pinYoungGenerationIfGrown()
          reading.lastLine = input.line
          if ('error' in input) await ledger.unreadable(input)
          else {
            // Most lines only join a batch: there is nothing to wait for, and no promise is made.
            const routing = activeDispatcher.route(input.line, input.record, input.bytes, input.text)
            if (routing) await routing
          }
          if (stop.isRequested || reading.halted) return activeDispatcher.finish()
        }
      }
      reading.reachedEnd = true
      await activeDispatcher.finish()
    }
    const work = readAndSend()
    work.catch(() => undefined)
    // A write the disk refused ends the run; its summary still counts every line read.
    let writeFailure: FileWriteError | undefined
    const failedWrite = (error: unknown): Ending => {
      if (!(error instanceof FileWriteError)) throw error
      writeFailure ??= error
      return 'write_failed'
    }
    const endingRead = await endingOf(work, activeWatchdog, stop, settleTimeoutMs, () => reading.reachedEnd).catch(
      failedWrite
    )
    reading.halted = true
    activeDispatcher.halt()
    activeWatchdog.stop()
    progress.stop()
    const unsettled = ledger.unsettled
    const ending = await closeAccounts({
      ending: endingRead,
      plan,
      ledger,
      rejects,
      earlier,
      settleTimeoutMs,
      io
    }).then(() => endingRead, failedWrite)
    const recorder = forwardRecorder
    forwardRecorder = undefined
    await recorder?.close()
    const table = mergeOutcomes([earlier.toJSON(), ledger.table.toJSON()])
    const durationMs = Date.now() - started
    const counts = [...metrics.requestCounts, ...(opened.calls ?? [])]
    const byOperation = Object.fromEntries(counts)
    const sent = counts.filter(([operation]) => operation !== 'token')
    const requests = session.printedRequests() ?? sent.reduce((sum, [, count]) => sum + count, 0)
    const notDelivered = rejects.count
    const complete = ending === 'done'
    return {
      input: options.file,
      format: plan.format,
      // A send never opens an offline session.
      mode: session.mode as SendSummary['mode'],
      total: table.total,
      outcomes: table.toJSON(),
      warnings: ledger.table.warnings(),
      totals: Object.fromEntries(KIND_ORDER.map((kind) => [kind, table.count(kind)])),
      notDelivered,
      resent: activeDispatcher.resent,
      requests: { total: requests, byOperation },
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((ledger.table.total / durationMs) * 1000) : ledger.table.total,
      peakRssBytes: peakRssBytes(),
      // A refused write leaves no rejects file in place and no checkpoint saved at the end: neither is named.
      ...(notDelivered && !writeFailure ? { rejectsFile: plan.rejectsPath } : {}),
      complete,
      ...(complete ? {} : { stopReason: ending, stoppedAtLine: reading.lastLine }),
      ...(writeFailure ? { error: failureText(writeFailure) } : {}),
      unsettled,
      ...(resumeFrom ? { resumedAfterLine: resumeFrom.line } : {}),
      ...(!complete && plan.checkpoint && !writeFailure ? { checkpointFile: plan.checkpoint.path } : {}),
      ...(opened.written ? { written: opened.written() } : {})
    }
  } finally {
    try {
      await forwardRecorder?.close()
    } finally {
      forwardLog?.close()
    }
    stop.dispose()
    progress?.stop()
    watchdog?.stop()
    dispatcher?.halt()
    metrics.stop()
    await rejects?.close({ failed: true }).catch(() => undefined)
    await session?.close()
    if (options.file !== '-') inputSource.stream.destroy()
  }
}

/**
 * How the run ends: its work done; stopped (SIGINT/SIGTERM: reading stops, batches in flight get up to the settle
 * timeout, a second signal stops waiting); or requests that never settled (the watchdog).
 */
async function endingOf(
  work: Promise<void>,
  watchdog: Watchdog,
  stop: StopRequest,
  settleTimeoutMs: number,
  reachedEnd: () => boolean
): Promise<Ending> {
  const first = await Promise.race([
    work.then(() => 'done' as const),
    watchdog.expired.then(() => 'not_settled' as const),
    stop.requested.then(() => 'stopping' as const)
  ])
  if (first !== 'stopping') return first
  // Whether the batches in flight settled in time or not, the lines left without an answer end as `retry`.
  const settled = await Promise.race([
    work.then(() => true),
    watchdog.expired.then(() => false),
    stop.forced.then(() => false),
    delay(settleTimeoutMs).then(() => false)
  ]).catch(() => false)
  return settled && reachedEnd() ? 'done' : 'interrupted'
}

/**
 * Ends the run's accounts: lines still without an answer become `retry` (`not_settled`), the rejects file takes its
 * place, and the checkpoint is removed (the input was read to its end) or saved for --resume. A write the disk
 * refused is thrown once every line is counted.
 */
async function closeAccounts(context: {
  ending: Ending
  plan: RunPlan
  ledger: Ledger
  rejects: RejectsFile
  earlier: OutcomeTable
  settleTimeoutMs: number
  io: CliIo
}): Promise<void> {
  const { ending, plan, ledger, rejects, earlier, io } = context
  if (ending !== 'done' || ledger.unsettled) {
    const why =
      ending === 'interrupted'
        ? 'the run was stopped'
        : ending === 'write_failed'
          ? 'a write failed'
          : `no answer came for ${context.settleTimeoutMs / 1000} s`
    const unsettled = await ledger.abandonOpen(
      `No answer settled this event before the run ended (${why}); send it again.`
    )
    if (unsettled)
      io.stderr.write(`msads send: ${unsettled} events had no outcome (${why}): in the rejects file as retry.\n`)
  }
  await rejects.close()
  const resumeFrom = plan.resumeFrom
  if (plan.checkpoint) {
    if (ending === 'done') await plan.checkpoint.remove()
    else {
      const outcomes = mergeOutcomes([earlier.toJSON(), ledger.finalTable.toJSON()]).toJSON()
      const through = Math.max(resumeFrom?.line ?? 0, ledger.finalThrough)
      await plan.checkpoint.save(through, outcomes, rejects.count ? rejects.path : undefined)
    }
  }
  // The earlier run's lines were carried over into this run's file.
  if (resumeFrom?.rejectsFile && resumeFrom.rejectsFile !== rejects.path)
    await rm(resumeFrom.rejectsFile, { force: true })
  await removeLeftovers(rejects.path, plan.checkpoint?.path)
}

/**
 * The earlier run's rejects lines: in its temporary file when it was killed, in the rejects file when it ended
 * otherwise (the checkpoint may name the temporary file it saved last).
 */
function earlierRejects(
  named: string,
  rejectsPath: string,
  outcomes: Record<string, Record<string, number>>
): string | undefined {
  if (existsSync(named)) return named
  if (existsSync(rejectsPath)) return rejectsPath
  // A run killed as it ended may have removed an empty rejects file before its checkpoint: nothing to carry over.
  if (!notDeliveredIn(outcomes)) return undefined
  throw new UsageError(`The rejects lines of the earlier run (${named}) are gone; remove the checkpoint to start over.`)
}

function notDeliveredIn(outcomes: Record<string, Record<string, number>>): number {
  return Object.entries(outcomes)
    .filter(([kind]) => kind !== 'delivered' && kind !== 'skipped')
    .reduce((sum, [, reasons]) => sum + Object.values(reasons).reduce((a, b) => a + b, 0), 0)
}
