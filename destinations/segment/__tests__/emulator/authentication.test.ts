import { createTestIntegration } from '@segment/actions-core'
import destination from '../../index'
import type { Settings } from '../../generated-types'
import { emulatorSettings, requestsTo, useEmulator } from './harness'

const testDestination = createTestIntegration(destination)
const harness = useEmulator()

async function connectionError(overrides: Partial<Settings>): Promise<string> {
  const settings = emulatorSettings(harness.emulator, overrides)
  const error = await testDestination.testAuthentication(settings).then(
    () => undefined,
    (e: Error) => e
  )
  expect(error).toBeInstanceOf(Error)
  const message = (error as Error).message
  for (const secret of [settings.client_secret, settings.oauth_refresh_token, settings.developer_token])
    expect(message).not.toContain(secret)
  return message
}

describe('testAuthentication, against the emulator', () => {
  it('passes with the demo credentials: token refresh, developer token, account and UET tag', async () => {
    const { emulator, settings } = harness

    await expect(testDestination.testAuthentication(settings)).resolves.toBeUndefined()

    const state = emulator.state({ records: false })
    expect(state.tokens.refreshesIssued).toBe(1)
    expect(requestsTo(state, 'getConversionGoalsByIds')).toEqual({ 200: 1 })
    expect(requestsTo(state, 'getUetTagsByIds')).toEqual({ 200: 1 })
  })

  it("passes without a pasted Conversions API token, fetching the tag's key instead", async () => {
    const { emulator } = harness
    await expect(
      testDestination.testAuthentication(emulatorSettings(emulator, { uet_capi_token: '' }))
    ).resolves.toBeUndefined()
    expect(requestsTo(emulator.state({ records: false }), 'getUetTagAuthKey')).toEqual({ 200: 1 })
  })

  it('names client_secret when the secret is wrong', async () => {
    const message = await connectionError({ client_secret: 'not-the-demo-secret' })
    expect(message).toMatch(
      /Check client_secret: the Microsoft identity platform refused the token refresh: .*AADSTS7000215/
    )
    expect(requestsTo(harness.emulator.state({ records: false }), 'token')).toEqual({ 401: 1 })
  })

  it('names developer_token when Microsoft Advertising refuses it after a good token refresh', async () => {
    const message = await connectionError({ developer_token: 'WRONGDEVTOKEN' })
    expect(message).toContain(
      'Check developer_token or environment: Microsoft Advertising refused the account: [105 InvalidCredentials]'
    )
    expect(requestsTo(harness.emulator.state({ records: false }), 'getConversionGoalsByIds')).toEqual({ 401: 1 })
  })

  it('names oauth_refresh_token when the identity platform does not know it', async () => {
    expect(await connectionError({ oauth_refresh_token: 'a-refresh-token-nobody-issued' })).toMatch(
      /Check oauth_refresh_token: .*AADSTS70008/
    )
  })

  it('names client_id for an unknown application', async () => {
    expect(await connectionError({ client_id: '00000000-0000-4000-8000-000000000000' })).toMatch(
      /Check client_id: .*AADSTS700016/
    )
  })

  it('names customer_id and account_id for an account the user cannot access', async () => {
    expect(await connectionError({ account_id: '299999999' })).toContain(
      'Check customer_id or account_id: Microsoft Advertising refused the account: [106 UserIsNotAuthorized]'
    )
  })

  it('names uet_tag_id for a tag the customer does not have', async () => {
    expect(await connectionError({ uet_tag_id: '499999999' })).toContain(
      'Check uet_tag_id: customer 100000001 has no UET tag with ID 499999999.'
    )
  })
})
