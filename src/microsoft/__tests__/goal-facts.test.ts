import type { CampaignClient } from '../campaign-client'
import { GOAL_FACTS_TTL_MS, loadGoalFacts, setGoalFactsLookup } from '../goal-facts'

/** A client that answers the account's goals, counting the reads. */
function fakeClient(key: string, goals: unknown[] | Error) {
  const client = {
    reads: 0,
    accountKey: key,
    getConversionGoals: async () => {
      client.reads++
      await new Promise((resolve) => setImmediate(resolve))
      if (goals instanceof Error) throw goals
      return goals
    }
  }
  return client
}

describe("the account's goal facts (enhanced conversions)", () => {
  afterEach(() => setGoalFactsLookup(false))

  it('reads the goals once for batches that need them at the same time, and keeps them for the TTL', async () => {
    const client = fakeClient('k1', [
      { Name: 'Purchase', IsEnhancedConversionsEnabled: false },
      { Name: 'Lead', IsEnhancedConversionsEnabled: true },
      { Name: 'Other' }
    ])
    const asClient = client as unknown as CampaignClient
    const [a, b] = await Promise.all([loadGoalFacts(asClient, 1000), loadGoalFacts(asClient, 1000)])
    expect(client.reads).toBe(1)
    expect(a?.enhancedConversions('Purchase')).toBe(false)
    expect(b?.enhancedConversions('Lead')).toBe(true)
    expect(a?.enhancedConversions('Other')).toBeUndefined()
    await loadGoalFacts(asClient, 1000 + GOAL_FACTS_TTL_MS - 1)
    expect(client.reads).toBe(1)
    await loadGoalFacts(asClient, 1000 + GOAL_FACTS_TTL_MS)
    expect(client.reads).toBe(2)
  })

  it('gives nothing for a failed read, and reads again next time', async () => {
    const client = fakeClient('k2', new Error('down'))
    const asClient = client as unknown as CampaignClient
    expect(await loadGoalFacts(asClient, 1000)).toBeUndefined()
    expect(await loadGoalFacts(asClient, 1001)).toBeUndefined()
    expect(client.reads).toBe(2)
  })
})
