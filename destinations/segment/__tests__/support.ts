import nock from 'nock'
import type { Settings } from '../generated-types'

/** Shared fixtures of the Segment destination tests. Every secret is a distinct string so snapshots can mask it. */
export const SETTINGS: Settings & { developer_token: string } = {
  customer_id: '1111111',
  account_id: '2222222',
  developer_token: 'DEVTOKEN0123456789',
  client_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  client_secret: 'client~secret~value~0001',
  oauth_refresh_token: 'refresh-token-pasted-0001',
  uet_tag_id: '3333333',
  uet_capi_token: 'capi-tag-token-secret-0001',
  environment: 'production',
  consent_default: 'granted'
}

export const AUTH = { accessToken: 'access-token-platform-0001', refreshToken: 'refresh-token-stored-0001' }

export const CAMPAIGN = 'https://campaign.api.bingads.microsoft.com'
export const CAMPAIGN_PATH = '/CampaignManagement/v13'
export const CAPI = 'https://capi.uet.microsoft.com'
export const OFFLINE_APPLY = `${CAMPAIGN_PATH}/OfflineConversions/Apply`
export const OFFLINE_ADJUST = `${CAMPAIGN_PATH}/OfflineConversionAdjustments/Apply`
export const ONLINE_ADJUST = `${CAMPAIGN_PATH}/OnlineConversionAdjustments/Apply`
export const GOALS_QUERY = `${CAMPAIGN_PATH}/ConversionGoals/QueryByIds`
export const CAPI_EVENTS = `/v1/${SETTINGS.uet_tag_id}/events`
export const TOKEN_HOST = 'https://login.microsoftonline.com'
export const TOKEN_PATH = '/common/oauth2/v2.0/token'

/** The tests' clock: conversions must be within Microsoft's windows relative to it. */
export const NOW = Date.parse('2026-11-21T12:00:00.000Z')
export const CLICK_ID = 'f894f652ea334e739002f7167ab8f8e3'
export const JOHN_EMAIL_SHA256 = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'
export const PHONE_SHA256 = 'c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e'

/** Fixes the clock and forbids real network. */
export function useTestEnvironment(): void {
  let clock: jest.SpyInstance
  beforeAll(() => nock.disableNetConnect())
  beforeEach(() => {
    clock = jest.spyOn(Date, 'now').mockReturnValue(NOW)
  })
  afterEach(() => {
    clock.mockRestore()
    nock.cleanAll()
  })
  afterAll(() => nock.enableNetConnect())
}

const SECRET_NAMES: Array<[string, string]> = [
  [SETTINGS.developer_token, '<developer_token>'],
  [SETTINGS.client_secret as string, '<client_secret>'],
  [SETTINGS.oauth_refresh_token as string, '<refresh_token>'],
  [SETTINGS.uet_capi_token as string, '<uet_capi_token>'],
  [AUTH.accessToken, '<access_token>'],
  [AUTH.refreshToken, '<stored_refresh_token>']
]

/** A deep copy with every secret of the fixtures replaced by its name, for snapshots. */
export function maskSecrets<T>(value: T): T {
  let text = JSON.stringify(value)
  for (const [secret, name] of SECRET_NAMES) text = text.split(secret).join(name)
  return JSON.parse(text) as T
}

interface RecordedResponse {
  request: Request
  options: { body?: unknown }
}

/** Method, URL, headers and parsed JSON body of a request actions-core made, secrets masked. */
export function describeRequest(response: RecordedResponse): {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
} {
  const headers: Record<string, string> = {}
  response.request.headers.forEach((value, name) => {
    headers[name] = value
  })
  const raw = typeof response.options.body === 'string' ? response.options.body : ''
  return maskSecrets({
    method: response.request.method,
    url: response.request.url,
    headers,
    body: raw ? JSON.parse(raw) : undefined
  })
}
