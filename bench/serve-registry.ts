import { DEFAULT_SEED } from '../src/emulator/seed'
import { ENDPOINT_ENV } from '../src/microsoft/endpoints'
import { startServe } from '../src/cli/serve/start-serve'
import { processSecretCount } from '../src/support/redact'
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'

export interface ServeRegistryFigures {
  serve_fresh_batch_ms: number
  serve_after_unique_settings_batch_ms: number
  serve_after_to_fresh_ratio: number
  serve_unique_settings_requests: number
  serve_process_secrets_growth: number
}

let nextClick = 1

function batch(size: number, now: number): Record<string, unknown>[] {
  return Array.from({ length: size }, () => {
    const index = nextClick++
    return {
      type: 'track',
      event: 'Order Completed',
      messageId: `bench-serve-${index}`,
      timestamp: new Date(now - 3_600_000).toISOString(),
      properties: {
        order_id: `bench-serve-${index}`,
        revenue: 10,
        currency: 'USD',
        msclkid: index.toString(16).padStart(32, 'b')
      }
    }
  })
}

async function post(url: string, body: unknown): Promise<number> {
  const started = process.hrtime.bigint()
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
  await response.text()
  if (response.status !== 200) throw new Error(`msads serve answered ${response.status}`)
  return Number(process.hrtime.bigint() - started) / 1e6
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Issue 13's check of scoped redaction: the latency of a `batchSize`-event batch through `msads serve` (embedded
 * emulator) on a fresh server, and again after `requests` requests that each bring unique settings (a unique
 * developer token, which the emulator refuses). With a process-wide secret list the second figure grew without
 * bound; with request scopes the ratio stays near 1 and the registry does not grow.
 */
export async function benchServeRegistry(
  options: { requests?: number; batchSize?: number; rounds?: number } = {}
): Promise<ServeRegistryFigures> {
  const requests = options.requests ?? 5_000
  const batchSize = options.batchSize ?? 1_000
  const rounds = options.rounds ?? 3
  const directory = mkdtempSync(join(tmpdir(), 'msads-bench-serve-'))
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
  const serve = await startServe({
    port: 0,
    env: { MSADS_TOKEN_FILE: join(directory, 'tokens.json'), LOG_LEVEL: 'silent' }
  })
  try {
    const url = `${serve.url}/actions/trackConversion`
    const timed = async (): Promise<number> => {
      const times: number[] = []
      for (let round = 0; round < rounds; round += 1)
        times.push(await post(url, { payloads: batch(batchSize, Date.now()) }))
      return median(times)
    }
    await post(url, { payloads: batch(10, Date.now()) })
    const fresh = await timed()
    const secretsBefore = processSecretCount()
    const { credentials } = DEFAULT_SEED
    const settings = (index: number) => ({
      customer_id: DEFAULT_SEED.customers[0].id,
      account_id: DEFAULT_SEED.customers[0].accounts[0].id,
      developer_token: `bench-unique-developer-token-${index}`,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: credentials.refreshToken,
      consent_default: 'granted'
    })
    const inFlight = 8
    for (let start = 0; start < requests; start += inFlight) {
      const count = Math.min(inFlight, requests - start)
      await Promise.all(
        Array.from({ length: count }, (_, offset) =>
          post(url, { payload: batch(1, Date.now())[0], settings: settings(start + offset) })
        )
      )
    }
    const after = await timed()
    return {
      serve_fresh_batch_ms: Math.round(fresh),
      serve_after_unique_settings_batch_ms: Math.round(after),
      serve_after_to_fresh_ratio: Math.round((after / fresh) * 100) / 100,
      serve_unique_settings_requests: requests,
      serve_process_secrets_growth: processSecretCount() - secretsBefore
    }
  } finally {
    await serve.close()
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
    rmSync(directory, { recursive: true, force: true })
  }
}
