import { createServer, type Server } from 'http'
import type { AddressInfo } from 'net'
import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../src/emulator'

/**
 * How fast the emulator takes offline conversions (1,000-item Apply calls) and CAPI events (1,000-event requests).
 * Client and server share this one process, as in a soak where the command line embeds the emulator, so the
 * figures are floors. `echo` is the same traffic against a bare node:http server that only parses the JSON: the
 * ratio to it is what the emulator's rules and bookkeeping cost, and holds on a noisy machine.
 */
export interface EmulatorFigures {
  emulator_items_per_s: number
  emulator_capi_events_per_s: number
  echo_items_per_s: number
  emulator_to_echo_ratio: number
  emulator_batch_size: number
  emulator_concurrency: number
}

export interface EmulatorBenchOptions {
  /** Requests per round. */
  batches?: number
  rounds?: number
  concurrency?: number
}

const BATCH_SIZE = 1000

function offlineBodies(round: number, batches: number, now: number): string[] {
  const time = new Date(now - 3_600_000).toISOString()
  return Array.from({ length: batches }, (_, batch) =>
    JSON.stringify({
      OfflineConversions: Array.from({ length: BATCH_SIZE }, (_, i) => ({
        ConversionCurrencyCode: 'USD',
        ConversionName: 'Purchase',
        ConversionTime: time,
        ConversionValue: 42.5,
        MicrosoftClickId: ((round * batches + batch) * BATCH_SIZE + i).toString(16).padStart(32, '0')
      }))
    })
  )
}

function capiBodies(round: number, batches: number, now: number): string[] {
  const eventTime = Math.floor(now / 1000) - 60
  return Array.from({ length: batches }, (_, batch) =>
    JSON.stringify({
      data: Array.from({ length: BATCH_SIZE }, (_, i) => ({
        eventType: 'custom',
        eventId: `r${round}-b${batch}-e${i}`,
        eventName: 'purchase',
        eventTime,
        userData: {
          em: 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602',
          clientIpAddress: '203.0.113.7'
        },
        customData: { value: 42.5, currency: 'USD', transactionId: `t${round}-${batch}-${i}` }
      })),
      continueOnValidationError: true,
      dataProvider: 'msads-conversions'
    })
  )
}

/** Sends every body, `concurrency` at a time; returns the items/s of the whole run. */
async function sendAll(
  url: string,
  headers: Record<string, string>,
  bodies: string[],
  concurrency: number,
  accepted: (json: unknown) => number
): Promise<number> {
  let next = 0
  let items = 0
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const body = bodies[next++]
      const response = await fetch(url, { method: 'POST', headers, body })
      const json = await response.json()
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${JSON.stringify(json).slice(0, 200)}`)
      items += accepted(json)
    }
  }
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: concurrency }, worker))
  return items / (Number(process.hrtime.bigint() - started) / 1e9)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The floor: read the body, parse it, answer an empty PartialErrors. */
async function startEcho(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'))
      response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      response.end('{"PartialErrors":[]}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

function allAccepted(json: unknown): number {
  const errors = (json as { PartialErrors: unknown[] }).PartialErrors.length
  if (errors) throw new Error(`${errors} items were refused`)
  return BATCH_SIZE
}

export async function benchEmulator(options: EmulatorBenchOptions = {}): Promise<EmulatorFigures> {
  const batches = options.batches ?? 30
  const rounds = options.rounds ?? 5
  const concurrency = options.concurrency ?? 4
  const emulator: RunningEmulator = await startEmulator()
  const echo = await startEcho()
  try {
    const { credentials, customers, tags } = DEFAULT_SEED
    const campaignHeaders = {
      Authorization: `Bearer ${credentials.accessToken}`,
      DeveloperToken: credentials.developerToken,
      CustomerId: customers[0].id,
      CustomerAccountId: customers[0].accounts[0].id,
      'Content-Type': 'application/json'
    }
    const capiHeaders = { Authorization: `Bearer ${tags[0].capiToken}`, 'Content-Type': 'application/json' }
    const applyUrl = `${emulator.url}/CampaignManagement/v13/OfflineConversions/Apply`
    const capiUrl = `${emulator.url}/v1/${tags[0].id}/events`
    const now = Date.now()

    const samples = { offline: [] as number[], echo: [] as number[], capi: [] as number[] }
    // Round 0 warms the JIT and is not counted; the workloads alternate so that drift hits them alike.
    for (let round = 0; round <= rounds; round++) {
      emulator.reset()
      const offline = await sendAll(
        applyUrl,
        campaignHeaders,
        offlineBodies(round, batches, now),
        concurrency,
        allAccepted
      )
      const floor = await sendAll(
        `${echo.url}/CampaignManagement/v13/OfflineConversions/Apply`,
        campaignHeaders,
        offlineBodies(round, batches, now),
        concurrency,
        allAccepted
      )
      const capi = await sendAll(
        capiUrl,
        capiHeaders,
        capiBodies(round, batches, now),
        concurrency,
        (json) => (json as { eventsReceived: number }).eventsReceived
      )
      if (round === 0) continue
      samples.offline.push(offline)
      samples.echo.push(floor)
      samples.capi.push(capi)
    }
    const offline = median(samples.offline)
    const floor = median(samples.echo)
    return {
      emulator_items_per_s: Math.round(offline),
      emulator_capi_events_per_s: Math.round(median(samples.capi)),
      echo_items_per_s: Math.round(floor),
      emulator_to_echo_ratio: Math.round((offline / floor) * 100) / 100,
      emulator_batch_size: BATCH_SIZE,
      emulator_concurrency: concurrency
    }
  } finally {
    await emulator.close()
    echo.server.closeAllConnections()
    await new Promise((resolve) => echo.server.close(resolve))
  }
}

if (require.main === module) {
  benchEmulator()
    .then((figures) => {
      if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(figures)}\n`)
      else for (const [key, value] of Object.entries(figures)) process.stdout.write(`${key.padEnd(28)} ${value}\n`)
    })
    .catch((error) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = 1
    })
}
