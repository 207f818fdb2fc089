import { createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import {
  AUTH,
  CAMPAIGN,
  GOALS_QUERY,
  SETTINGS,
  TOKEN_HOST,
  TOKEN_PATH,
  useTestEnvironment
} from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const GOALS = {
  ConversionGoals: [
    { Id: '12', Name: 'Sign Up', Type: 'OfflineConversion', Status: 'Active', GoalCategory: 'Signup' },
    { Id: '11', Name: 'Purchase', Type: 'OfflineConversion', Status: 'Active', GoalCategory: 'Purchase' },
    { Id: '13', Name: 'Old goal', Type: 'OfflineConversion', Status: 'Deleted', GoalCategory: 'Other' }
  ],
  PartialErrors: []
}

describe('the Conversion Name dropdown', () => {
  it("lists the account's offline goals, sorted, without deleted ones", async () => {
    let query: unknown
    nock(CAMPAIGN)
      .post(GOALS_QUERY, (body) => {
        query = body
        return true
      })
      .matchHeader('authorization', `Bearer ${AUTH.accessToken}`)
      .reply(200, GOALS)

    const response = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings: SETTINGS,
      payload: {},
      auth: AUTH
    })

    expect(query).toEqual({
      ConversionGoalIds: [],
      ConversionGoalTypes: 'OfflineConversion',
      ReturnAdditionalFields: 'GoalCategory'
    })
    expect(response).toEqual({
      choices: [
        { label: 'Purchase', value: 'Purchase', description: 'OfflineConversion · Active · Purchase · ID 11' },
        { label: 'Sign Up', value: 'Sign Up', description: 'OfflineConversion · Active · Signup · ID 12' }
      ]
    })
  })

  it('returns no choices and the error when Microsoft fails', async () => {
    nock(CAMPAIGN)
      .post(GOALS_QUERY)
      .reply(403, {
        TrackingId: 'trk-9',
        Type: 'AdApiFaultDetail',
        Errors: [
          { Code: 106, ErrorCode: 'UserIsNotAuthorized', Message: 'The user is not authorized to perform this action.' }
        ]
      })

    const response = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings: SETTINGS,
      payload: {},
      auth: AUTH
    })

    expect(response).toEqual({
      choices: [],
      error: {
        code: '106',
        message: '[106 UserIsNotAuthorized] The user is not authorized to perform this action. TrackingId: trk-9.'
      }
    })
  })

  it('refreshes an expired token itself, since no framework retry wraps a dropdown', async () => {
    nock(CAMPAIGN)
      .post(GOALS_QUERY)
      .matchHeader('authorization', `Bearer ${AUTH.accessToken}`)
      .reply(401, {
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 109, ErrorCode: 'AuthenticationTokenExpired', Message: 'expired' }]
      })
    nock(TOKEN_HOST).post(TOKEN_PATH).reply(200, {
      access_token: 'access-token-fresh-0002',
      refresh_token: 'refresh-token-rotated-0002',
      expires_in: 3600
    })
    nock(CAMPAIGN).post(GOALS_QUERY).matchHeader('authorization', 'Bearer access-token-fresh-0002').reply(200, GOALS)

    const response = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings: SETTINGS,
      payload: {},
      auth: AUTH
    })

    expect(response).toMatchObject({ choices: [{ value: 'Purchase' }, { value: 'Sign Up' }] })
    expect(nock.pendingMocks()).toEqual([])
  })

  it('explains which setting is wrong instead of calling Microsoft', async () => {
    const response = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings: { ...SETTINGS, customer_id: '' },
      payload: {},
      auth: AUTH
    })
    expect(response).toEqual({
      choices: [],
      error: { code: 'invalid_settings', message: 'Check the destination settings: customer_id is required.' }
    })
  })

  it('lists the goals adjustments can apply to, offline and UET ones, for Adjust Conversion', async () => {
    let query: unknown
    nock(CAMPAIGN)
      .post(GOALS_QUERY, (body) => {
        query = body
        return true
      })
      .reply(200, { ConversionGoals: [{ Id: '21', Name: 'Checkout', Type: 'Event', Status: 'Active' }] })
    const response = await testDestination.testDynamicField('adjustConversion', 'conversion_name', {
      settings: SETTINGS,
      payload: {},
      auth: AUTH
    })
    expect(query).toEqual({
      ConversionGoalIds: [],
      ConversionGoalTypes: 'OfflineConversion,Event,Url,Duration,PagesViewedPerVisit',
      ReturnAdditionalFields: 'GoalCategory'
    })
    expect(response).toEqual({
      choices: [{ label: 'Checkout', value: 'Checkout', description: 'Event · Active · ID 21' }]
    })
  })
})
