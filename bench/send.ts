import { spawn } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import { once } from 'events'
import { tmpdir } from 'os'
import * as path from 'path'
import { spawnEmulator } from './emulator-process'
import { DEMO } from './hosts'
import { nodeArgs } from './node-args'
import { conversionStream, toSegmentEvent } from './workload'

export interface SendFigures {
  send_1m_peak_rss_mb: number
  send_events: number
  send_events_per_s: number
  send_requests_per_1000_events: number
  send_path: string
}

/** The CLI's environment: the emulator's demo account, a token file of its own, the endpoints of the emulator. */
export function sendEnv(emulatorUrl: string, directory: string, tokenFile = 'tokens.json'): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: directory,
    MSADS_API_BASE_URL: emulatorUrl,
    MSADS_CUSTOMER_ID: DEMO.customerId,
    MSADS_ACCOUNT_ID: DEMO.accountId,
    MSADS_DEVELOPER_TOKEN: DEMO.developerToken,
    MSADS_CLIENT_ID: DEMO.clientId,
    MSADS_CLIENT_SECRET: DEMO.clientSecret,
    MSADS_REFRESH_TOKEN: DEMO.refreshToken,
    MSADS_CONSENT_DEFAULT: 'granted',
    MSADS_DEFAULT_PHONE_COUNTRY: 'US',
    MSADS_TOKEN_FILE: path.join(directory, tokenFile)
  }
}

interface SendSummary {
  total: number
  totals: Record<string, number>
  requests: { total: number }
  eventsPerSecond: number
  peakRssBytes: number
}

/**
 * `msads send -` in a child process, fed `events` Segment track events as NDJSON on stdin, generated on the fly
 * so that neither side holds the input; the emulator runs in a third process, so the RSS the command reports
 * (its `peakRssBytes`, the kernel's high-water mark of its own memory, not of the bench that started it) is the
 * sender's own. Checks that every event was delivered.
 */
export async function benchSend(events: number): Promise<SendFigures> {
  const emulator = await spawnEmulator()
  const directory = mkdtempSync(path.join(tmpdir(), 'msads-bench-send-'))
  try {
    const fromSources = __filename.endsWith('.ts')
    const main = path.join(__dirname, '..', 'src', 'cli', `main${fromSources ? '.ts' : '.js'}`)
    const args = [
      ...nodeArgs(fromSources),
      main,
      'send',
      '-',
      '--json',
      '--no-progress',
      '--rejects',
      path.join(directory, 'rejects.jsonl')
    ]
    const child = spawn(process.execPath, args, {
      env: sendEnv(emulator.url, directory),
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text.slice(-4000)))
    const exited = once(child, 'exit')

    const now = Date.now()
    let chunk = ''
    let lines = 0
    for (const conversion of conversionStream(events, now)) {
      chunk += `${JSON.stringify(toSegmentEvent(conversion))}\n`
      if (++lines % 500 === 0) {
        if (!child.stdin.write(chunk)) await once(child.stdin, 'drain')
        chunk = ''
      }
    }
    child.stdin.end(chunk)
    const [code] = await exited
    const summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SendSummary
    if (code !== 0 || summary.total !== events || summary.totals?.delivered !== events) {
      throw new Error(
        `msads send exited ${code}: ${summary.totals ? JSON.stringify(summary.totals) : stdout.slice(0, 300)} ${stderr.slice(-300)}`
      )
    }
    const state = await emulator.state()
    if (state.offlineConversions.count !== events)
      throw new Error(`the emulator holds ${state.offlineConversions.count} of ${events} conversions`)
    return {
      send_1m_peak_rss_mb: Math.round((summary.peakRssBytes / 2 ** 20) * 10) / 10,
      send_events: events,
      send_events_per_s: summary.eventsPerSecond,
      send_requests_per_1000_events: Number(((summary.requests.total / events) * 1000).toFixed(3)),
      send_path:
        'msads send - (NDJSON Segment events on stdin, the destination presets) in a child process, the emulator in another'
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
    await emulator.close()
  }
}
