import { spawn } from 'child_process'
import { once } from 'events'
import { createWriteStream, mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import * as path from 'path'
import { spawnEmulator } from './emulator-process'
import { nodeArgs } from './node-args'
import { sendEnv } from './send'
import { conversionStream } from './workload'

export interface SendViaFigures {
  via_events: number
  via_apply_requests: number
  via_apply_wall_s: number
  via_bulk_requests: number
  via_bulk_wall_s: number
  via_bulk_peak_rss_mb: number
  via_path: string
}

interface Summary {
  total: number
  totals: Record<string, number>
  requests: { total: number }
  durationMs: number
  peakRssBytes: number
}

const HEADER = 'conversionName,conversionTime,microsoftClickId,email,phone,conversionValue,conversionCurrencyCode'

/** The bench workload as a CSV file, times to the second (the Bulk file's precision). */
async function writeCsv(file: string, events: number): Promise<void> {
  const out = createWriteStream(file)
  out.write(`${HEADER}\n`)
  for (const c of conversionStream(events, Date.now())) {
    const time = new Date(Math.floor(Date.parse(c.conversionTime) / 1000) * 1000).toISOString()
    const line = `Purchase,${time},${c.clickId ?? ''},${c.email},${c.phone ?? ''},${c.value},${c.currency}\n`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

async function sendFile(file: string, via: 'apply' | 'bulk', emulatorUrl: string, directory: string): Promise<Summary> {
  const fromSources = __filename.endsWith('.ts')
  const main = path.join(__dirname, '..', 'src', 'cli', `main${fromSources ? '.ts' : '.js'}`)
  const args = [
    ...nodeArgs(fromSources),
    main,
    'send',
    file,
    '--via',
    via,
    '--bulk-poll',
    '0',
    '--json',
    '--no-progress',
    '--rejects',
    path.join(directory, `${via}.rejects.jsonl`)
  ]
  const env = sendEnv(emulatorUrl, directory, `tokens-${via}.json`)
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-2000)))
  const [code] = await once(child, 'exit')
  const last = stdout.trim().split('\n').pop()
  if (!last) throw new Error(`msads send --via ${via} exited ${code} and printed no summary: ${stderr}`)
  const summary = JSON.parse(last) as Summary
  if (code !== 0 || summary.totals?.delivered !== summary.total) {
    throw new Error(`msads send --via ${via} exited ${code}: ${JSON.stringify(summary.totals)} ${stderr}`)
  }
  return summary
}

/**
 * The same CSV backfill through `msads send --via apply` and `--via bulk`, each in a child process against the
 * emulator in another (reset in between): requests and wall time of each path, and the check that both deliver
 * every event and leave the emulator holding each conversion once.
 */
export async function benchSendVia(events: number): Promise<SendViaFigures> {
  const emulator = await spawnEmulator()
  const directory = mkdtempSync(path.join(tmpdir(), 'msads-bench-via-'))
  try {
    const file = path.join(directory, 'backfill.csv')
    await writeCsv(file, events)
    const figures: Partial<Record<'apply' | 'bulk', Summary>> = {}
    for (const via of ['apply', 'bulk'] as const) {
      await emulator.reset()
      figures[via] = await sendFile(file, via, emulator.url, directory)
      const held = (await emulator.state()).offlineConversions.count
      if (held !== figures[via].total)
        throw new Error(`--via ${via}: the emulator holds ${held} of ${figures[via].total}`)
    }
    const { apply, bulk } = figures as Record<'apply' | 'bulk', Summary>
    return {
      via_events: events,
      via_apply_requests: apply.requests.total,
      via_apply_wall_s: Math.round(apply.durationMs / 100) / 10,
      via_bulk_requests: bulk.requests.total,
      via_bulk_wall_s: Math.round(bulk.durationMs / 100) / 10,
      via_bulk_peak_rss_mb: Math.round((bulk.peakRssBytes / 2 ** 20) * 10) / 10,
      via_path: 'msads send FILE.csv --via apply, then --via bulk, in a child process, the emulator in another'
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
    await emulator.close()
  }
}
