import nock from 'nock'
import { refreshWithGrant, type OAuthClientCredentials } from '../oauth/token-client'
import { OAuthError } from '../oauth/token-endpoint'
import { TokenManager, type RefreshTokenStore } from '../oauth/token-manager'

const TOKEN_HOST = 'https://login.microsoftonline.com'
const TOKEN_PATH = '/common/oauth2/v2.0/token'
const credentials: OAuthClientCredentials = {
  clientId: 'client-123',
  clientSecret: 'client-secret-value',
  refreshToken: 'refresh-token-original'
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

function grantBody(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body))
}

describe('refresh-token grant', () => {
  it('posts the form with the msads.manage scope and returns the rotated refresh token', async () => {
    let form: Record<string, string> = {}
    nock(TOKEN_HOST)
      .post(TOKEN_PATH, (body: string) => {
        form = grantBody(body)
        return true
      })
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { token_type: 'Bearer', expires_in: 3599, access_token: 'access-1', refresh_token: 'refresh-2' })
    const tokens = await refreshWithGrant(credentials, { now: () => 1_000 })
    expect(form).toEqual({
      client_id: 'client-123',
      client_secret: 'client-secret-value',
      grant_type: 'refresh_token',
      refresh_token: 'refresh-token-original',
      scope: 'https://ads.microsoft.com/msads.manage offline_access'
    })
    expect(tokens).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-2', expiresAt: 1_000 + 3_599_000 })
  })

  it('uses the sandbox scope for the sandbox', async () => {
    let scope = ''
    nock(TOKEN_HOST)
      .post(TOKEN_PATH, (body: string) => {
        scope = grantBody(body).scope
        return true
      })
      .reply(200, { access_token: 'a', expires_in: 10 })
    await refreshWithGrant({ ...credentials, environment: 'sandbox' })
    expect(scope).toBe('https://si.ads.microsoft.com/msads.manage offline_access')
  })

  it.each([
    [
      400,
      {
        error: 'invalid_grant',
        error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
        error_codes: [700082]
      },
      'auth',
      /expired after 90 days.*Sign in again/
    ],
    [
      401,
      {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215]
      },
      'auth',
      /not a valid secret of this app registration.*Value \(not its Secret ID\)/
    ],
    [
      400,
      {
        error: 'invalid_grant',
        error_description: 'AADSTS70000: The provided value for the input parameter is not valid.',
        error_codes: [70000]
      },
      'auth',
      /expired or been revoked.*Sign in again/
    ],
    [
      400,
      { error: 'invalid_grant', error_description: 'The refresh token was refused.' },
      'auth',
      /^The refresh token has expired or been revoked \(invalid_grant\)\. Sign in again/
    ],
    [
      400,
      {
        error: 'invalid_grant',
        error_description: 'AADSTS65001: The user or administrator has not consented.',
        error_codes: [65001]
      },
      'auth',
      /not consented/
    ],
    [
      400,
      { error: 'invalid_client', error_description: 'AADSTS7000222: The provided client secret keys are expired.' },
      'auth',
      /client secret has expired/
    ],
    [503, {}, 'retry', /HTTP 503/]
  ])('explains HTTP %i %j in plain language', async (status, body, kind, message) => {
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(status, body)
    const error = (await refreshWithGrant(credentials).catch((e) => e)) as OAuthError
    expect(error).toBeInstanceOf(OAuthError)
    expect(error.outcome.outcome).toBe(kind)
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain('client-secret-value')
    expect(error.message).not.toContain('refresh-token-original')
  })

  it("waits as long as the identity platform's Retry-After says when it throttles", async () => {
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(429, '', { 'Retry-After': '7' })
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(429, '')
    const told = (await refreshWithGrant(credentials).catch((e) => e)) as OAuthError
    expect(told.outcome).toMatchObject({ outcome: 'retry', status: 429, retryAfterSeconds: 7 })
    const untold = (await refreshWithGrant(credentials).catch((e) => e)) as OAuthError
    expect(untold.outcome).toMatchObject({ outcome: 'retry', status: 429, retryAfterSeconds: 60 })
  })

  it('marks invalid_grant as inactive so hosts stop and ask for a new sign-in', async () => {
    nock(TOKEN_HOST)
      .post(TOKEN_PATH)
      .reply(400, { error: 'invalid_grant', error_codes: [70008] })
    const error = (await refreshWithGrant(credentials).catch((e) => e)) as OAuthError
    expect(error.outcome).toMatchObject({ outcome: 'auth', authAction: 'inactive', reason: 'invalid_grant' })
  })
})

describe('TokenManager', () => {
  it('makes exactly one refresh for 50 concurrent callers', async () => {
    const scope = nock(TOKEN_HOST)
      .post(TOKEN_PATH)
      .delay(30)
      .reply(200, { access_token: 'shared-access', refresh_token: 'r2', expires_in: 3600 })
    let refreshes = 0
    const manager = new TokenManager({ onRefresh: () => refreshes++ })
    const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.getAccessToken(credentials)))
    expect(new Set(tokens)).toEqual(new Set(['shared-access']))
    expect(refreshes).toBe(1)
    expect(scope.isDone()).toBe(true)
  })

  it('keys its cache on every credential: another client secret never gets the cached token', async () => {
    const secrets: string[] = []
    nock(TOKEN_HOST)
      .post(TOKEN_PATH, (body: string) => {
        secrets.push(grantBody(body).client_secret)
        return true
      })
      .reply(200, { access_token: 'right-access', refresh_token: 'refresh-2', expires_in: 3600 })
      .post(TOKEN_PATH)
      .reply(401, { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' })
    const manager = new TokenManager()
    expect(await manager.getAccessToken(credentials)).toBe('right-access')
    await expect(manager.getAccessToken({ ...credentials, clientSecret: 'a-wrong-secret' })).rejects.toBeInstanceOf(
      OAuthError
    )
    expect(secrets).toEqual(['client-secret-value'])
    expect(await manager.getAccessToken(credentials)).toBe('right-access')
  })

  it('serves from the cache until shortly before expiry, then refreshes with the rotated token', async () => {
    let now = 0
    const seen: string[] = []
    nock(TOKEN_HOST)
      .post(TOKEN_PATH, (body: string) => {
        seen.push(grantBody(body).refresh_token)
        return true
      })
      .times(2)
      .reply(200, () => {
        const n = seen.length
        return { access_token: `access-${n}`, refresh_token: `refresh-${n + 1}`, expires_in: 3600 }
      })
    const manager = new TokenManager({ now: () => now, skewMs: 60_000 })
    expect(await manager.getAccessToken(credentials)).toBe('access-1')
    now = 3_000_000
    expect(await manager.getAccessToken(credentials)).toBe('access-1')
    now = 3_560_000
    expect(await manager.getAccessToken(credentials)).toBe('access-2')
    expect(seen).toEqual(['refresh-token-original', 'refresh-2'])
    expect(manager.currentRefreshToken(credentials)).toBe('refresh-3')
  })

  it('persists the rotated refresh token and uses the stored one on a fresh start', async () => {
    const saved = new Map<string, string>()
    const store: RefreshTokenStore = {
      load: async (c) => saved.get(c.clientId),
      save: async (c, token) => void saved.set(c.clientId, token)
    }
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(200, { access_token: 'a1', refresh_token: 'rotated-1', expires_in: 3600 })
    await new TokenManager({ store }).getAccessToken(credentials)
    expect(saved.get('client-123')).toBe('rotated-1')

    let used = ''
    nock(TOKEN_HOST)
      .post(TOKEN_PATH, (body: string) => {
        used = grantBody(body).refresh_token
        return true
      })
      .reply(200, { access_token: 'a2', refresh_token: 'rotated-2', expires_in: 3600 })
    await new TokenManager({ store }).getAccessToken(credentials)
    expect(used).toBe('rotated-1')
    expect(saved.get('client-123')).toBe('rotated-2')
  })

  it('refreshes once after many concurrent failures with the same stale token', async () => {
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(200, { access_token: 'old', refresh_token: 'r1', expires_in: 3600 })
    nock(TOKEN_HOST)
      .post(TOKEN_PATH)
      .delay(20)
      .reply(200, { access_token: 'new', refresh_token: 'r2', expires_in: 3600 })
    let refreshes = 0
    const manager = new TokenManager({ onRefresh: () => refreshes++ })
    const stale = await manager.getAccessToken(credentials)
    const renewed = await Promise.all(Array.from({ length: 20 }, () => manager.refreshAfterFailure(credentials, stale)))
    expect(new Set(renewed)).toEqual(new Set(['new']))
    expect(refreshes).toBe(2)
    expect(await manager.refreshAfterFailure(credentials, stale)).toBe('new')
    expect(refreshes).toBe(2)
  })
})
