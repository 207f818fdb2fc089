import { DEFAULT_SEED, startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../index'

export const SEED = DEFAULT_SEED
export const CREDENTIALS = DEFAULT_SEED.credentials
export const CUSTOMER_ID = DEFAULT_SEED.customers[0].id
export const ACCOUNT_ID = DEFAULT_SEED.customers[0].accounts[0].id
export const TAG_ID = DEFAULT_SEED.tags[0].id
export const CAPI_TOKEN = DEFAULT_SEED.tags[0].capiToken as string
export const ADS_SCOPE = 'https://ads.microsoft.com/msads.manage offline_access'
export const CLICK_ID = 'f894f652ea334e739002f7167ab8f8e3'
export const SHA_EMAIL = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'
export const SHA_PHONE = 'c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e'
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A clock the test moves by hand. */
export class Clock {
  constructor(public time = Date.now()) {}
  now = (): number => this.time
  advance(ms: number): void {
    this.time += ms
  }
}

export interface Harness {
  emulator: RunningEmulator
  url: string
}

/** Starts an emulator for a describe block and closes it afterwards. */
export function useEmulator(options: StartEmulatorOptions = {}): Harness {
  const harness = {} as Harness
  beforeAll(async () => {
    harness.emulator = await startEmulator(options)
    harness.url = harness.emulator.url
  })
  beforeEach(() => harness.emulator.reset({ toStartupSeed: true }))
  afterAll(async () => harness.emulator.close())
  return harness
}

export function isoAgo(ms: number, now = Date.now()): string {
  return new Date(now - ms).toISOString()
}

export const HOUR = 3_600_000
export const DAY = 86_400_000

export function campaignHeaders(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const headers: Record<string, string | undefined> = {
    Authorization: `Bearer ${CREDENTIALS.accessToken}`,
    DeveloperToken: CREDENTIALS.developerToken,
    CustomerId: CUSTOMER_ID,
    CustomerAccountId: ACCOUNT_ID,
    'Content-Type': 'application/json',
    ...overrides
  }
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
}

export interface JsonAnswer {
  status: number
  headers: Headers
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any
  text: string
}

async function answer(response: Response): Promise<JsonAnswer> {
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, body, text }
}

/** POST to a Campaign Management route (`OfflineConversions/Apply`…) with the seed's headers unless overridden. */
export async function campaign(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string | undefined> = {}
): Promise<JsonAnswer> {
  const response = await fetch(`${url}/CampaignManagement/v13/${path}`, {
    method: 'POST',
    headers: campaignHeaders(headers),
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return answer(response)
}

export async function capi(
  url: string,
  body: unknown,
  options: { tagId?: string; token?: string | null } = {}
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const token = options.token === undefined ? CAPI_TOKEN : options.token
  if (token !== null) headers.Authorization = `Bearer ${token}`
  const response = await fetch(`${url}/v1/${options.tagId ?? TAG_ID}/events`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })
  return answer(response)
}

export async function token(url: string, form: Record<string, string>, tenant = 'common'): Promise<JsonAnswer> {
  const response = await fetch(`${url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString()
  })
  return answer(response)
}

export function refreshForm(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const form: Record<string, string | undefined> = {
    client_id: CREDENTIALS.clientId,
    client_secret: CREDENTIALS.clientSecret,
    grant_type: 'refresh_token',
    refresh_token: CREDENTIALS.refreshToken,
    scope: ADS_SCOPE,
    ...overrides
  }
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

export async function control(url: string, method: string, path: string, body?: unknown): Promise<JsonAnswer> {
  const response = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  return answer(response)
}

/** A valid offline conversion of the seed's "Purchase" goal, one hour old. */
export function conversion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ConversionCurrencyCode: 'USD',
    ConversionName: 'Purchase',
    ConversionTime: isoAgo(HOUR),
    ConversionValue: 25.5,
    MicrosoftClickId: CLICK_ID,
    ...overrides
  }
}

/** A distinct valid click id for item n. */
export function clickId(n: number): string {
  return n.toString(16).padStart(32, '0')
}

export function epochSeconds(msAgo = 0): number {
  return Math.floor((Date.now() - msAgo) / 1000)
}

/** A valid CAPI custom event. */
export function capiEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventType: 'custom',
    eventId: 'evt-1',
    eventName: 'purchase',
    eventTime: epochSeconds(60_000),
    userData: { em: SHA_EMAIL },
    ...overrides
  }
}

/** The codes of a PartialErrors list, by index. */
export function codesByIndex(errors: Array<{ Index: number; Code: number }>): Record<number, number> {
  return Object.fromEntries(errors.map((error) => [error.Index, error.Code]))
}

/** The default seed as GET /__emulator/seed answers it. */
export const DEFAULT_SEED_COPY = JSON.parse(JSON.stringify(DEFAULT_SEED))
