import { createTestIntegration } from '@segment/actions-core'
import destination from '../../index'
import { requestsTo, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

function platformAuth() {
  const { accessToken, refreshToken } = harness.emulator.seed().credentials
  return { accessToken, refreshToken }
}

function conversionNameChoices(auth = platformAuth()) {
  return testDestination.testDynamicField('trackConversion', 'conversion_name', {
    settings: harness.settings,
    payload: {},
    auth
  })
}

describe('the Conversion Name dropdown, against the emulator', () => {
  it("lists the emulator account's offline goals, sorted by name", async () => {
    const response = await conversionNameChoices()

    expect(response).toEqual({
      choices: [
        {
          label: 'Add to Cart',
          value: 'Add to Cart',
          description: 'OfflineConversion · Active · AddToCart · ID 300000005'
        },
        { label: 'Lead', value: 'Lead', description: 'OfflineConversion · Active · SubmitLeadForm · ID 300000002' },
        { label: 'Purchase', value: 'Purchase', description: 'OfflineConversion · Active · Purchase · ID 300000001' },
        { label: 'Sign Up', value: 'Sign Up', description: 'OfflineConversion · Active · Signup · ID 300000003' },
        { label: 'Subscribe', value: 'Subscribe', description: 'OfflineConversion · Active · Subscribe · ID 300000004' }
      ]
    })
  })

  it('lists the same goals for Adjust Conversion, which also asks for UET goal types', async () => {
    const response = await testDestination.testDynamicField('adjustConversion', 'conversion_name', {
      settings: harness.settings,
      payload: {},
      auth: platformAuth()
    })

    expect((response as { choices: Array<{ value: string }> }).choices.map((choice) => choice.value)).toEqual([
      'Add to Cart',
      'Lead',
      'Purchase',
      'Sign Up',
      'Subscribe'
    ])
  })

  it('refreshes an expired token itself, since no framework retry wraps a dropdown', async () => {
    const { emulator } = harness
    emulator.expireAccessTokens()

    const response = await conversionNameChoices()

    expect(response).toMatchObject({
      choices: expect.arrayContaining([expect.objectContaining({ value: 'Purchase' })])
    })
    const state = emulator.state({ records: false })
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'getConversionGoalsByIds')).toEqual({ 200: 1, 401: 1 })
  })

  it('returns no choices and the error when Microsoft fails (HTTP 500 on every Campaign call)', async () => {
    const { emulator } = harness
    emulator.setFaults({ rate: 1, kinds: ['http500'], routes: ['campaign'] })

    const response = await conversionNameChoices()

    expect(response).toEqual({
      choices: [],
      error: { code: '0', message: expect.stringMatching(/^\[0 InternalError\] .+ TrackingId: [0-9a-f-]{36}\.$/) }
    })
    expect(emulator.state({ records: false }).faultsInjected).toEqual({ http500: 1 })
  })

  it('returns no choices and names the problem when the account is not accessible (106)', async () => {
    const response = await testDestination.testDynamicField('trackConversion', 'conversion_name', {
      settings: { ...harness.settings, account_id: '299999999' },
      payload: {},
      auth: platformAuth()
    })

    expect(response).toEqual({
      choices: [],
      error: { code: '106', message: expect.stringContaining('[106 UserIsNotAuthorized]') }
    })
  })
})
