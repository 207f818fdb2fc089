import nock from 'nock'
import { CampaignClient } from '../campaign-client'
import { TokenManager } from '../oauth/token-manager'
import { oauthTokenSource } from '../token-source'
import type { OfflineConversion } from '../models'

const BASE = 'https://campaign.api.bingads.microsoft.com'
const PATH = '/CampaignManagement/v13/OfflineConversions/Apply'
const GOALS_PATH = '/CampaignManagement/v13/ConversionGoals/QueryByIds'
const auth = { accessToken: 'access-token-abc', developerToken: 'dev-token-xyz', customerId: '1111', accountId: '2222' }
const CREDENTIALS = {
  clientId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  clientSecret: 'secret',
  refreshToken: 'refresh'
}
const EXPIRED = {
  TrackingId: 't',
  Type: 'AdApiFaultDetail',
  Errors: [{ Code: 109, Detail: null, ErrorCode: 'AuthenticationTokenExpired', Message: 'expired' }]
}

function records(count: number): OfflineConversion[] {
  return Array.from({ length: count }, (_, i) => ({
    ConversionName: 'Purchase',
    ConversionTime: '2026-11-21T10:00:00.000Z',
    MicrosoftClickId: i.toString(16).padStart(32, '0')
  }))
}

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

describe('CampaignClient', () => {
  it('sends 2,500 items as 1,000 + 1,000 + 500 with the Microsoft headers', async () => {
    const sizes: number[] = []
    nock(BASE, {
      reqheaders: {
        authorization: 'Bearer access-token-abc',
        developertoken: 'dev-token-xyz',
        customerid: '1111',
        customeraccountid: '2222',
        'content-type': 'application/json'
      }
    })
      .post(PATH, (body: { OfflineConversions: unknown[] }) => {
        sizes.push(body.OfflineConversions.length)
        return true
      })
      .times(3)
      .reply(200, { PartialErrors: [] }, { TrackingId: 'trk' })

    const outcomes = await new CampaignClient({ auth, concurrency: 1 }).applyOfflineConversions(records(2500))
    expect(sizes).toEqual([1000, 1000, 500])
    expect(outcomes).toHaveLength(2500)
    expect(outcomes.every((o) => o.outcome === 'delivered' && o.trackingId === 'trk')).toBe(true)
  })

  it('maps partial errors of the second chunk back to the right items', async () => {
    nock(BASE).post(PATH).reply(200, { PartialErrors: [] })
    nock(BASE)
      .post(PATH)
      .reply(200, {
        PartialErrors: [
          { Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 3, Message: 'no goal', Type: 'BatchError' }
        ]
      })
    const outcomes = await new CampaignClient({ auth, concurrency: 1 }).applyOfflineConversions(records(1010))
    const failed = outcomes.flatMap((o, i) => (o.outcome === 'rejected' ? [i] : []))
    expect(failed).toEqual([1003])
    expect(outcomes[1003].message).toContain('conversion name "Purchase"')
  })

  it('names the conversion name of a refused item, redacted: a mapping mistake can put an email there', async () => {
    nock(BASE)
      .post(PATH)
      .reply(200, {
        PartialErrors: [
          { Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 0, Message: 'no goal', Type: 'BatchError' }
        ]
      })
    const [outcome] = await new CampaignClient({ auth }).applyOfflineConversions([
      { ...records(1)[0], ConversionName: 'Jane.Doe@Example.org' }
    ])
    expect(outcome.message).toBe('no goal. (conversion name "[email]")')
  })

  it('refreshes a refused token once per call through its TokenSource: Apply chunks and queries alike', async () => {
    const tokenRequests: string[] = []
    let issued = 0
    let identityDown = false
    nock('https://login.microsoftonline.com')
      .persist()
      .post('/common/oauth2/v2.0/token', (body: string) => {
        tokenRequests.push(new URLSearchParams(body).get('refresh_token') ?? '')
        return true
      })
      .reply(() =>
        identityDown
          ? [503, 'Service Unavailable']
          : [200, { access_token: `token-${++issued}`, refresh_token: 'rotated', expires_in: 3599 }]
      )
    const size = (n: number) => (body: { OfflineConversions: unknown[] }) => body.OfflineConversions.length === n
    // Both chunks go out with token-1; the answer to the second arrives after the first chunk's refresh is done,
    // so it reuses token-2 instead of refreshing again.
    nock(BASE).post(PATH, size(1000)).matchHeader('authorization', 'Bearer token-1').reply(401, EXPIRED)
    nock(BASE).post(PATH, size(5)).matchHeader('authorization', 'Bearer token-1').delay(300).reply(401, EXPIRED)
    nock(BASE).post(PATH).matchHeader('authorization', 'Bearer token-2').times(2).reply(200, { PartialErrors: [] })
    const tokens = new TokenManager()
    const client = new CampaignClient({ auth: { ...auth, accessToken: oauthTokenSource(tokens, CREDENTIALS) } })

    const outcomes = await client.applyOfflineConversions(records(1005))
    expect(outcomes.every((o) => o.outcome === 'delivered')).toBe(true)
    expect(tokenRequests).toEqual(['refresh', 'rotated'])

    // A query refused with the token in hand: one refresh, the call made once more with the new token.
    nock(BASE).post(GOALS_PATH).matchHeader('authorization', 'Bearer token-2').reply(401, EXPIRED)
    nock(BASE).post(GOALS_PATH).matchHeader('authorization', 'Bearer token-3').reply(200, { ConversionGoals: [] })
    await expect(client.getConversionGoals()).resolves.toEqual([])
    expect(tokenRequests).toHaveLength(3)

    // Refused again after the refresh: never a second refresh for the same call.
    nock(BASE).post(GOALS_PATH).matchHeader('authorization', 'Bearer token-3').reply(401, EXPIRED)
    nock(BASE).post(GOALS_PATH).matchHeader('authorization', 'Bearer token-4').reply(401, EXPIRED)
    await expect(client.getConversionGoals()).rejects.toMatchObject({
      outcome: { outcome: 'auth', authAction: 'refresh', reason: 'AuthenticationTokenExpired' }
    })
    expect(tokenRequests).toHaveLength(4)

    // The refresh itself fails: the items carry why, and nothing throws.
    identityDown = true
    nock(BASE).post(PATH).matchHeader('authorization', 'Bearer token-4').reply(401, EXPIRED)
    expect((await client.applyOfflineConversions(records(2))).map((o) => [o.outcome, o.reason])).toEqual([
      ['retry', 'identity_server_error'],
      ['retry', 'identity_server_error']
    ])
  })

  it('answers with why no token could be had, and leaves a token it cannot refresh refused', async () => {
    nock('https://login.microsoftonline.com')
      .post('/common/oauth2/v2.0/token')
      .times(2)
      .reply(400, {
        error: 'invalid_grant',
        error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
        error_codes: [700082]
      })
    const revoked = new CampaignClient({
      auth: { ...auth, accessToken: oauthTokenSource(new TokenManager(), CREDENTIALS) }
    })
    const outcomes = await revoked.applyOfflineConversions(records(2))
    expect(outcomes.map((o) => [o.outcome, o.authAction, o.reason])).toEqual([
      ['auth', 'inactive', 'invalid_grant'],
      ['auth', 'inactive', 'invalid_grant']
    ])
    expect(outcomes[0].message).toContain('AADSTS700082')
    await expect(revoked.getUetTags()).rejects.toMatchObject({
      outcome: { outcome: 'auth', authAction: 'inactive', reason: 'invalid_grant' }
    })

    // A plain token (Segment's platform token): the refusal is the answer, so the host refreshes.
    nock(BASE).post(PATH).reply(401, EXPIRED)
    const plain = await new CampaignClient({ auth }).applyOfflineConversions(records(1))
    expect(plain.map((o) => [o.outcome, o.authAction, o.status])).toEqual([['auth', 'refresh', 401]])
  })

  it('turns a timeout into retry outcomes without throwing', async () => {
    nock(BASE).post(PATH).delay(200).reply(200, { PartialErrors: [] })
    const outcomes = await new CampaignClient({ auth, timeoutMs: 20 }).applyOfflineConversions(records(2))
    expect(outcomes.map((o) => o.reason)).toEqual(['timeout', 'timeout'])
  })

  it('uses the sandbox host for the sandbox environment and the override from the environment', async () => {
    nock('https://campaign.api.sandbox.bingads.microsoft.com').post(PATH).reply(200, { PartialErrors: null })
    expect(
      (await new CampaignClient({ auth, environment: 'sandbox' }).applyOfflineConversions(records(1)))[0].outcome
    ).toBe('delivered')
    process.env.MSADS_API_BASE_URL = 'http://127.0.0.1:9'
    try {
      nock('http://127.0.0.1:9').post(PATH).reply(200, { PartialErrors: [] })
      expect((await new CampaignClient({ auth }).applyOfflineConversions(records(1)))[0].outcome).toBe('delivered')
    } finally {
      delete process.env.MSADS_API_BASE_URL
    }
  })

  it('lists offline goals, and raises a classified error when Microsoft refuses', async () => {
    nock(BASE)
      .post('/CampaignManagement/v13/ConversionGoals/QueryByIds', {
        ConversionGoalIds: [],
        ConversionGoalTypes: 'OfflineConversion'
      })
      .reply(200, {
        ConversionGoals: [{ Id: '10', Name: 'Purchase', Type: 'OfflineConversion', Status: 'Active' }, null],
        PartialErrors: []
      })
    const goals = await new CampaignClient({ auth }).getConversionGoals()
    expect(goals.map((g) => [g.Id, g.Name])).toEqual([['10', 'Purchase']])

    nock(BASE)
      .post('/CampaignManagement/v13/ConversionGoals/QueryByIds')
      .reply(403, {
        TrackingId: 't',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 106, Detail: null, ErrorCode: 'UserIsNotAuthorized', Message: 'no access' }]
      })
    await expect(new CampaignClient({ auth }).getConversionGoals()).rejects.toMatchObject({
      outcome: { outcome: 'auth', authAction: 'inactive' }
    })
  })

  it('reads the CAPI key from either documented shape', async () => {
    nock(BASE)
      .post('/CampaignManagement/v13/UetTagAuthKey/Query', { UetTagId: '77' })
      .reply(200, { UetTagAuthKey: 'key-1', PartialErrors: [] })
    nock(BASE)
      .post('/CampaignManagement/v13/UetTagAuthKey/Query')
      .reply(200, { TagAuthKey: { AuthKey: 'key-2' } })
    const client = new CampaignClient({ auth })
    expect(await client.getUetTagAuthKey('77')).toBe('key-1')
    expect(await client.getUetTagAuthKey('77')).toBe('key-2')
  })
})
