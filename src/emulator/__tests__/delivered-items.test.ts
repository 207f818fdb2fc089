import { CampaignClient } from '../../microsoft'
import {
  deliverAdjustmentItems,
  deliverOfflineConversionItems,
  deliverOfflineConversions,
  prepareAdjustments,
  prepareOfflineConversions
} from '../../conversions/deliver'
import { ACCOUNT_ID, CLICK_ID, CREDENTIALS, CUSTOMER_ID, HOUR, SHA_EMAIL, isoAgo, useEmulator } from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}

/** What a caller that records each input's item (send's forward log) gets: the item the delivery built and sent. */
describe('deliver*Items', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => (process.env.MSADS_API_BASE_URL = harness.url))
  afterAll(() => {
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })

  it('gives the outcomes deliver* gives and, per input, the item prepare* builds (none for a refused or repeated input)', async () => {
    const conversionTime = isoAgo(HOUR)
    const inputs = [
      { conversionName: 'Purchase', conversionTime, clickId: { mapped: CLICK_ID }, value: 3, currency: 'usd' },
      { conversionName: 'Purchase', conversionTime, email: 'John@Contoso.com', transactionId: 'T-2' },
      { conversionName: 'Purchase', conversionTime: 'yesterday', email: 'john@contoso.com' },
      { conversionName: 'Purchase', conversionTime, email: 'John@Contoso.com', transactionId: 'T-2' }
    ]
    const options = { now: () => Date.now() }
    const { outcomes, items } = await deliverOfflineConversionItems(inputs, new CampaignClient({ auth: AUTH }), options)
    harness.emulator.reset()
    const plain = await deliverOfflineConversions(inputs, new CampaignClient({ auth: AUTH }), options)
    expect(outcomes.map((outcome) => [outcome.outcome, outcome.reason])).toEqual(
      plain.map((outcome) => [outcome.outcome, outcome.reason])
    )
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['delivered', 'delivered', 'rejected', 'skipped'])
    const built = prepareOfflineConversions(inputs, options).groups.applyOfflineConversions ?? []
    expect(items).toEqual([built[0], built[1], undefined, undefined])
    expect(items[1]).toMatchObject({ HashedEmailAddress: SHA_EMAIL, ConversionName: 'Purchase' })
  })

  it('gives the adjustment the core built, as it builds it', async () => {
    const inputs = [
      {
        adjustmentType: 'Restate',
        conversionName: 'Purchase',
        conversionTime: isoAgo(2 * HOUR),
        adjustmentTime: isoAgo(HOUR),
        adjustmentValue: 5,
        clickId: { mapped: CLICK_ID }
      }
    ]
    const { items } = await deliverAdjustmentItems(inputs, new CampaignClient({ auth: AUTH }), {})
    expect(items).toEqual(prepareAdjustments(inputs, {}).groups.applyOfflineConversionAdjustments)
  })
})
