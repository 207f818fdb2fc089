import { createTestIntegration, ErrorCodes, InvalidAuthenticationError, RetryableError } from '@segment/actions-core'
import nock from 'nock'
import destination from '../index'
import { microsoftHeaders } from '../auth/request-headers'
import {
  AUTH,
  CAMPAIGN,
  CAPI,
  CAPI_EVENTS,
  CAMPAIGN_PATH,
  GOALS_QUERY,
  SETTINGS,
  TOKEN_HOST,
  TOKEN_PATH,
  useTestEnvironment
} from './support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const TAGS_QUERY = `${CAMPAIGN_PATH}/UetTags/QueryByIds`
const TAG_KEY_QUERY = `${CAMPAIGN_PATH}/UetTagAuthKey/Query`
const FRESH = {
  token_type: 'Bearer',
  expires_in: 3599,
  access_token: 'access-token-fresh-0002',
  refresh_token: 'refresh-token-rotated-0002'
}

function tokenReplies(status: number, body: object, forms: Array<Record<string, string>> = []) {
  return nock(TOKEN_HOST)
    .post(TOKEN_PATH, (body: string) => {
      forms.push(Object.fromEntries(new URLSearchParams(body)))
      return true
    })
    .reply(status, body)
}

function goalsReply(status: number, body: object) {
  return nock(CAMPAIGN)
    .post(GOALS_QUERY)
    .matchHeader('authorization', `Bearer ${FRESH.access_token}`)
    .reply(status, body)
}

function fault(code: number, errorCode: string, message: string) {
  return {
    TrackingId: 'trk-auth',
    Type: 'AdApiFaultDetail',
    Errors: [{ Code: code, Detail: null, ErrorCode: errorCode, Message: message }]
  }
}

async function failure(settings = SETTINGS): Promise<string> {
  const error = await testDestination.testAuthentication(settings).catch((e: Error) => e)
  expect(error).toBeInstanceOf(Error)
  return (error as Error).message
}

describe('testAuthentication', () => {
  it('proves the token refresh, the developer token, the account, the UET tag and the pasted CAPI token', async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(200, FRESH, forms)
    goalsReply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(TAGS_QUERY, { TagIds: ['3333333'] })
      .reply(200, { UetTags: [{ Id: '3333333', Name: 'Shop' }], PartialErrors: [] })
    // An empty batch: Microsoft reads the token first, then refuses the empty data; nothing is recorded.
    nock(CAPI)
      .post(CAPI_EVENTS, (body: { data: unknown[] }) => body.data.length === 0)
      .matchHeader('authorization', `Bearer ${SETTINGS.uet_capi_token as string}`)
      .reply(400, { error: { code: 'ValidationError', message: 'See details.', details: [] } })

    await expect(testDestination.testAuthentication(SETTINGS)).resolves.toBeUndefined()
    expect(forms).toEqual([
      {
        client_id: SETTINGS.client_id,
        client_secret: SETTINGS.client_secret,
        grant_type: 'refresh_token',
        refresh_token: SETTINGS.oauth_refresh_token,
        scope: 'https://ads.microsoft.com/msads.manage offline_access'
      }
    ])
    expect(nock.pendingMocks()).toEqual([])
  })

  it('names uet_capi_token when the Conversions API refuses the pasted token', async () => {
    tokenReplies(200, FRESH)
    goalsReply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(TAGS_QUERY)
      .reply(200, { UetTags: [{ Id: '3333333' }] })
    nock(CAPI)
      .post(CAPI_EVENTS)
      .reply(401, { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } })
    expect(await failure()).toMatch(/^Credentials are invalid: \d* ?Check uet_capi_token or uet_tag_id: /)
    expect(nock.pendingMocks()).toEqual([])
  })

  it("also fetches the tag's Conversions API key when none is pasted", async () => {
    tokenReplies(200, FRESH)
    goalsReply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(TAGS_QUERY)
      .reply(200, { UetTags: [{ Id: '3333333' }] })
    nock(CAMPAIGN).post(TAG_KEY_QUERY, { UetTagId: '3333333' }).reply(200, { UetTagAuthKey: 'key' })
    await expect(testDestination.testAuthentication({ ...SETTINGS, uet_capi_token: '' })).resolves.toBeUndefined()
    expect(nock.pendingMocks()).toEqual([])
  })

  it('uses the sandbox endpoints and scope for the sandbox environment', async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(200, FRESH, forms)
    nock('https://campaign.api.sandbox.bingads.microsoft.com').post(GOALS_QUERY).reply(200, { ConversionGoals: [] })
    await expect(
      testDestination.testAuthentication({ ...SETTINGS, environment: 'sandbox', uet_tag_id: '' })
    ).resolves.toBeUndefined()
    expect(forms[0].scope).toBe('https://si.ads.microsoft.com/msads.manage offline_access')
    expect(nock.pendingMocks()).toEqual([])
  })

  it('names malformed settings before calling anyone', async () => {
    const message = await failure({ ...SETTINGS, customer_id: 'C-1', client_id: 'my app' })
    expect(message).toContain('customer_id must be the numeric Customer ID')
    expect(message).toContain('client_id must be the Application (client) ID')
  })

  it.each([
    [
      'client_secret',
      401,
      {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
        error_codes: [7000215]
      }
    ],
    [
      'oauth_refresh_token',
      400,
      {
        error: 'invalid_grant',
        error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
        error_codes: [700082]
      }
    ],
    [
      'client_id',
      400,
      { error: 'unauthorized_client', error_description: 'AADSTS700016: Application not found.', error_codes: [700016] }
    ]
  ])('names %s when the identity platform refuses it', async (credential, status, body) => {
    tokenReplies(status, body)
    const message = await failure()
    expect(message).toMatch(new RegExp(`Check ${credential}[: ]`))
    expect(message).not.toContain(SETTINGS.client_secret)
    expect(message).not.toContain(SETTINGS.oauth_refresh_token)
  })

  it('names developer_token when Microsoft refuses credentials right after a fresh token', async () => {
    tokenReplies(200, FRESH)
    goalsReply(
      401,
      fault(
        105,
        'InvalidCredentials',
        'Authentication failed. Either supplied credentials are invalid or the account is inactive.'
      )
    )
    expect(await failure()).toContain(
      'Check developer_token or environment: Microsoft Advertising refused the account: [105 InvalidCredentials]'
    )
  })

  it('names customer_id and account_id when the user has no access to them', async () => {
    tokenReplies(200, FRESH)
    goalsReply(403, fault(106, 'UserIsNotAuthorized', 'The user is not authorized to perform this action.'))
    expect(await failure()).toContain('Check customer_id or account_id')
  })

  it('names uet_tag_id when the customer has no such tag', async () => {
    tokenReplies(200, FRESH)
    goalsReply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(TAGS_QUERY)
      .reply(200, {
        UetTags: [null],
        PartialErrors: [{ Code: 5300, ErrorCode: 'InvalidUetTagId', Index: 0, Message: 'The UET tag id is invalid.' }]
      })
    expect(await failure()).toContain('Check uet_tag_id: customer 1111111 has no UET tag with ID 3333333.')
  })

  it('names uet_tag_id when its key cannot be fetched', async () => {
    tokenReplies(200, FRESH)
    goalsReply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(TAGS_QUERY)
      .reply(200, { UetTags: [{ Id: '3333333' }] })
    nock(CAMPAIGN)
      .post(TAG_KEY_QUERY)
      .reply(400, {
        TrackingId: 't',
        Type: 'ApiFaultDetail',
        OperationErrors: [{ Code: 5300, ErrorCode: 'InvalidUetTagId', Message: 'The UET tag id is invalid.' }]
      })
    expect(await failure({ ...SETTINGS, uet_capi_token: '' })).toContain(
      'Check uet_tag_id: the UET tag could not be used: [5300 InvalidUetTagId]'
    )
  })
})

describe('refreshAccessToken', () => {
  // Segment's own app registration, which the platform passes to refreshAccessToken.
  const oauth = { ...AUTH, clientId: '9b2f4c1e-0d3a-4e5b-8c7d-6f1a2b3c4d5e', clientSecret: 'segment-app-secret-0001' }

  it("refreshes with the platform's client and newest refresh token and returns Microsoft's rotated one", async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(200, FRESH, forms)
    await expect(testDestination.refreshAccessToken(SETTINGS, oauth)).resolves.toEqual({
      accessToken: FRESH.access_token,
      refreshToken: FRESH.refresh_token
    })
    expect(forms[0]).toMatchObject({
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      refresh_token: AUTH.refreshToken
    })
  })

  it('uses the self-hosting client of the settings when the platform has none', async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(200, FRESH, forms)
    await testDestination.refreshAccessToken(SETTINGS, { ...AUTH, clientId: '', clientSecret: '' })
    expect(forms[0]).toMatchObject({
      client_id: SETTINGS.client_id,
      client_secret: SETTINGS.client_secret,
      refresh_token: AUTH.refreshToken
    })
  })

  it('needs no self-hosting setting when the platform holds the OAuth client and token', async () => {
    tokenReplies(200, FRESH)
    const { client_id, client_secret, oauth_refresh_token, ...segmentHosted } = SETTINGS
    expect([client_id, client_secret, oauth_refresh_token].every(Boolean)).toBe(true)
    await expect(testDestination.refreshAccessToken(segmentHosted, oauth)).resolves.toMatchObject({
      accessToken: FRESH.access_token
    })
  })

  it('falls back on the pasted refresh token when the stored one is refused', async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(400, { error: 'invalid_grant', error_codes: [70008] }, forms)
    tokenReplies(200, FRESH, forms)
    await expect(testDestination.refreshAccessToken(SETTINGS, oauth)).resolves.toMatchObject({
      accessToken: FRESH.access_token
    })
    expect(forms.map((form) => form.refresh_token)).toEqual([AUTH.refreshToken, SETTINGS.oauth_refresh_token])
  })

  it('says the refresh token must be renewed when every one is refused', async () => {
    const forms: Array<Record<string, string>> = []
    tokenReplies(400, { error: 'invalid_grant', error_codes: [700082] }, forms)
    tokenReplies(400, { error: 'invalid_grant', error_codes: [700082] }, forms)
    const error = await testDestination.refreshAccessToken(SETTINGS, oauth).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InvalidAuthenticationError)
    expect(error).toMatchObject({
      code: ErrorCodes.REFRESH_TOKEN_EXPIRED,
      message: expect.stringContaining('check the OAuth connection (reconnect it).')
    })
    expect(forms).toHaveLength(2)
  })

  it('retries later when the identity platform is down', async () => {
    tokenReplies(503, {})
    await expect(testDestination.refreshAccessToken(SETTINGS, oauth)).rejects.toBeInstanceOf(RetryableError)
  })
})

describe('extendRequest', () => {
  it('adds the Microsoft headers, without an empty bearer when there is no token yet', () => {
    expect(microsoftHeaders({ settings: SETTINGS, auth: AUTH })).toEqual({
      Authorization: `Bearer ${AUTH.accessToken}`,
      DeveloperToken: SETTINGS.developer_token,
      CustomerId: SETTINGS.customer_id,
      CustomerAccountId: SETTINGS.account_id,
      'Content-Type': 'application/json',
      Accept: 'application/json'
    })
    expect(microsoftHeaders({ settings: SETTINGS, auth: undefined })).not.toHaveProperty('Authorization')
  })
})
