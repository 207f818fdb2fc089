import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { PassThrough } from 'stream'
import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../../emulator'
import { ENDPOINT_ENV } from '../../microsoft/endpoints'
import type { OriginalConversion, OriginalConversionLookup } from '../forward-log/original-conversion'
import type { CliIo } from '../io'

/** A CliIo whose output is kept in strings and whose stdin a test writes to. */
export interface MemoryIo extends CliIo {
  out(): string
  err(): string
  stdin: PassThrough
}

export function memoryIo(env: NodeJS.ProcessEnv = {}): MemoryIo {
  let out = ''
  let err = ''
  const stdin = new PassThrough()
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin,
    env,
    out: () => out,
    err: () => err
  }
}

/** The emulator's demo credentials as MSADS_* variables, with a token file in `directory`. */
export function demoEnv(directory: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { credentials } = DEFAULT_SEED
  return {
    MSADS_CUSTOMER_ID: DEFAULT_SEED.customers[0].id,
    MSADS_ACCOUNT_ID: DEFAULT_SEED.customers[0].accounts[0].id,
    MSADS_DEVELOPER_TOKEN: credentials.developerToken,
    MSADS_CLIENT_ID: credentials.clientId,
    MSADS_CLIENT_SECRET: credentials.clientSecret,
    MSADS_REFRESH_TOKEN: credentials.refreshToken,
    MSADS_CONSENT_DEFAULT: 'granted',
    MSADS_TOKEN_FILE: join(directory, 'tokens.json'),
    MSADS_FORWARD_LOG: join(directory, 'forward-log.sqlite'),
    ...extra
  }
}

/** Every demo secret, to check that none is ever printed. */
export const DEMO_SECRETS: readonly string[] = [
  DEFAULT_SEED.credentials.clientSecret,
  DEFAULT_SEED.credentials.refreshToken,
  DEFAULT_SEED.credentials.accessToken,
  DEFAULT_SEED.credentials.developerToken,
  ...DEFAULT_SEED.tags.map((tag) => tag.capiToken ?? '').filter(Boolean)
]

export function temporaryDirectory(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'msads-cli-'))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/**
 * A describe block's emulator (started once, its endpoints set for each test) and temporary directory, both removed
 * after the block.
 */
export function useEmulatorAndDirectory(): {
  directory: { path: string; remove(): void }
  emulator(): RunningEmulator
} {
  const directory = temporaryDirectory()
  let running: RunningEmulator | undefined
  const emulator = (): RunningEmulator => {
    if (!running) throw new Error('the emulator starts in beforeAll')
    return running
  }
  beforeAll(async () => {
    running = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(emulator)
  afterAll(async () => {
    await running?.close()
    directory.remove()
  })
  return { directory, emulator }
}

/** Points this process's Microsoft endpoints at an emulator, and restores them after. */
export function useEmulatorEndpoints(emulator: () => RunningEmulator): void {
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  beforeEach(() => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    process.env[ENDPOINT_ENV.all] = emulator().url
  })
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })
}

/** Requests the emulator answered for a route, whatever the status. */
export function requestCount(emulator: RunningEmulator, route: string): number {
  const byRoute = emulator.state({ records: false }).requests
  return Object.values(byRoute[route] ?? {}).reduce((sum, count) => sum + count, 0)
}

/** An Order Completed event within Microsoft's windows. */
export function orderCompleted(
  index: number,
  now = Date.now(),
  overrides: Record<string, unknown> = {}
): Record<string, unknown> {
  return {
    type: 'track',
    event: 'Order Completed',
    messageId: `message-${index}`,
    timestamp: new Date(now - 3_600_000).toISOString(),
    properties: {
      order_id: `order-${index}`,
      revenue: 10 + (index % 7),
      currency: 'USD',
      msclkid: index.toString(16).padStart(32, '0')
    },
    ...overrides
  }
}

/** A mapping actions-core cannot run: the key and the directive at fault, as the caller should be told. */
export const INVALID_MAPPINGS: Array<{ mapping: Record<string, unknown>; names: string[] }> = [
  { mapping: { conversion_name: { '@foo': 1 } }, names: ['/conversion_name', '@foo'] },
  { mapping: { conversion_name: { '@path': null } }, names: ['/conversion_name', '@path'] },
  { mapping: { conversion_name: { '@liquid': '{{' } }, names: ['/conversion_name', '@liquid'] },
  { mapping: { '@foo': 1 }, names: ['@foo'] }
]

/** The forward log's lookup as tests fill it: what Microsoft accepted, by order id and account. */
export class MemoryOriginals implements OriginalConversionLookup {
  private readonly byOrder = new Map<string, OriginalConversion[]>()

  add(orderId: string, original: OriginalConversion): void {
    this.byOrder.set(orderId, [...(this.byOrder.get(orderId) ?? []), original])
  }

  findByOrderId(orderId: string, account?: string): OriginalConversion[] {
    return (this.byOrder.get(orderId) ?? []).filter((original) => original.account === account)
  }
}

/** The offline conversions (or adjustments) the emulator stored for an account, as Microsoft received them. */
export function storedRecords(
  emulator: RunningEmulator,
  kind: 'offlineConversions' | 'offlineConversionAdjustments' | 'onlineConversionAdjustments',
  accountId: string = DEFAULT_SEED.customers[0].accounts[0].id
): Array<Record<string, string | number>> {
  const records = (emulator.state()[kind].records ?? {}) as Record<
    string,
    Array<{ item: Record<string, string | number> }>
  >
  return (records[accountId] ?? []).map((record) => record.item)
}

/** A time `ms` before now in whole seconds, as every time that reaches Microsoft. */
export function wholeSecondsAgo(ms: number): string {
  return new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString()
}

/** POSTs JSON (or `raw` text) to a started server and reads the answer, as JSON when it is JSON. */
export async function postJson(
  url: string,
  body: unknown,
  raw?: string
): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body)
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text }
}
