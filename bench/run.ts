import * as os from 'os'
import { plainText } from '../src/support/plain-text'
import { benchEmulator } from './emulator'
import { benchPeers } from './peers/peer-bench'
import { benchSend } from './send'
import { benchSendStages } from './send-mapping'
import { benchSendVia } from './send-bulk'
import { benchServeRegistry } from './serve-registry'
import { benchSideBySide } from './side-by-side'
import { benchTokenRefresh } from './token-refresh'

const USAGE = `npm run bench -- [--json] [--peers] [--no-send] [--quick] [--events N] [--rounds N] [--send-events N] [--via-events N]

  --json           one JSON object with every figure
  --peers          also Segment's published ms-bing-capi beside uetCapiEvent and trackConversion (downloads the
                   pinned @segment/action-destinations into .peers/ on first use)
  --no-send        only the side-by-side figures (and the peers with --peers): no token refresh, msads send,
                   --via, emulator or serve figures
  --quick          smaller sizes for a fast run (also BENCH_QUICK=1); figures are noisier
  --events N       generated conversions measured on each path (default 10,000; quick 2,000)
  --rounds N       alternating rounds per path (default 5; quick 2)
  --send-events N  events streamed through msads send (default 1,000,000; quick 50,000; also BENCH_SEND_EVENTS)
  --via-events N   CSV rows sent with msads send --via apply and --via bulk (default 100,000; quick 20,000)
  --only send      only the figures of msads send (send_events_per_s, send_1m_peak_rss_mb, …)
`

export interface BenchOptions {
  json: boolean
  /** `send`: only the msads send figures. */
  only?: 'send'
  peers: boolean
  /** Only the side-by-side (and peer) figures. */
  noSend: boolean
  events: number
  rounds: number
  minMs: number
  sendEvents: number
  viaEvents: number
  tokenBatchesEach: number
  emulatorBatches: number
  emulatorRounds: number
  /** Requests with unique settings sent to msads serve between its two batch timings. */
  serveRequests: number
  serveBatchSize: number
}

function flag(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`)
  if (index >= 0) return argv[index + 1]
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
}

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = Number(value.replace(/[_,]/g, ''))
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} needs a whole number above 0\n\n${USAGE}`)
  return parsed
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1'
  const only = flag(argv, 'only')
  if (only !== undefined && only !== 'send') throw new Error(`--only takes send\n\n${USAGE}`)
  return {
    json: argv.includes('--json'),
    ...(only ? { only } : {}),
    peers: argv.includes('--peers'),
    noSend: argv.includes('--no-send'),
    events: count(flag(argv, 'events'), '--events') ?? (quick ? 2_000 : 10_000),
    rounds: count(flag(argv, 'rounds'), '--rounds') ?? (quick ? 2 : 5),
    minMs: quick ? 100 : 300,
    sendEvents:
      count(flag(argv, 'send-events') ?? env.BENCH_SEND_EVENTS, '--send-events') ?? (quick ? 50_000 : 1_000_000),
    viaEvents: count(flag(argv, 'via-events'), '--via-events') ?? (quick ? 20_000 : 100_000),
    tokenBatchesEach: quick ? 3 : 10,
    emulatorBatches: quick ? 5 : 30,
    emulatorRounds: quick ? 2 : 5,
    serveRequests: quick ? 100 : 5_000,
    serveBatchSize: quick ? 100 : 1_000
  }
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model,
    node: process.version,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`
  }
}

/** `npm run bench -- --json`: one JSON object with every figure, ratios measured within the same run. */
export async function runBench(
  options: BenchOptions,
  progress: (line: string) => void = () => undefined
): Promise<Record<string, unknown>> {
  if (options.only === 'send') {
    progress(`msads send: ${options.sendEvents} events streamed through the command in a child process`)
    const send = await benchSend(options.sendEvents)
    progress('msads send stages: the Segment mapping and the core, per event')
    return { machine: machine(), ...send, ...benchSendStages() }
  }
  progress(`side by side: core, floor, Segment, RudderStack, end to end on ${options.events} events`)
  const sideBySide = await benchSideBySide({ events: options.events, rounds: options.rounds, minMs: options.minMs })
  let peers = {}
  if (options.peers) {
    progress(`peers: Segment's ms-bing-capi beside uetCapiEvent and trackConversion on ${options.events} events`)
    peers = await benchPeers({ events: options.events, rounds: options.rounds, minMs: options.minMs })
  }
  if (options.noSend) return { machine: machine(), ...sideBySide, ...peers }
  progress('token refreshes: 200 batches in flight while the token expires')
  const tokens = await benchTokenRefresh({ batchesEach: options.tokenBatchesEach })
  progress(`msads send: ${options.sendEvents} events streamed through the command in a child process`)
  const send = { ...(await benchSend(options.sendEvents)), ...benchSendStages() }
  progress(`msads send --via apply and --via bulk: a CSV backfill of ${options.viaEvents} rows`)
  const via = await benchSendVia(options.viaEvents)
  progress('emulator throughput')
  const emulator = await benchEmulator({ batches: options.emulatorBatches, rounds: options.emulatorRounds })
  progress(
    `msads serve: a ${options.serveBatchSize}-event batch fresh and after ${options.serveRequests} requests with unique settings`
  )
  const serve = await benchServeRegistry({ requests: options.serveRequests, batchSize: options.serveBatchSize })
  return { machine: machine(), ...sideBySide, ...peers, ...send, ...via, ...tokens, ...emulator, ...serve }
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) {
    process.stdout.write(USAGE)
    return
  }
  const options = parseOptions(argv)
  const results = await runBench(options, (line) => process.stderr.write(`bench: ${line}\n`))
  if (options.json) {
    process.stdout.write(`${JSON.stringify(results)}\n`)
    return
  }
  process.stdout.write(formatHuman(results))
}

/** The ratio printed beside a figure: `segment_events_per_s` with `segment_to_core_ratio`, and so on. */
function ratioBeside(key: string, results: Record<string, unknown>): string {
  const prefix = key.replace(/_(events|items)_per_s$/, '')
  const ratioKey = Object.keys(results).find((k) => k.startsWith(`${prefix}_to_`) && k.endsWith('_ratio'))
  if (!ratioKey) return ''
  const against = ratioKey.slice(prefix.length + 4, -'_ratio'.length)
  return `  ${results[ratioKey]} × ${against}`
}

export function formatHuman(results: Record<string, unknown>): string {
  const lines: string[] = []
  for (const [key, value] of Object.entries(results)) {
    if (key.endsWith('_ratio') && typeof value === 'number') continue
    const shown = typeof value === 'number' ? value.toLocaleString('en-US') : (plainText(value) ?? '')
    lines.push(
      `${key.padEnd(32)} ${typeof value === 'number' ? shown.padStart(12) : shown}${ratioBeside(key, results)}`
    )
  }
  return `${lines.join('\n')}\n`
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
}
