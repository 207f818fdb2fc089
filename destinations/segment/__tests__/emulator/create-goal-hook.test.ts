import { createTestIntegration, defaultValues } from '@segment/actions-core'
import type { JSONObject } from '@segment/actions-core'
import destination from '../../index'
import trackConversion from '../../trackConversion'
import { goalsOf, orderCompleted, platformSettings, requestsTo, statusesOf, storedItems, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

function platformAuth() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return { accessToken, refreshToken }
}

function saveMapping(hookInputs: Record<string, unknown>) {
  return testDestination.actions.trackConversion.executeHook('onMappingSave', {
    settings: harness.settings,
    auth: platformAuth(),
    payload: {},
    hookInputs
  })
}

function sendTo(goal: string, n = 1) {
  const mapping = { ...defaultValues(trackConversion.fields), conversion_name: goal } as JSONObject
  return testDestination.onBatch(
    [orderCompleted(n)],
    platformSettings(harness.settings, { partnerAction: 'trackConversion', mapping }, platformAuth())
  )
}

describe('onMappingSave, against the emulator', () => {
  it('creates the missing offline goal in the account, which then takes conversions', async () => {
    const { emulator, settings } = harness

    const response = await saveMapping({
      conversion_name: 'Qualified Lead',
      goal_category: 'SubmitLeadForm',
      conversion_window_days: 60
    })

    const created = goalsOf(emulator).find((goal) => goal.Name === 'Qualified Lead')
    expect(created).toMatchObject({
      Type: 'OfflineConversion',
      Scope: 'Account',
      Status: 'Active',
      GoalCategory: 'SubmitLeadForm',
      ConversionWindowInMinutes: 86_400
    })
    expect(response).toEqual({
      successMessage: `Created the offline conversion goal "Qualified Lead" (ID ${created?.Id}). Microsoft accepts conversions for it about two hours from now.`,
      savedData: { goal_id: created?.Id, conversion_name: 'Qualified Lead', created: true }
    })

    const choices = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings,
      payload: {},
      auth: platformAuth()
    })
    expect(choices).toMatchObject({
      choices: expect.arrayContaining([expect.objectContaining({ value: 'Qualified Lead' })])
    })
    expect(statusesOf(await sendTo('Qualified Lead'))).toEqual([200])
    expect(storedItems(emulator, 'offlineConversions', settings.account_id)).toEqual([
      expect.objectContaining({ ConversionName: 'Qualified Lead' })
    ])
  })

  it('creates nothing when the goal exists', async () => {
    const { emulator } = harness

    const response = await saveMapping({ conversion_name: 'Purchase' })

    expect(response).toEqual({
      successMessage: 'The offline conversion goal "Purchase" already exists (ID 300000001); nothing was created.',
      savedData: { goal_id: '300000001', conversion_name: 'Purchase', created: false }
    })
    expect(requestsTo(emulator.state({ records: false }), 'addConversionGoals')).toEqual({})
  })

  it("a conversion sent before Microsoft's two hours are up is retried later (5615), not dropped", async () => {
    const { emulator } = harness
    emulator.setOptions({ goalReadyAfterMinutes: 120 })
    await saveMapping({ conversion_name: 'Qualified Lead', goal_category: 'SubmitLeadForm' })

    const results = await sendTo('Qualified Lead')

    const [entry] = results[0].multistatus as Array<{ status: number; errortype?: string; body?: { Code?: number } }>
    expect(entry).toMatchObject({ errortype: 'RETRYABLE_ERROR', body: { Code: 5615 } })
    expect(entry.status).toBeGreaterThanOrEqual(500)
    expect(emulator.state().offlineConversions.count).toBe(0)
  })

  it("reports Microsoft's refusal when the name differs from an existing goal only in case", async () => {
    const { emulator } = harness

    const response = await saveMapping({ conversion_name: 'purchase' })

    expect(response).toEqual({
      error: {
        code: '5317',
        message: '[5317 ConversionGoalNameAlreadyExists] A conversion goal with this name already exists.'
      }
    })
    expect(goalsOf(emulator).map((goal) => goal.Name)).not.toContain('purchase')
  })
})
