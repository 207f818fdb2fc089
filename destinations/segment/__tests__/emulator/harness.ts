import { createTestEvent } from '@segment/actions-core'
import type { JSONObject, OAuth2ClientCredentials, SegmentEvent } from '@segment/actions-core'
import nock from 'nock'
import { ENDPOINT_ENV } from 'msads-conversions'
import { DEFAULT_SEED, startEmulator } from '../../../../src/emulator'
import type { RunningEmulator, StartEmulatorOptions, StateSnapshot } from '../../../../src/emulator'
import type { Settings } from '../../generated-types'

/**
 * Full-path tests of the Segment destination against the embedded Microsoft Advertising emulator: real HTTP from
 * actions-core's request client to a local twin of the identity platform, Campaign Management and the UET
 * Conversions API, pointed at by MSADS_API_BASE_URL.
 */

export interface EmulatorHarness {
  emulator: RunningEmulator
  /** The destination settings for the emulator's demo customer, account and tag. */
  settings: Settings
}

/** The destination settings the emulator's seed accepts (no pasted CAPI token unless asked). */
export function emulatorSettings(emulator: RunningEmulator, overrides: Partial<Settings> = {}): Settings {
  const seed = emulator.seed()
  const customer = seed.customers[0]
  const tag = seed.tags[0]
  return {
    customer_id: customer.id,
    account_id: customer.accounts[0].id,
    developer_token: seed.credentials.developerToken,
    client_id: seed.credentials.clientId,
    client_secret: seed.credentials.clientSecret,
    oauth_refresh_token: seed.credentials.refreshToken,
    uet_tag_id: tag.id,
    uet_capi_token: tag.capiToken ?? undefined,
    environment: 'production',
    consent_default: 'granted',
    ...overrides
  }
}

/**
 * One emulator for the test file: started on a free port before the tests, closed after them, reset to its
 * startup seed before each test. While it runs,
 * MSADS_API_BASE_URL points every Microsoft endpoint at it, and nock lets only loopback traffic through, so a
 * request that missed the emulator fails instead of reaching Microsoft.
 */
export function useEmulator(options: StartEmulatorOptions = {}): EmulatorHarness {
  const harness = {} as EmulatorHarness
  const previousBaseUrl = process.env[ENDPOINT_ENV.all]
  beforeAll(async () => {
    if (nock.isActive()) nock.enableNetConnect((host) => host.startsWith('127.0.0.1:') || host === '127.0.0.1')
    harness.emulator = await startEmulator({ ...options, port: 0 })
    process.env[ENDPOINT_ENV.all] = harness.emulator.url
    harness.settings = emulatorSettings(harness.emulator)
  })
  beforeEach(() => {
    harness.emulator.reset({ toStartupSeed: true })
  })
  afterAll(async () => {
    if (previousBaseUrl === undefined) delete process.env[ENDPOINT_ENV.all]
    else process.env[ENDPOINT_ENV.all] = previousBaseUrl
    await harness.emulator?.close()
    nock.enableNetConnect()
  })
  return harness
}

/** Segment's app registration for the OAuth connection: the app the emulator's seed registers. */
const SEGMENT_APP = { clientId: DEFAULT_SEED.credentials.clientId, clientSecret: DEFAULT_SEED.credentials.clientSecret }

/** What Segment's platform hands refreshAccessToken: its OAuth app and the tokens it keeps. */
export function segmentOAuth(tokens: { accessToken?: string; refreshToken: string }): OAuth2ClientCredentials {
  return { ...SEGMENT_APP, accessToken: tokens.accessToken ?? '', refreshToken: tokens.refreshToken }
}

/** What Segment's platform passes to onEvent/onBatch: settings, the OAuth tokens it keeps, one subscription. */
export function platformSettings(
  settings: Settings,
  subscription: { partnerAction: string; mapping: JSONObject; subscribe?: string },
  oauth?: { accessToken: string; refreshToken: string }
): JSONObject {
  return {
    ...settings,
    ...(oauth ? { oauth: { access_token: oauth.accessToken, refresh_token: oauth.refreshToken, ...SEGMENT_APP } } : {}),
    subscriptions: [
      {
        subscribe: subscription.subscribe ?? 'type = "track" or type = "page"',
        partnerAction: subscription.partnerAction,
        mapping: subscription.mapping
      }
    ]
  }
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/**
 * An ISO-8601 UTC time `ms` before now (the emulator and the core read the real clock), in whole seconds: the one
 * precision of every time that reaches Microsoft, so the time sent is the time given.
 */
export function isoAgo(ms: number): string {
  return new Date(Math.floor((Date.now() - ms) / 1000) * 1000).toISOString()
}

/** A distinct valid Microsoft click id (32 hex digits) for event n. */
export function clickId(n: number): string {
  return `c1c${n.toString(16).padStart(29, '0')}`
}

/** An "Order Completed" track event of an hour ago, with click id n, revenue and an order id. */
export function orderCompleted(
  n: number,
  properties: Record<string, unknown> = {},
  overrides: Partial<SegmentEvent> = {}
): SegmentEvent {
  return createTestEvent({
    type: 'track',
    event: 'Order Completed',
    messageId: `message-${n}`,
    userId: `user-${n}`,
    timestamp: isoAgo(HOUR),
    properties: { order_id: `order-${n}`, revenue: 10 + n, currency: 'USD', msclkid: clickId(n), ...properties },
    context: { traits: {} },
    ...overrides
  })
}

/** The multistatus statuses of the one subscription of an onBatch result. */
export function statusesOf(results: Array<{ multistatus?: Array<{ status: number }> }>): number[] {
  const entries = results[0]?.multistatus
  if (!entries) throw new Error(`expected a multistatus result, got ${JSON.stringify(results)}`)
  return entries.map((entry) => entry.status)
}

type RecordKind = 'offlineConversions' | 'offlineConversionAdjustments' | 'onlineConversionAdjustments' | 'capiEvents'

/** The items the emulator accepted and stored, of one kind, for one scope (account id; tag id for CAPI). */
export function storedItems<T = Record<string, unknown>>(
  emulator: RunningEmulator,
  kind: RecordKind,
  scope: string
): T[] {
  const records = emulator.state()[kind].records
  return (records?.[scope] ?? []).map((record) => record.item as T)
}

export interface EmulatorGoal {
  Id: string
  Name: string
  [field: string]: unknown
}

/** The goals the emulator holds now, as Microsoft would show them (every additional field included). */
export function goalsOf(emulator: RunningEmulator): EmulatorGoal[] {
  return emulator.state({ records: false }).goals as unknown as EmulatorGoal[]
}

/** How many requests reached an emulator route (a Campaign operation name, 'token' or 'capi'), by HTTP status. */
export function requestsTo(state: StateSnapshot, route: string): Record<string, number> {
  return state.requests[route] ?? {}
}

/** Every request the emulator answered, whatever the route or status. */
export function totalRequests(state: StateSnapshot): number {
  return Object.values(state.requests).reduce(
    (sum, byStatus) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0),
    0
  )
}
