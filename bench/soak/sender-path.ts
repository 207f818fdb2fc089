import { deliverOfflineConversions } from '../../src/conversions/deliver'
import { CampaignClient } from '../../src/microsoft/campaign-client'
import { TokenManager } from '../../src/microsoft/oauth/token-manager'
import { DEMO } from '../hosts'
import { drain, Ledger } from './ledger'
import { settleOutcome, type PathContext } from './path'
import { RetryQueue } from './retry-queue'
import { neutralInput } from './workload'

/**
 * The standalone sender: neutral inputs through the core's deliverOfflineConversions and CampaignClient, with a
 * TokenManager minting and refreshing tokens from the refresh token, and a bounded retry loop around it.
 */
export async function runSenderPath(context: PathContext): Promise<Ledger> {
  const ledger = new Ledger()
  const queue = new RetryQueue(context.events, context.policy)
  const credentials = { clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, refreshToken: DEMO.refreshToken }
  const tokens = new TokenManager({ onRefresh: () => ledger.tokenRefreshes++ })
  const client = new CampaignClient({
    auth: { developerToken: DEMO.developerToken, customerId: DEMO.customerId, accountId: DEMO.accountId, accessToken: () => tokens.getAccessToken(credentials) },
    timeoutMs: context.clientTimeoutMs,
    onAuthFailure: async (_outcome, refusedAccessToken) => {
      await tokens.refreshAfterFailure(credentials, refusedAccessToken)
      return true
    }
  })
  await drain(queue, context.concurrency, async () => {
    const taken = queue.take(context.batchSize)
    if (!taken.length) return 0
    const outcomes = await deliverOfflineConversions(
      taken.map(({ item }) => neutralInput(item)),
      client,
      { defaultPhoneCountry: 'US' }
    )
    outcomes.forEach((outcome, i) => settleOutcome(ledger, queue, taken[i].item, outcome))
    context.onProgress(ledger.finals.size)
    return taken.length
  })
  return ledger
}
