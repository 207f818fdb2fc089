import {
  CampaignClient,
  CapiClient,
  TokenManager,
  oauthTokenSource,
  type CapiEvent,
  type OfflineConversion
} from '../../microsoft'
import {
  ACCOUNT_ID,
  CREDENTIALS,
  CUSTOMER_ID,
  TAG_ID,
  capiEvent,
  clickId,
  control,
  isoAgo,
  HOUR,
  useEmulator
} from './helpers'

/** The package's own clients against the emulator: every answer must parse with the core's models. */
describe('the core clients on the emulator', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => {
    process.env.MSADS_API_BASE_URL = harness.url
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })

  function clients() {
    const tokens = new TokenManager()
    const credentials = {
      clientId: CREDENTIALS.clientId,
      clientSecret: CREDENTIALS.clientSecret,
      refreshToken: CREDENTIALS.refreshToken
    }
    const campaign = new CampaignClient({
      auth: {
        developerToken: CREDENTIALS.developerToken,
        customerId: CUSTOMER_ID,
        accountId: ACCOUNT_ID,
        accessToken: oauthTokenSource(tokens, credentials)
      }
    })
    return { tokens, credentials, campaign }
  }

  function records(count: number, overrides: Partial<OfflineConversion> = {}): OfflineConversion[] {
    return Array.from({ length: count }, (_, i) => ({
      ConversionName: 'Purchase',
      ConversionTime: isoAgo(HOUR),
      MicrosoftClickId: clickId(i + 1),
      ConversionValue: 5,
      ConversionCurrencyCode: 'USD',
      ...overrides
    }))
  }

  it('refreshes through the token endpoint and keeps the rotated refresh token', async () => {
    const { tokens, credentials } = clients()
    expect(await tokens.getAccessToken(credentials)).toMatch(/^EwAemu\./)
    expect(tokens.currentRefreshToken(credentials)).not.toBe(CREDENTIALS.refreshToken)
  })

  it('delivers offline conversions and maps item errors back to the right events', async () => {
    const { campaign } = clients()
    const batch = [
      ...records(3),
      { ConversionName: 'Nope', ConversionTime: isoAgo(HOUR), MicrosoftClickId: clickId(9) }
    ]
    const outcomes = await campaign.applyOfflineConversions(batch)
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['delivered', 'delivered', 'delivered', 'rejected'])
    expect(outcomes[3]).toMatchObject({ code: 5606, reason: 'OfflineConversionNameInvalid', field: 'conversion_name' })
    expect(outcomes[0].trackingId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('reads goals, tags and the CAPI key with the core models', async () => {
    const { campaign } = clients()
    expect((await campaign.getConversionGoals()).map((goal) => goal.Name)).toEqual([
      'Purchase',
      'Lead',
      'Sign Up',
      'Subscribe',
      'Add to Cart'
    ])
    const added = await campaign.addConversionGoals([
      { Type: 'OfflineConversion', Name: 'Demo call', GoalCategory: 'Contact' }
    ])
    expect(added.ids).toEqual([expect.stringMatching(/^\d+$/)])
    expect((await campaign.getUetTags()).map((tag) => tag.Id)).toEqual([TAG_ID])
    expect(await campaign.getUetTagAuthKey(TAG_ID)).toBe('emulator-demo-capi-token')
  })

  it('classifies faults as the design says: 117 and 5612 retry, 109 refreshes and succeeds', async () => {
    const { campaign } = clients()
    await control(harness.url, 'POST', 'faults', {
      rate: 1,
      kinds: ['throttle'],
      retryAfterSeconds: 12,
      routes: ['apply']
    })
    const throttled = await campaign.applyOfflineConversions(records(2))
    expect(throttled[0]).toMatchObject({ outcome: 'retry', code: 117, status: 429, retryAfterSeconds: 12 })

    await control(harness.url, 'POST', 'faults', { rate: 1, kinds: ['partialErrors'], itemRate: 1, routes: ['apply'] })
    const partial = await campaign.applyOfflineConversions(records(2))
    expect(partial.map((outcome) => [outcome.outcome, outcome.code])).toEqual([
      ['retry', 5612],
      ['retry', 5612]
    ])

    await control(harness.url, 'POST', 'faults', { rate: 1, kinds: ['tokenExpiry'], routes: ['apply'] })
    const expired = await campaign.applyOfflineConversions(records(1))
    expect(expired[0]).toMatchObject({ outcome: 'auth', code: 109 })
    await control(harness.url, 'DELETE', 'faults')
    expect((await campaign.applyOfflineConversions(records(2))).map((outcome) => outcome.outcome)).toEqual([
      'delivered',
      'delivered'
    ])
    expect((await control(harness.url, 'GET', 'state?records=false')).body.offlineConversions).toMatchObject({
      count: 2,
      duplicates: 0
    })
  })

  it('sends CAPI events and reads warnings and errors per event', async () => {
    const client = new CapiClient({ tagId: TAG_ID, token: 'emulator-demo-capi-token' })
    const events = [
      capiEvent({ eventId: 'a' }),
      capiEvent({ eventId: 'b', userData: { em: 'not-a-hash', externalId: 'u1' } }),
      capiEvent({ eventId: 'c', eventType: 'bogus' })
    ]
    const outcomes = await client.send(events as unknown as CapiEvent[])
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['delivered', 'delivered', 'rejected'])
    expect(outcomes[1].warnings).toEqual([expect.objectContaining({ field: 'userData.em', rule: 'InvalidSha256' })])
    expect(outcomes[2]).toMatchObject({ code: 'InvalidEnumValue' })
    const refused = await new CapiClient({ tagId: TAG_ID, token: 'wrong' }).send([
      capiEvent()
    ] as unknown as CapiEvent[])
    expect(refused[0]).toMatchObject({ outcome: 'auth', status: 401 })
  })
})
