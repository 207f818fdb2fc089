import { CREDENTIALS, GUID, campaign, refreshForm, token, useEmulator } from './helpers'

const QUERY = { ConversionGoalTypes: 'OfflineConversion' }

async function faultOf(
  url: string,
  headers: Record<string, string | undefined>,
  path = 'ConversionGoals/QueryByIds',
  body: unknown = QUERY
) {
  const answer = await campaign(url, path, body, headers)
  return { status: answer.status, body: answer.body, trackingHeader: answer.headers.get('trackingid') }
}

function expectAdApiFault(
  answer: { status: number; body: Record<string, unknown>; trackingHeader: string | null },
  status: number,
  code: number,
  errorCode: string
): void {
  expect(answer.status).toBe(status)
  expect(answer.body).toEqual({
    TrackingId: answer.trackingHeader,
    Type: 'AdApiFaultDetail',
    Errors: [{ Code: code, Detail: null, ErrorCode: errorCode, Message: expect.any(String) }]
  })
  expect(answer.trackingHeader).toMatch(GUID)
}

describe('Campaign Management header checks', () => {
  const harness = useEmulator()

  it('answers 105 InvalidCredentials (HTTP 401) without Authorization, without the Bearer prefix, or with an unknown token', async () => {
    expectAdApiFault(await faultOf(harness.url, { Authorization: undefined }), 401, 105, 'InvalidCredentials')
    expectAdApiFault(
      await faultOf(harness.url, { Authorization: CREDENTIALS.accessToken }),
      401,
      105,
      'InvalidCredentials'
    )
    expectAdApiFault(await faultOf(harness.url, { Authorization: 'Bearer nope' }), 401, 105, 'InvalidCredentials')
  })

  it('answers 105 for a wrong or missing DeveloperToken', async () => {
    expectAdApiFault(await faultOf(harness.url, { DeveloperToken: 'BBD37VB98' }), 401, 105, 'InvalidCredentials')
    expectAdApiFault(await faultOf(harness.url, { DeveloperToken: undefined }), 401, 105, 'InvalidCredentials')
  })

  it('answers 109 AuthenticationTokenExpired (HTTP 401) for an expired token', async () => {
    harness.emulator.setOptions({ accessTokenLifetimeSeconds: 0 })
    const issued = await token(harness.url, refreshForm())
    expectAdApiFault(
      await faultOf(harness.url, { Authorization: `Bearer ${issued.body.access_token}` }),
      401,
      109,
      'AuthenticationTokenExpired'
    )
  })

  it('answers 1029 without CustomerId and 1030 without CustomerAccountId (HTTP 400)', async () => {
    expectAdApiFault(
      await faultOf(harness.url, { CustomerId: undefined }),
      400,
      1029,
      'CampaignServiceCustomerIdHasToBeSpecified'
    )
    expectAdApiFault(
      await faultOf(harness.url, { CustomerAccountId: undefined }),
      400,
      1030,
      'CampaignServiceAccountIdHasToBeSpecified'
    )
  })

  it('lets the customer-level tag operations go without CustomerAccountId', async () => {
    const answer = await campaign(harness.url, 'UetTags/QueryByIds', { TagIds: [] }, { CustomerAccountId: undefined })
    expect(answer.status).toBe(200)
  })

  it('answers 4410 InvalidHeader for ids that are not numbers', async () => {
    expectAdApiFault(await faultOf(harness.url, { CustomerAccountId: 'acct-1' }), 400, 4410, 'InvalidHeader')
  })

  it('answers 106 UserIsNotAuthorized (HTTP 403) for a customer or account the user cannot access', async () => {
    expectAdApiFault(await faultOf(harness.url, { CustomerAccountId: '999999' }), 403, 106, 'UserIsNotAuthorized')
    expectAdApiFault(await faultOf(harness.url, { CustomerId: '999999' }), 403, 106, 'UserIsNotAuthorized')
  })

  it('puts a GUID TrackingId header on every answer, successful ones too', async () => {
    const answer = await campaign(harness.url, 'ConversionGoals/QueryByIds', QUERY)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('trackingid')).toMatch(GUID)
  })

  it('checks the headers before reading the body', async () => {
    expectAdApiFault(
      await faultOf(harness.url, { Authorization: undefined }, 'OfflineConversions/Apply', '{not json'),
      401,
      105,
      'InvalidCredentials'
    )
  })
})
