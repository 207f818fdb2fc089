import { readFile, rm } from 'fs/promises'
import { loadSettings, type LoadedSettings } from '../config/load-settings'
import { HostTokens } from '../host/host-tokens'
import { SegmentHost } from '../host/segment-host'
import {
  compileSubscriptions,
  presetSubscriptions,
  type CompiledSubscription,
  type Subscription
} from '../host/subscriptions'
import type { CliIo } from '../io'
import { CliMetrics } from '../metrics/cli-metrics'
import { cliDestination, destinationConfig } from '../rudderstack/cli-destination'
import { RudderHost } from '../rudderstack/rudder-host'
import { Checkpoint, checkpointPath, inputIdentity, type CheckpointState } from './checkpoint'
import { CsvSender } from './csv-sender'
import { formatOf, InputError, openInput, type InputFormat } from './input-source'
import { Lanes } from './lanes'
import { LaneRunners } from './lane-runners'
import { Ledger, type PendingLine } from './ledger'
import { KIND_ORDER, OutcomeTable } from './outcome-table'
import { Progress } from './progress'
import { readRecords } from './read-records'
import { RecordRouter } from './record-router'
import { defaultRejectsPath, refuseInputAsRejects, RejectsFile } from './rejects-file'
import { withRetries, type RetryPolicy } from './retry-policy'
import { openBackend, type SendBackend } from './send-backend'
import { StopRequest } from './stop-request'
import { TaskPool } from './task-pool'
import { Watchdog } from './watchdog'

export const MAX_BATCH_SIZE = 1000
/** No answer for this long while requests are in flight ends the run (longer than a request's timeout plus a wait). */
export const DEFAULT_SETTLE_TIMEOUT_MS = 300_000

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
  /** Continue after the checkpoint an earlier run of the same file left. */
  resume?: boolean
  /** Longest time with requests in flight and no answer; also the longest wait for them after a stop. */
  settleTimeoutMs?: number
}

export interface SendSummary {
  input: string
  format: 'ndjson' | 'csv'
  mode: 'configured' | 'embedded' | 'dry-run'
  /** Input lines (NDJSON) or rows (CSV) accounted for, unreadable ones included: the table sums to this. */
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
  /** The whole input was read and every line has its outcome. */
  complete: boolean
  /** Why the run ended before the end of its input: a stop (SIGINT/SIGTERM) or requests that never settled. */
  stopReason?: 'interrupted' | 'not_settled'
  /** The last line read: every line up to it is in the table. */
  stoppedAtLine?: number
  /** Events that had no answer when the run ended: in the table and the rejects file as `retry` (`not_settled`). */
  unsettled: number
  /** With --resume: the lines up to this one were accounted for by the earlier run (and are in the table). */
  resumedAfterLine?: number
  /** Where `--resume` continues from, when the run ended early. */
  checkpointFile?: string
}

interface LaneItem {
  pending: PendingLine
  payload: unknown
  subscription?: Subscription
}

type Ending = 'done' | 'interrupted' | 'not_settled'

async function readJsonFile(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new InputError(`Cannot read the ${what} ${path}: ${reason}.`)
  }
}

/** What the command line asks for, checked before anything is opened or sent. */
interface RunPlan {
  format: InputFormat
  source: 'segment' | 'rudderstack'
  batchSize: number
  subscriptions: CompiledSubscription[]
  configOverride?: Record<string, unknown>
  rejectsPath: string
  checkpoint?: Checkpoint
  resumeFrom?: CheckpointState
}

async function planRun(options: SendRunOptions, io: CliIo): Promise<RunPlan> {
  const format = formatOf(options.file, options.format)
  const source = (options.source ?? 'segment').toLowerCase()
  if (source !== 'segment' && source !== 'rudderstack') {
    throw new InputError(`--source must be segment or rudderstack, not "${options.source}".`)
  }
  const subscriptions = options.mappingFile
    ? compileSubscriptions(await readJsonFile(options.mappingFile, 'mapping file'))
    : presetSubscriptions()
  const override = options.destinationConfigFile
    ? await readJsonFile(options.destinationConfigFile, 'destination config')
    : undefined
  if (override !== undefined && (typeof override !== 'object' || override === null || Array.isArray(override))) {
    throw new InputError('The destination config file must hold a JSON object (RudderStack Destination.Config).')
  }
  const rejectsPath = options.rejectsPath ?? defaultRejectsPath(options.file)
  const stdinFd = (io.stdin as { fd?: unknown }).fd
  await refuseInputAsRejects(options.file, rejectsPath, typeof stdinFd === 'number' ? stdinFd : undefined)
  const plan: RunPlan = {
    format,
    source,
    batchSize: Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? MAX_BATCH_SIZE)),
    subscriptions,
    configOverride: override as Record<string, unknown> | undefined,
    rejectsPath
  }
  if (options.file === '-') {
    if (options.resume) throw new InputError('--resume needs a file: stdin cannot be read again from a line.')
    return plan
  }
  if (options.dryRun) return plan
  const identity = await inputIdentityOf(options.file)
  plan.checkpoint = new Checkpoint(checkpointPath(rejectsPath), identity, format)
  const earlier = await Checkpoint.load(plan.checkpoint.path, identity).catch((error) => {
    if (options.resume) throw error
    return undefined
  })
  if (options.resume) {
    if (earlier) plan.resumeFrom = earlier
    else io.stderr.write(`msads send: no checkpoint at ${plan.checkpoint.path}; sending the whole file.\n`)
  } else if (earlier) {
    io.stderr.write(
      `msads send: an earlier run stopped at line ${earlier.line}; starting over (--resume continues it).\n`
    )
  }
  return plan
}

async function inputIdentityOf(file: string) {
  try {
    return await inputIdentity(file)
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
  }
}

/** The hosts a run sends through: Segment's Destination, the core for CSV rows, RudderStack's contracts. */
function buildRunners(plan: RunPlan, backend: SendBackend, loaded: LoadedSettings, metrics: CliMetrics): LaneRunners {
  const settings = backend.settings
  // The demo's and the dry run's tokens are not kept.
  const tokens = new HostTokens({ store: backend.mode === 'configured' ? loaded.tokenFile : undefined, metrics })
  let csv: CsvSender | undefined
  let rudder: RudderHost | undefined
  // Checked before anything is read: a CSV run with unusable settings stops at once.
  if (plan.format === 'csv') csv = new CsvSender(settings, tokens, metrics)
  return new LaneRunners({
    settings,
    segment: new SegmentHost({ tokens, metrics }),
    csv: () => (csv ??= new CsvSender(settings, tokens, metrics)),
    rudder: () =>
      (rudder ??= new RudderHost({
        tokens,
        settings,
        destination: cliDestination(destinationConfig(settings, plan.configOverride)),
        metrics
      }))
  })
}

/**
 * Batches per lane, at most `concurrency` requests in flight (the reader waits while the pool is full), transient
 * outcomes retried, each answer settled in the ledger. Once halted, it sends nothing more.
 */
class Dispatcher {
  private readonly lanes: Lanes<LaneItem>
  private readonly pool: TaskPool
  private halted = false
  resent = 0

  constructor(
    private readonly context: {
      runners: LaneRunners
      router: RecordRouter
      ledger: Ledger
      retry: RetryPolicy
      batchSize: number
      concurrency: number
      onAnswer: () => void
    }
  ) {
    this.lanes = new Lanes<LaneItem>(context.batchSize)
    this.pool = new TaskPool(context.concurrency)
  }

  get inFlight(): number {
    return this.pool.inFlight
  }

  halt(): void {
    this.halted = true
  }

  async route(line: number, record: Record<string, unknown>): Promise<void> {
    const { ledger } = this.context
    const routing = this.context.router.route(line, record)
    const pending = ledger.begin({
      line,
      record: routing.record,
      source: routing.source,
      origin: routing.origin,
      remaining: 0,
      results: []
    })
    if ('finished' in routing) {
      pending.results.push(routing.finished)
      return ledger.finish(pending)
    }
    pending.remaining = routing.lanes.length
    for (const { lane, payload, subscription } of routing.lanes) {
      const full = this.lanes.add(lane, { pending, payload, subscription })
      if (full) await this.send(lane, full)
    }
  }

  async finish(): Promise<void> {
    for (const [lane, items] of this.lanes.takeAll()) await this.send(lane, items)
    await this.pool.drain()
  }

  private send(lane: string, items: LaneItem[]): Promise<void> {
    if (this.halted) return Promise.resolve()
    const { runners, ledger, retry, onAnswer } = this.context
    return this.pool.submit(async () => {
      const { run, target } = runners.get(lane)
      const attempt = async (batch: LaneItem[]) => {
        const outcomes = await run(batch.map((item) => item.payload))
        onAnswer()
        return outcomes
      }
      const outcomes = await withRetries(items, attempt, retry, (count) => (this.resent += count))
      if (this.halted) return
      for (let index = 0; index < items.length; index++) {
        const { pending, subscription } = items[index]
        await ledger.settle(pending, { ...outcomes[index], target, ...(subscription ? { subscription } : {}) })
      }
    })
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

function mergeOutcomes(tables: Array<Record<string, Record<string, number>>>): OutcomeTable {
  const merged = new OutcomeTable()
  for (const table of tables) {
    for (const [outcome, reasons] of Object.entries(table)) {
      for (const [reason, count] of Object.entries(reasons)) merged.addCount(outcome as never, reason, count)
    }
  }
  return merged
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
  const plan = await planRun(options, io)
  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  const metrics = new CliMetrics().observeMicrosoft()
  const inputSource = await openInput(options.file, plan.format, io.stdin)
  const settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS
  let backend: SendBackend | undefined
  let rejects: RejectsFile | undefined
  let progress: Progress | undefined
  let watchdog: Watchdog | undefined
  let dispatcher: Dispatcher | undefined
  const stop = new StopRequest(io.stop)

  try {
    backend = await openBackend(loaded, Boolean(options.dryRun), io)
    const runners = buildRunners(plan, backend, loaded, metrics)
    rejects = await RejectsFile.create(plan.rejectsPath)
    const resumeFrom = plan.resumeFrom
    if (resumeFrom?.rejectsFile) await rejects.carryOver(resumeFrom.rejectsFile, resumeFrom.line)
    const ledger = new Ledger(rejects, Boolean(options.dryRun), options.file)
    const router = new RecordRouter({
      format: plan.format,
      source: plan.source,
      subscriptions: plan.subscriptions,
      runners,
      warn: (text) => io.stderr.write(text)
    })
    const earlier = mergeOutcomes([resumeFrom?.outcomes ?? {}])
    const checkpointer =
      plan.checkpoint && periodicCheckpoint(plan.checkpoint, ledger, rejects, earlier, resumeFrom?.line ?? 0)
    const activeDispatcher = new Dispatcher({
      runners,
      router,
      ledger,
      retry: options.retry,
      batchSize: plan.batchSize,
      concurrency: Math.max(1, options.concurrency ?? 4),
      onAnswer: () => {
        watchdog?.touch()
        checkpointer?.maybeSave()
      }
    })
    dispatcher = activeDispatcher
    const activeWatchdog = new Watchdog(settleTimeoutMs, () => activeDispatcher.inFlight > 0)
    watchdog = activeWatchdog

    let linesRead = 0
    let lastLine = resumeFrom?.line ?? 0
    progress = new Progress(
      io.stderr,
      () => ({
        linesRead,
        finished: ledger.table.total,
        failed: ledger.notDelivered,
        bytesRead: inputSource.bytesRead(),
        totalBytes: inputSource.size
      }),
      { enabled: options.progress !== false, intervalMs: options.progressIntervalMs }
    )
    progress.start()

    let halted = false
    const readAndSend = async (): Promise<void> => {
      for await (const input of readRecords(inputSource, { skipThroughLine: resumeFrom?.line })) {
        if (halted) break
        activeWatchdog.touch()
        linesRead += 1
        lastLine = input.line
        if ('error' in input) await ledger.unreadable(input)
        else await activeDispatcher.route(input.line, input.record)
        if (stop.isRequested || halted) break
      }
      await activeDispatcher.finish()
    }
    const work = readAndSend()
    work.catch(() => undefined)
    const ending = await endingOf(work, activeWatchdog, stop, settleTimeoutMs)
    halted = true
    activeDispatcher.halt()
    activeWatchdog.stop()
    progress.stop()
    let unsettled = 0
    if (ending !== 'done' || ledger.unsettled) {
      const why = ending === 'interrupted' ? 'the run was stopped' : `no answer came for ${settleTimeoutMs / 1000} s`
      unsettled = await ledger.abandonOpen(`No answer settled this event before the run ended (${why}); send it again.`)
      if (unsettled)
        io.stderr.write(
          `msads send: ${unsettled} events had no outcome (${why}): written to the rejects file as retry.\n`
        )
    }
    await rejects.close()
    const complete = ending === 'done'
    if (plan.checkpoint) {
      if (complete) await plan.checkpoint.remove()
      else {
        const finalOutcomes = mergeOutcomes([earlier.toJSON(), ledger.finalTable.toJSON()]).toJSON()
        const through = Math.max(resumeFrom?.line ?? 0, ledger.finalThrough)
        await plan.checkpoint.save(through, finalOutcomes, rejects.count ? rejects.path : undefined)
      }
    }
    // The earlier run's lines were carried over into this run's file.
    if (resumeFrom?.rejectsFile && resumeFrom.rejectsFile !== rejects.path)
      await rm(resumeFrom.rejectsFile, { force: true })

    const table = mergeOutcomes([earlier.toJSON(), ledger.table.toJSON()])
    const durationMs = Date.now() - started
    const byOperation = Object.fromEntries(metrics.requestCounts)
    const sent = [...metrics.requestCounts].filter(([operation]) => operation !== 'token')
    const requests = backend.printedRequests() ?? sent.reduce((sum, [, count]) => sum + count, 0)
    const notDelivered = rejects.count
    return {
      input: options.file,
      format: plan.format,
      mode: backend.mode,
      total: table.total,
      outcomes: table.toJSON(),
      totals: Object.fromEntries(KIND_ORDER.map((kind) => [kind, table.count(kind)])),
      notDelivered,
      resent: activeDispatcher.resent,
      requests: { total: requests, byOperation },
      durationMs,
      eventsPerSecond: durationMs > 0 ? Math.round((ledger.table.total / durationMs) * 1000) : ledger.table.total,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      ...(notDelivered ? { rejectsFile: plan.rejectsPath } : {}),
      complete,
      ...(complete ? {} : { stopReason: ending as 'interrupted' | 'not_settled', stoppedAtLine: lastLine }),
      unsettled,
      ...(resumeFrom ? { resumedAfterLine: resumeFrom.line } : {}),
      ...(!complete && plan.checkpoint ? { checkpointFile: plan.checkpoint.path } : {})
    }
  } finally {
    stop.dispose()
    progress?.stop()
    watchdog?.stop()
    dispatcher?.halt()
    metrics.stop()
    await rejects?.close().catch(() => undefined)
    await backend?.close()
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
  settleTimeoutMs: number
): Promise<Ending> {
  const first = await Promise.race([
    work.then(() => 'done' as const),
    watchdog.expired.then(() => 'not_settled' as const),
    stop.requested.then(() => 'stopping' as const)
  ])
  if (first !== 'stopping') return first
  // Whether the batches in flight settled in time or not, the lines left without an answer end as `retry`.
  await Promise.race([work, watchdog.expired, stop.forced, delay(settleTimeoutMs)]).catch(() => undefined)
  return 'interrupted'
}

/** Saves the resume point at most once a second while answers come, after the rejects lines it counts on. */
function periodicCheckpoint(
  checkpoint: Checkpoint,
  ledger: Ledger,
  rejects: RejectsFile,
  earlier: OutcomeTable,
  floor: number
) {
  let savedThrough = -1
  let lastSave = 0
  let saving = false
  return {
    maybeSave(): void {
      if (saving || ledger.finalThrough === savedThrough || Date.now() - lastSave < 1000) return
      saving = true
      const through = ledger.finalThrough
      const outcomes = mergeOutcomes([earlier.toJSON(), ledger.finalTable.toJSON()]).toJSON()
      rejects
        .flush()
        .then(() => checkpoint.save(Math.max(through, floor), outcomes, rejects.partialPath))
        .then(() => {
          savedThrough = through
          lastSave = Date.now()
        })
        .catch(() => undefined)
        .finally(() => (saving = false))
    }
  }
}
