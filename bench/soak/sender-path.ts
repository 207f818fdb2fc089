import { defaultValues } from '@segment/actions-core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs'
import { tmpdir } from 'os'
import * as path from 'path'
import { Readable } from 'stream'
import adjustConversion from '../../destinations/segment/adjustConversion'
import trackConversion from '../../destinations/segment/trackConversion'
import uetCapiEvent from '../../destinations/segment/uetCapiEvent'
import { EVENT_NAME } from '../workload'
import { runSendJob, type SendRunOptions, type SendSummary } from '../../src/cli/send/send-run'
import { DEFAULT_SEED, type StateSnapshot } from '../../src/emulator'
import { seededRandom } from '../../src/support/prng'
import { nodeScript } from '../emulator-process'
import type { CliIo } from '../../src/cli/io'
import { DEMO } from '../hosts'
import { Ledger } from './ledger'
import type { PathContext } from './path'
import { RetryQueue } from './retry-queue'
import { startSlowProxy } from './slow-proxy'
import { storedBooks } from './verify'
import {
  ADJUSTMENT_EVENTS,
  CAPI_TRACK_EVENT,
  identityOf,
  segmentEvent,
  SOAK_KINDS,
  type SoakEvent,
  type SoakKind
} from './workload'

const adjustment = (type: 'Restate' | 'Retract') => ({
  name: `Soak ${type}`,
  subscribe: `type = "track" and event = "${ADJUSTMENT_EVENTS[type]}"`,
  partnerAction: 'adjustConversion',
  mapping: {
    ...defaultValues(adjustConversion.fields),
    adjustment_type: type,
    conversion_name: 'Purchase',
    conversion_time: { '@path': '$.properties.conversion_time' }
  }
})

/**
 * The mix as an admin's subscriptions file routes it: conversions (the goal from the event, so that some name a goal
 * Microsoft does not have), Restate and Retract adjustments, and CAPI events: page loads with the default eventId
 * (the messageId), custom track events with no eventId mapped, so that the core derives a stable one.
 */
const SUBSCRIPTIONS = [
  {
    name: 'Soak conversions',
    subscribe: `type = "track" and event = "${EVENT_NAME}"`,
    partnerAction: 'trackConversion',
    mapping: { ...defaultValues(trackConversion.fields), conversion_name: { '@path': '$.properties.goal' } }
  },
  adjustment('Restate'),
  adjustment('Retract'),
  {
    name: 'Soak page loads',
    subscribe: 'type = "page"',
    partnerAction: 'uetCapiEvent',
    mapping: { ...defaultValues(uetCapiEvent.fields), eventType: 'pageLoad' }
  },
  {
    name: 'Soak CAPI events',
    subscribe: `type = "track" and event = "${CAPI_TRACK_EVENT}"`,
    partnerAction: 'uetCapiEvent',
    mapping: withoutEventId(defaultValues(uetCapiEvent.fields))
  }
]

function withoutEventId(mapping: Record<string, unknown>): Record<string, unknown> {
  const { eventId: _eventId, ...rest } = mapping
  return rest
}

interface RejectLine {
  line: number
  outcome: string
  reason: string
  field?: string
}

function sendEnv(directory: string): NodeJS.ProcessEnv {
  return {
    MSADS_CUSTOMER_ID: DEMO.customerId,
    MSADS_ACCOUNT_ID: DEMO.accountId,
    MSADS_DEVELOPER_TOKEN: DEMO.developerToken,
    MSADS_CLIENT_ID: DEMO.clientId,
    MSADS_CLIENT_SECRET: DEMO.clientSecret,
    MSADS_REFRESH_TOKEN: DEMO.refreshToken,
    MSADS_UET_TAG_ID: DEFAULT_SEED.tags[0].id,
    MSADS_UET_CAPI_TOKEN: DEFAULT_SEED.tags[0].capiToken ?? '',
    MSADS_CONSENT_DEFAULT: 'granted',
    MSADS_DEFAULT_PHONE_COUNTRY: 'US',
    MSADS_TOKEN_FILE: path.join(directory, 'tokens.json')
  }
}

function* ndjson(events: readonly SoakEvent[]): Generator<string> {
  for (const event of events) yield `${JSON.stringify(segmentEvent(event))}\n`
}

/** How long the proxy holds each request of the run that is killed. */
const KILLED_RUN_DELAY_MS = 100
/** How long the held run is given to save its last checkpoint before it is killed. */
const KILLED_RUN_SETTLE_MS = 2_000

/** What the kill -9 cycle did: where the first run was killed, where it resumed, what it sent again. */
export interface KillResumeReport {
  killed: boolean
  /** The checkpoint's line when the process was killed: the resumed run starts after it. */
  resumed_after_line: number
  /** Lines past the checkpoint that the killed run had already got stored: the resumed run sends them again. */
  stored_past_checkpoint: number
  stored_past_checkpoint_by_kind: Record<SoakKind, number>
  /** Items the emulator received again during the resumed run (it ignores them, as Microsoft does). */
  repeats_after_resume: number
}

/**
 * `msads send` itself (its runSendJob, in this process so that it shares the soak's emulator): the events as NDJSON
 * Segment track events, one subscription sending them to trackConversion, configured credentials (so the command
 * talks to the emulator the soak points MSADS_API_BASE_URL at), its own bounded retries with the soak's attempts
 * and cap. The command accounts for each line in its summary and its rejects file; each event's fate is read from
 * those, and the soak then checks it against what the emulator stored. With `killResume`, the first run is a
 * process of its own killed with SIGKILL at a seeded point, and `--resume` finishes it.
 */
export async function runSenderPath(context: PathContext): Promise<Ledger & { killResume?: KillResumeReport }> {
  // Two runs of the command, half the events each (two export files): the soak changes its faults in between.
  const half = Math.ceil(context.events.length / 2)
  const ledger: Ledger & { killResume?: KillResumeReport } = new Ledger()
  for (const [index, part] of [context.events.slice(0, half), context.events.slice(half)].entries()) {
    if (!part.length) continue
    const { summary, rejects, killResume } = await sendOnce(part, context, index === 0 ? context.killResume : undefined)
    if (killResume) ledger.killResume = killResume
    ledger.add(ledgerOf(part, summary, rejects, context))
    context.onProgress(ledger.finals.size)
  }
  return ledger
}

interface SendResult {
  summary: SendSummary
  rejects: RejectLine[]
  killResume?: KillResumeReport
}

async function sendOnce(
  events: readonly SoakEvent[],
  context: PathContext,
  kill?: { seed: number }
): Promise<SendResult> {
  const directory = mkdtempSync(path.join(tmpdir(), 'msads-soak-send-'))
  try {
    const mappingFile = path.join(directory, 'subscriptions.json')
    const rejectsPath = path.join(directory, 'rejects.jsonl')
    const file = path.join(directory, 'events.ndjson')
    writeFileSync(mappingFile, JSON.stringify(SUBSCRIPTIONS))
    writeFileSync(file, [...ndjson(events)].join(''))
    const options: SendRunOptions = {
      file,
      mappingFile,
      rejectsPath,
      batchSize: context.batchSize,
      concurrency: context.concurrency,
      retry: {
        retries: context.policy.maxAttempts - 1,
        baseDelayMs: context.policy.baseMs,
        maxDelayMs: context.policy.capMs
      },
      progress: false
    }
    const env = sendEnv(directory)
    const killed = kill ? await killMidway(events, options, env, context, kill.seed) : undefined
    const killResume = killed?.report
    const before = repeatsOf(context.emulatorState())
    let stderr = ''
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr = `${stderr}${text}`.slice(-2000)) },
      stdin: Readable.from([]),
      env
    }
    // A first run that ended before the kill point gave its own summary; else --resume finishes it.
    const summary: SendSummary = killed?.summary ?? (await runSendJob({ ...options, resume: Boolean(killResume) }, io))
    if (killResume) killResume.repeats_after_resume = repeatsOf(context.emulatorState()) - before
    if (summary.total !== events.length)
      throw new Error(`msads send accounted for ${summary.total} of ${events.length} lines: ${stderr}`)
    const rejects = existsSync(rejectsPath)
      ? readFileSync(rejectsPath, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as RejectLine)
      : []
    return { summary, rejects, killResume }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

/**
 * The first run in a process of its own, killed with SIGKILL once its checkpoint has passed a seeded line (between
 * 20% and 60% of the file): what was stored past the checkpoint is then sent again by the resumed run.
 */
async function killMidway(
  events: readonly SoakEvent[],
  options: SendRunOptions,
  env: NodeJS.ProcessEnv,
  context: PathContext,
  seed: number
): Promise<{ report: KillResumeReport; summary?: SendSummary }> {
  const killAt = Math.floor(events.length * (0.2 + 0.4 * seededRandom(seed)()))
  const checkpoint = `${options.rejectsPath}.checkpoint.json`
  // Past the kill point the proxy passes nothing on, so the run is still going when the checkpoint is read.
  const proxy = await startSlowProxy(process.env.MSADS_API_BASE_URL as string, KILLED_RUN_DELAY_MS, killAt)
  const child = nodeScript('soak/send-child', [JSON.stringify(options)], {
    PATH: process.env.PATH,
    ...env,
    MSADS_API_BASE_URL: proxy.url
  })
  let out = ''
  child.stdout?.on('data', (chunk) => (out += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let line = 0
  let heldSince: number | undefined
  while (child.exitCode === null && child.signalCode === null) {
    try {
      line = (JSON.parse(readFileSync(checkpoint, 'utf8')) as { line: number }).line
    } catch {
      line = 0
    }
    if (line >= killAt) break
    // Held, the run makes no more progress: its checkpoint is as far as it will get.
    if (proxy.holding()) heldSince ??= Date.now()
    if (heldSince !== undefined && Date.now() - heldSince > KILLED_RUN_SETTLE_MS) break
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const killed = child.exitCode === null && child.signalCode === null
  if (killed) child.kill('SIGKILL')
  await exited
  // A request whose body reached the proxy before the kill is still handled: let it land before counting.
  await new Promise((resolve) => setTimeout(resolve, KILLED_RUN_DELAY_MS + 200))
  await proxy.close()
  const resumedAfter = killed ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { line: number }).line : events.length
  const first = events[0]?.index ?? 0
  const past = events.filter((event) => event.expect === 'delivered' && event.index - first + 1 > resumedAfter)
  const books = storedBooks(context.emulatorState())
  const byKind = Object.fromEntries(SOAK_KINDS.map((kind) => [kind, 0])) as Record<SoakKind, number>
  for (const event of past) byKind[event.kind] += books[event.kind].stored.get(identityOf(event)) ?? 0
  const stored = SOAK_KINDS.reduce((n, kind) => n + byKind[kind], 0)
  const report = {
    killed,
    resumed_after_line: resumedAfter,
    stored_past_checkpoint: stored,
    stored_past_checkpoint_by_kind: byKind,
    repeats_after_resume: 0
  }
  return killed ? { report } : { report, summary: JSON.parse(out.trim().split('\n').pop() as string) as SendSummary }
}

/**
 * Each line's fate as the command reported it: in the rejects file with its outcome, else delivered or skipped.
 * The command's table has no per-line detail for those two, so a line that is not in the rejects file is counted
 * delivered when it was meant to be (the soak then checks the emulator holds it, else it is lost) and skipped
 * when it was meant to be skipped; the skipped reasons are the command's own counts, and must add up.
 */
function ledgerOf(
  events: readonly SoakEvent[],
  summary: SendSummary,
  rejects: readonly RejectLine[],
  context: PathContext
): Ledger {
  const ledger = new Ledger()
  const queue = new RetryQueue<SoakEvent>([], context.policy)
  ledger.retried = summary.resent
  // Lines are numbered from 1 in each run.
  const first = events[0]?.index ?? 0
  const rejected = new Map(rejects.map((entry) => [first + entry.line - 1, entry]))
  const skippedReasons = Object.entries(summary.outcomes.skipped ?? {})
  const skippedTotal = skippedReasons.reduce((n, [, count]) => n + count, 0)
  let skippedSeen = 0
  for (const event of events) {
    const entry = rejected.get(event.index)
    if (entry) {
      if (entry.outcome === 'rejected')
        ledger.settle(queue, event, 'rejected', entry.field ? `${entry.reason}:${entry.field}` : entry.reason)
      else ledger.finals.set(event.index, { kind: 'gave_up', reason: entry.reason })
      continue
    }
    if (event.expect === 'skipped' && skippedSeen < skippedTotal) {
      skippedSeen++
      ledger.settle(queue, event, 'skipped', skippedReasons.length === 1 ? skippedReasons[0][0] : 'skipped')
      continue
    }
    ledger.settle(queue, event, 'delivered', 'accepted')
  }
  return ledger
}

/** Items of every kind the emulator received again after storing them. */
function repeatsOf(state: StateSnapshot): number {
  const books = storedBooks(state)
  return SOAK_KINDS.reduce((n, kind) => n + books[kind].repeats, 0)
}
