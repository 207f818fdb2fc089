import { createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../../index'
import { AUTH, CAMPAIGN, CAMPAIGN_PATH, GOALS_QUERY, SETTINGS, useTestEnvironment } from '../../__tests__/support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const ADD_GOALS = `${CAMPAIGN_PATH}/ConversionGoals`

function runHook(hookInputs: Record<string, unknown>) {
  return testDestination.actions.trackConversion.executeHook('onMappingSave', {
    settings: SETTINGS,
    auth: AUTH,
    payload: {},
    hookInputs
  })
}

describe('onMappingSave: the offline goal named in the mapping', () => {
  it('is created when the account lacks it', async () => {
    let added: unknown
    nock(CAMPAIGN)
      .post(GOALS_QUERY)
      .reply(200, { ConversionGoals: [{ Id: '11', Name: 'Purchase', Type: 'OfflineConversion', Status: 'Active' }] })
    nock(CAMPAIGN)
      .post(ADD_GOALS, (body) => {
        added = body
        return true
      })
      .reply(200, { ConversionGoalIds: ['77'], PartialErrors: [] })

    const response = await runHook({
      conversion_name: 'Qualified Lead',
      goal_category: 'SubmitLeadForm',
      conversion_window_days: 60
    })

    expect(added).toEqual({
      ConversionGoals: [
        {
          Name: 'Qualified Lead',
          Type: 'OfflineConversion',
          Scope: 'Account',
          Status: 'Active',
          CountType: 'All',
          GoalCategory: 'SubmitLeadForm',
          ConversionWindowInMinutes: 86400,
          Revenue: { Type: 'VariableValue' }
        }
      ]
    })
    expect(response).toEqual({
      successMessage:
        'Created the offline conversion goal "Qualified Lead" (ID 77). Microsoft accepts conversions for it about two hours from now.',
      savedData: { goal_id: '77', conversion_name: 'Qualified Lead', created: true }
    })
  })

  it('is left alone when it exists', async () => {
    nock(CAMPAIGN)
      .post(GOALS_QUERY)
      .reply(200, { ConversionGoals: [{ Id: '11', Name: 'Purchase', Type: 'OfflineConversion', Status: 'Active' }] })
    const response = await runHook({ conversion_name: 'Purchase' })
    expect(response).toEqual({
      successMessage: 'The offline conversion goal "Purchase" already exists (ID 11); nothing was created.',
      savedData: { goal_id: '11', conversion_name: 'Purchase', created: false }
    })
    expect(nock.pendingMocks()).toEqual([])
  })

  it("reports Microsoft's error when the goal cannot be created", async () => {
    nock(CAMPAIGN).post(GOALS_QUERY).reply(200, { ConversionGoals: [] })
    nock(CAMPAIGN)
      .post(ADD_GOALS)
      .reply(200, {
        ConversionGoalIds: [null],
        PartialErrors: [
          {
            Code: 5320,
            ErrorCode: 'InvalidConversionGoalName',
            Index: 0,
            Message: 'The Conversion Goal name is invalid or exceeds the length limit.'
          }
        ]
      })
    const response = await runHook({ conversion_name: 'x'.repeat(101) })
    expect(response).toEqual({
      error: {
        code: '5320',
        message: '[5320 InvalidConversionGoalName] The Conversion Goal name is invalid or exceeds the length limit.'
      }
    })
  })
})
