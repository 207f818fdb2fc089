import type { GoalFacts } from '../conversions/goal-facts'
import type { CampaignClient } from './campaign-client'

export type { GoalFacts } from '../conversions/goal-facts'

/** How long the goals read from an account are trusted before they are read again. */
export const GOAL_FACTS_TTL_MS = 10 * 60_000

interface Cached {
  readAt: number
  /** One read per account at a time: the batches that need it meanwhile wait for the same answer. */
  facts: Promise<GoalFacts | undefined>
}

const cache = new Map<string, Cached>()
let lookup = false

/**
 * Turns on reading the account's goals before a hash-only conversion is sent (the msads command does, at start).
 * Off, only a `goalFacts` option given to the core is used: a host whose requests are pinned (Segment's exact-request
 * tests) makes no extra call.
 */
export function setGoalFactsLookup(on: boolean): void {
  lookup = on
  if (!on) cache.clear()
}

export function goalFactsLookupEnabled(): boolean {
  return lookup
}

function factsOf(flags: ReadonlyMap<string, boolean>): GoalFacts {
  return { enhancedConversions: (name) => flags.get(name.toLowerCase()) }
}

/**
 * The account's offline goals (GetConversionGoalsByIds with IsEnhancedConversionsEnabled), read once per account
 * per GOAL_FACTS_TTL_MS. A failed read gives undefined: the conversions are sent and Microsoft decides.
 */
export async function loadGoalFacts(client: CampaignClient, now: number = Date.now()): Promise<GoalFacts | undefined> {
  const key = client.accountKey
  const cached = cache.get(key)
  if (cached && now - cached.readAt < GOAL_FACTS_TTL_MS) return cached.facts
  const facts = readGoalFacts(client)
  cache.set(key, { readAt: now, facts })
  const read = await facts
  // A failed read is not kept: the next batch that needs the goals tries again.
  if (read === undefined && cache.get(key)?.facts === facts) cache.delete(key)
  return read
}

async function readGoalFacts(client: CampaignClient): Promise<GoalFacts | undefined> {
  try {
    const goals = await client.getConversionGoals({
      types: ['OfflineConversion'],
      additionalFields: 'IsEnhancedConversionsEnabled'
    })
    const flags = new Map<string, boolean>()
    for (const goal of goals) {
      if (typeof goal.Name === 'string' && typeof goal.IsEnhancedConversionsEnabled === 'boolean')
        flags.set(goal.Name.toLowerCase(), goal.IsEnhancedConversionsEnabled)
    }
    return factsOf(flags)
  } catch {
    return undefined
  }
}
