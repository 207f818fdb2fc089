import { createHash } from 'crypto'
import { ADS_SCOPE, CREDENTIALS, Clock, DAY, campaign, control, refreshForm, token, useEmulator } from './helpers'

const REDIRECT = 'http://127.0.0.1:8765/callback'

function expectEntraError(
  answer: { status: number; body: Record<string, unknown> },
  status: number,
  error: string,
  aadsts: number
): void {
  expect(answer.status).toBe(status)
  expect(answer.body).toEqual({
    error,
    error_description: expect.stringMatching(new RegExp(`^AADSTS${aadsts}: `)),
    error_codes: [aadsts],
    timestamp: expect.any(String),
    trace_id: expect.any(String),
    correlation_id: expect.any(String),
    error_uri: expect.stringContaining(String(aadsts))
  })
}

async function authorize(url: string, params: Record<string, string>): Promise<Response> {
  const query = new URLSearchParams({
    client_id: CREDENTIALS.clientId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: ADS_SCOPE,
    state: 'xyz',
    ...params
  })
  return fetch(`${url}/common/oauth2/v2.0/authorize?${query}`, { redirect: 'manual' })
}

describe('identity platform: refresh-token grant', () => {
  const harness = useEmulator()

  it('issues a bearer token and a rotated refresh token', async () => {
    const answer = await token(harness.url, refreshForm())
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toContain('no-store')
    expect(answer.body).toEqual({
      token_type: 'Bearer',
      scope: 'https://ads.microsoft.com/msads.manage',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
      refresh_token: expect.any(String)
    })
    expect(answer.body.refresh_token).not.toBe(CREDENTIALS.refreshToken)
    const state = await control(harness.url, 'GET', 'state?records=false')
    expect(state.body.tokens.refreshesIssued).toBe(1)
  })

  it('accepts the issued access token on Campaign Management', async () => {
    const issued = await token(harness.url, refreshForm())
    const answer = await campaign(
      harness.url,
      'ConversionGoals/QueryByIds',
      { ConversionGoalTypes: 'OfflineConversion' },
      { Authorization: `Bearer ${issued.body.access_token}` }
    )
    expect(answer.status).toBe(200)
  })

  it('keeps the old refresh token valid after rotation, and the new one works too', async () => {
    const first = await token(harness.url, refreshForm())
    expect((await token(harness.url, refreshForm())).status).toBe(200)
    expect((await token(harness.url, refreshForm({ refresh_token: first.body.refresh_token }))).status).toBe(200)
  })

  it('revokes the rotated refresh token when revokeRotatedRefreshTokens is on (AADSTS70008)', async () => {
    harness.emulator.setOptions({ revokeRotatedRefreshTokens: true })
    const first = await token(harness.url, refreshForm())
    expect(first.status).toBe(200)
    expectEntraError(await token(harness.url, refreshForm()), 400, 'invalid_grant', 70008)
    expect((await token(harness.url, refreshForm({ refresh_token: first.body.refresh_token }))).status).toBe(200)
  })

  it('refuses an unknown refresh token with invalid_grant AADSTS70008', async () => {
    expectEntraError(
      await token(harness.url, refreshForm({ refresh_token: 'not-a-token' })),
      400,
      'invalid_grant',
      70008
    )
  })

  it('refuses a wrong client secret with HTTP 401 invalid_client AADSTS7000215', async () => {
    expectEntraError(await token(harness.url, refreshForm({ client_secret: 'wrong' })), 401, 'invalid_client', 7000215)
  })

  it('refuses a missing client secret with HTTP 401 invalid_client AADSTS7000218', async () => {
    expectEntraError(
      await token(harness.url, refreshForm({ client_secret: undefined })),
      401,
      'invalid_client',
      7000218
    )
  })

  it('refuses an unknown client id with unauthorized_client AADSTS700016', async () => {
    expectEntraError(
      await token(harness.url, refreshForm({ client_id: '00000000-0000-0000-0000-000000000000' })),
      400,
      'unauthorized_client',
      700016
    )
  })

  it('refuses client_credentials and other grants with unsupported_grant_type AADSTS70003', async () => {
    expectEntraError(
      await token(
        harness.url,
        refreshForm({ grant_type: 'client_credentials', scope: 'https://ads.microsoft.com/.default' })
      ),
      400,
      'unsupported_grant_type',
      70003
    )
    expectEntraError(
      await token(harness.url, refreshForm({ grant_type: 'password' })),
      400,
      'unsupported_grant_type',
      70003
    )
  })

  it('refuses a missing scope, or one without msads.manage, with invalid_scope AADSTS70011', async () => {
    expectEntraError(await token(harness.url, refreshForm({ scope: undefined })), 400, 'invalid_scope', 70011)
    expectEntraError(
      await token(harness.url, refreshForm({ scope: 'openid offline_access' })),
      400,
      'invalid_scope',
      70011
    )
  })

  it('accepts the sandbox scope', async () => {
    expect(
      (await token(harness.url, refreshForm({ scope: 'https://si.ads.microsoft.com/msads.manage offline_access' })))
        .status
    ).toBe(200)
  })

  it('names a missing parameter with invalid_request AADSTS900144', async () => {
    expectEntraError(await token(harness.url, refreshForm({ grant_type: undefined })), 400, 'invalid_request', 900144)
    expectEntraError(await token(harness.url, refreshForm({ client_id: undefined })), 400, 'invalid_request', 900144)
    expectEntraError(
      await token(harness.url, refreshForm({ refresh_token: undefined })),
      400,
      'invalid_request',
      900144
    )
  })

  it('answers on any tenant segment', async () => {
    expect((await token(harness.url, refreshForm(), 'organizations')).status).toBe(200)
  })
})

describe('identity platform: lifetimes', () => {
  const clock = new Clock()
  const harness = useEmulator({
    now: clock.now,
    options: { refreshTokenLifetimeSeconds: 3600, accessTokenLifetimeSeconds: 600 }
  })

  it('expires issued refresh tokens after their lifetime with AADSTS700082', async () => {
    const issued = await token(harness.url, refreshForm())
    clock.advance(2 * 3_600_000)
    expectEntraError(
      await token(harness.url, refreshForm({ refresh_token: issued.body.refresh_token })),
      400,
      'invalid_grant',
      700082
    )
  })

  it('answers 109 once an issued access token has outlived expires_in', async () => {
    const issued = await token(harness.url, refreshForm())
    expect(issued.body.expires_in).toBe(600)
    const headers = { Authorization: `Bearer ${issued.body.access_token}` }
    expect(
      (await campaign(harness.url, 'ConversionGoals/QueryByIds', { ConversionGoalTypes: 'OfflineConversion' }, headers))
        .status
    ).toBe(200)
    clock.advance(601_000)
    const expired = await campaign(
      harness.url,
      'ConversionGoals/QueryByIds',
      { ConversionGoalTypes: 'OfflineConversion' },
      headers
    )
    expect(expired.status).toBe(401)
    expect(expired.body.Errors[0].Code).toBe(109)
  })

  it('issues tokens that are expired at once with accessTokenLifetimeSeconds 0', async () => {
    harness.emulator.setOptions({ accessTokenLifetimeSeconds: 0 })
    const issued = await token(harness.url, refreshForm())
    expect(issued.body.expires_in).toBe(0)
    const answer = await campaign(
      harness.url,
      'ConversionGoals/QueryByIds',
      { ConversionGoalTypes: 'OfflineConversion' },
      { Authorization: `Bearer ${issued.body.access_token}` }
    )
    expect(answer.body.Errors[0].Code).toBe(109)
  })

  it('expires every access token on POST /__emulator/tokens/expire, the seed one included, until reset', async () => {
    expect((await control(harness.url, 'POST', 'tokens/expire')).status).toBe(200)
    const answer = await campaign(harness.url, 'ConversionGoals/QueryByIds', {
      ConversionGoalTypes: 'OfflineConversion'
    })
    expect(answer.status).toBe(401)
    expect(answer.body.Errors[0].Code).toBe(109)
    await control(harness.url, 'POST', 'reset')
    expect(
      (await campaign(harness.url, 'ConversionGoals/QueryByIds', { ConversionGoalTypes: 'OfflineConversion' })).status
    ).toBe(200)
  })

  it('keeps the seed refresh token valid regardless of the lifetime', async () => {
    clock.advance(400 * DAY)
    expect((await token(harness.url, refreshForm())).status).toBe(200)
  })
})

describe('identity platform: authorization code', () => {
  const harness = useEmulator()

  it('redirects at once to redirect_uri with a code and the state', async () => {
    const response = await authorize(harness.url, {})
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') as string)
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT)
    expect(location.searchParams.get('state')).toBe('xyz')
    expect(location.searchParams.get('code')).toBeTruthy()
  })

  it('exchanges the code once for tokens, and refuses it the second time (AADSTS54005)', async () => {
    const code = new URL((await authorize(harness.url, {})).headers.get('location') as string).searchParams.get(
      'code'
    ) as string
    const form = {
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT
    }
    const first = await token(harness.url, form)
    expect(first.status).toBe(200)
    expect(first.body.refresh_token).toEqual(expect.any(String))
    expect((await token(harness.url, refreshForm({ refresh_token: first.body.refresh_token }))).status).toBe(200)
    expectEntraError(await token(harness.url, form), 400, 'invalid_grant', 54005)
    expect((await control(harness.url, 'GET', 'state?records=false')).body.tokens.codesRedeemed).toBe(1)
  })

  it('refuses another redirect_uri (AADSTS70000) and an unknown code (AADSTS70008)', async () => {
    const code = new URL((await authorize(harness.url, {})).headers.get('location') as string).searchParams.get(
      'code'
    ) as string
    const form = {
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:1/other'
    }
    expectEntraError(await token(harness.url, form), 400, 'invalid_grant', 70000)
    expectEntraError(
      await token(harness.url, { ...form, code: 'nope', redirect_uri: REDIRECT }),
      400,
      'invalid_grant',
      70008
    )
  })

  it('checks the PKCE verifier (AADSTS501481)', async () => {
    const verifier = 'a-verifier-that-is-long-enough-to-be-realistic-0123456789'
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    const location = (
      await authorize(harness.url, { code_challenge: challenge, code_challenge_method: 'S256' })
    ).headers.get('location') as string
    const code = new URL(location).searchParams.get('code') as string
    const form = {
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT
    }
    expectEntraError(await token(harness.url, { ...form, code_verifier: 'wrong' }), 400, 'invalid_grant', 501481)
    expect((await token(harness.url, { ...form, code_verifier: verifier })).status).toBe(200)
  })

  it('refuses an unknown client, a non-loopback redirect, and sends scope errors back to the redirect', async () => {
    expect((await authorize(harness.url, { client_id: 'someone-else' })).status).toBe(400)
    const notLoopback = await authorize(harness.url, { redirect_uri: 'https://evil.example/cb' })
    expect(notLoopback.status).toBe(400)
    expect(((await notLoopback.json()) as { error_codes: number[] }).error_codes).toEqual([50011])
    const badScope = await authorize(harness.url, { scope: 'openid' })
    expect(badScope.status).toBe(302)
    const location = new URL(badScope.headers.get('location') as string)
    expect(location.searchParams.get('error')).toBe('invalid_scope')
    expect(location.searchParams.get('state')).toBe('xyz')
    const badType = new URL(
      (await authorize(harness.url, { response_type: 'token' })).headers.get('location') as string
    )
    expect(badType.searchParams.get('error')).toBe('unsupported_response_type')
    const badMethod = new URL(
      (await authorize(harness.url, { code_challenge: 'abc', code_challenge_method: 'S512' })).headers.get(
        'location'
      ) as string
    )
    expect(badMethod.searchParams.get('error')).toBe('invalid_request')
  })
})
