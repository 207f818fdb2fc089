import { CampaignClient } from '../../microsoft'
import { deliverOfflineConversions } from '../../conversions/deliver'
import { setGoalFactsLookup } from '../../microsoft/goal-facts'
import {
  ACCOUNT_ID,
  CREDENTIALS,
  CUSTOMER_ID,
  HOUR,
  SHA_EMAIL,
  campaign,
  control,
  conversion,
  isoAgo,
  useEmulator
} from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}

/** The default seed's customer and account with one goal, "Purchase", whose enhanced conversions are off. */
async function seedGoalWithoutEnhancedConversions(url: string): Promise<void> {
  await control(url, 'POST', 'seed', {
    goals: [
      {
        id: '300000001',
        name: 'Purchase',
        customerId: CUSTOMER_ID,
        accountId: ACCOUNT_ID,
        isEnhancedConversionsEnabled: false,
        ageMinutes: 600
      }
    ]
  })
}

describe('hash-only conversions to a goal without enhanced conversions', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => {
    process.env.MSADS_API_BASE_URL = harness.url
    setGoalFactsLookup(false)
    setGoalFactsLookup(true)
  })
  afterAll(() => {
    setGoalFactsLookup(false)
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })

  it('the emulator refuses with NotEligibleForEnhancedConversions, and still takes a click id conversion', async () => {
    await seedGoalWithoutEnhancedConversions(harness.url)
    const answer = await campaign(harness.url, 'OfflineConversions/Apply', {
      OfflineConversions: [
        conversion({ MicrosoftClickId: undefined, HashedEmailAddress: SHA_EMAIL }),
        conversion({ HashedEmailAddress: SHA_EMAIL })
      ]
    })
    expect(answer.body.PartialErrors).toEqual([
      expect.objectContaining({ Index: 0, ErrorCode: 'NotEligibleForEnhancedConversions' })
    ])
  })

  it('are rejected before any Apply call, with a reason that says what to change in Microsoft Advertising', async () => {
    await seedGoalWithoutEnhancedConversions(harness.url)
    const time = isoAgo(HOUR)
    const outcomes = await deliverOfflineConversions(
      [
        { conversionName: 'Purchase', conversionTime: time, email: 'john@contoso.com' },
        { conversionName: 'Purchase', conversionTime: time, clickId: { mapped: 'f894f652ea334e739002f7167ab8f8e3' } }
      ],
      new CampaignClient({ auth: AUTH })
    )
    expect(outcomes[0]).toMatchObject({
      outcome: 'rejected',
      reason: 'NotEligibleForEnhancedConversions',
      field: 'conversion_name'
    })
    expect(outcomes[0].message).toMatch(/turn on enhanced conversions/)
    expect(outcomes[1].outcome).toBe('delivered')
    const state = harness.emulator.state()
    expect(state.offlineConversions.count).toBe(1)
    // Refused here, not by Microsoft: no code or TrackingId of an answer.
    expect(outcomes[0].code).toBeUndefined()
    expect(outcomes[0].trackingId).toBeUndefined()
  })

  it('are sent when the goal has enhanced conversions on, or when the flag is not known', async () => {
    const outcomes = await deliverOfflineConversions(
      [{ conversionName: 'Purchase', conversionTime: isoAgo(HOUR), email: 'john@contoso.com' }],
      new CampaignClient({ auth: AUTH })
    )
    expect(outcomes[0].outcome).toBe('delivered')
  })
})
