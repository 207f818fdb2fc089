import { defaultValues } from '@segment/actions-core'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs'
import { tmpdir } from 'os'
import * as path from 'path'
import { Readable } from 'stream'
import trackConversion from '../../destinations/segment/trackConversion'
import { runSendJob, type SendSummary } from '../../src/cli/send/send-run'
import type { CliIo } from '../../src/cli/io'
import { DEMO } from '../hosts'
import { Ledger } from './ledger'
import type { PathContext } from './path'
import { RetryQueue } from './retry-queue'
import { segmentEvent, type SoakEvent } from './workload'

/** The goal comes from the event, so that some events name a goal Microsoft does not have. */
const SUBSCRIPTIONS = [
  {
    name: 'Soak conversions',
    subscribe: 'type = "track"',
    partnerAction: 'trackConversion',
    mapping: { ...defaultValues(trackConversion.fields), conversion_name: { '@path': '$.properties.goal' } }
  }
]

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
    MSADS_CONSENT_DEFAULT: 'granted',
    MSADS_DEFAULT_PHONE_COUNTRY: 'US',
    MSADS_TOKEN_FILE: path.join(directory, 'tokens.json')
  }
}

function* ndjson(events: readonly SoakEvent[]): Generator<string> {
  for (const event of events) yield `${JSON.stringify(segmentEvent(event))}\n`
}

/**
 * `msads send` itself (its runSendJob, in this process so that it shares the soak's emulator): the events as NDJSON
 * Segment track events on stdin, one subscription sending them to trackConversion, configured credentials (so
 * the command talks to the emulator the soak points MSADS_API_BASE_URL at), its own bounded retries with the
 * soak's attempts and cap. The command accounts for each line in its summary and its rejects file; each event's
 * fate is read from those, and the soak then checks it against what the emulator stored.
 */
export async function runSenderPath(context: PathContext): Promise<Ledger> {
  // Two runs of the command, half the events each (two export files): the soak changes its faults in between.
  const half = Math.ceil(context.events.length / 2)
  const ledger = new Ledger()
  for (const part of [context.events.slice(0, half), context.events.slice(half)]) {
    if (!part.length) continue
    const { summary, rejects } = await sendOnce(part, context)
    ledger.add(ledgerOf(part, summary, rejects, context))
    context.onProgress(ledger.finals.size)
  }
  return ledger
}

async function sendOnce(events: readonly SoakEvent[], context: PathContext): Promise<{ summary: SendSummary; rejects: RejectLine[] }> {
  const directory = mkdtempSync(path.join(tmpdir(), 'msads-soak-send-'))
  try {
    const mappingFile = path.join(directory, 'subscriptions.json')
    const rejectsPath = path.join(directory, 'rejects.jsonl')
    writeFileSync(mappingFile, JSON.stringify(SUBSCRIPTIONS))
    let stderr = ''
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr = `${stderr}${text}`.slice(-2000)) },
      stdin: Readable.from(ndjson(events)),
      env: sendEnv(directory)
    }
    const summary: SendSummary = await runSendJob(
      {
        file: '-',
        mappingFile,
        rejectsPath,
        batchSize: context.batchSize,
        concurrency: context.concurrency,
        retry: { retries: context.policy.maxAttempts - 1, baseDelayMs: context.policy.baseMs, maxDelayMs: context.policy.capMs },
        progress: false
      },
      io
    )
    if (summary.total !== events.length) throw new Error(`msads send accounted for ${summary.total} of ${events.length} lines: ${stderr}`)
    const rejects = existsSync(rejectsPath)
      ? readFileSync(rejectsPath, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as RejectLine)
      : []
    return { summary, rejects }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}

/**
 * Each line's fate as the command reported it: in the rejects file with its outcome, else delivered or skipped.
 * The command's table has no per-line detail for those two, so a line that is not in the rejects file is counted
 * delivered when it was meant to be (the soak then checks the emulator holds it, else it is lost) and skipped
 * when it was meant to be skipped; the skipped reasons are the command's own counts, and must add up.
 */
function ledgerOf(events: readonly SoakEvent[], summary: SendSummary, rejects: readonly RejectLine[], context: PathContext): Ledger {
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
      if (entry.outcome === 'rejected') ledger.settle(queue, event, 'rejected', entry.field ? `${entry.reason}:${entry.field}` : entry.reason)
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
