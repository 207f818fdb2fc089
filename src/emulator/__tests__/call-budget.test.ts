import { CampaignClient } from '../../microsoft'
import { CallRate } from '../../microsoft/call-rate'
import { ACCOUNT_ID, CREDENTIALS, CUSTOMER_ID, campaign, conversion, useEmulator } from './helpers'

describe('the per-minute call budget (callsPerMinute)', () => {
  const harness = useEmulator()

  it('answers 117 CallRateExceeded past the budget in a sliding minute, without a fault plan', async () => {
    harness.emulator.setOptions({ callsPerMinute: 2 })
    const call = () => campaign(harness.url, 'OfflineConversions/Apply', { OfflineConversions: [conversion()] })
    expect((await call()).status).toBe(200)
    expect((await call()).status).toBe(200)
    const third = await call()
    expect(third.status).toBe(429)
    expect(third.body.Errors[0]).toMatchObject({ Code: 117, ErrorCode: 'CallRateExceeded' })
  })

  it('lowers the sender pace after the 117 it answers', async () => {
    harness.emulator.setOptions({ callsPerMinute: 1 })
    const previous = process.env.MSADS_API_BASE_URL
    process.env.MSADS_API_BASE_URL = harness.url
    try {
      const pace = new CallRate({ now: () => Date.now(), sleep: async () => undefined })
      const client = new CampaignClient({
        auth: {
          developerToken: CREDENTIALS.developerToken,
          customerId: CUSTOMER_ID,
          accountId: ACCOUNT_ID,
          accessToken: CREDENTIALS.accessToken
        },
        callRate: pace
      })
      await client.getConversionGoals()
      const goals = client.getConversionGoals()
      await expect(goals).rejects.toMatchObject({ outcome: { reason: 'CallRateExceeded' } })
      expect(pace.perMinute).toBe(1)
    } finally {
      if (previous === undefined) delete process.env.MSADS_API_BASE_URL
      else process.env.MSADS_API_BASE_URL = previous
    }
  })
})
