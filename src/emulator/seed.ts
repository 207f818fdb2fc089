import type { ConversionGoalType, GoalCategory } from '../microsoft/models'

/**
 * What the emulator starts from: demo credentials, who may access which account, goals, tags and clicks.
 * Every value is a demo value of this emulator only, and is readable through GET /__emulator/seed.
 */
export interface SeedCredentials {
  /** The app registration's Application (client) id, a GUID. */
  clientId: string
  clientSecret: string
  /** A refresh token that the token endpoint accepts from the start. */
  refreshToken: string
  /** An access token that never expires (until /__emulator/tokens/expire), for tests that skip OAuth. */
  accessToken: string
  developerToken: string
}

export interface SeedAccount {
  id: string
  name: string
  currencyCode: string
}

export interface SeedCustomer {
  id: string
  name: string
  /** False makes every offline conversion of this customer fail with 5613. */
  offlineConversionsEnabled: boolean
  accounts: SeedAccount[]
}

export interface SeedGoalRevenue {
  type: 'NoValue' | 'FixedValue' | 'VariableValue'
  value: number | null
  currencyCode: string | null
}

export interface SeedGoal {
  id: string
  name: string
  type: ConversionGoalType
  customerId: string
  /** The account that owns an Account-scope goal (and the one it was created from for Customer scope). */
  accountId: string
  scope: 'Account' | 'Customer'
  status: 'Active' | 'Paused' | 'Deleted'
  countType: 'All' | 'Unique'
  goalCategory: GoalCategory
  conversionWindowInMinutes: number
  revenue: SeedGoalRevenue
  tagId: string | null
  isExternallyAttributed: boolean
  isEnhancedConversionsEnabled?: boolean | null
  /** How long before the emulator started the goal was created; 5615 compares it with the readiness age. */
  ageMinutes: number
}

export interface SeedTag {
  id: string
  name: string
  description: string | null
  customerId: string
  /** The tag's Conversions API key; null until UetTagAuthKey/Query creates one. */
  capiToken: string | null
}

/** A known ad click, so that 5616 (conversion before the click) and 5617 (outside the goal window) can apply. */
export interface SeedClick {
  msclkid: string
  /** ISO-8601 UTC. */
  clickTime: string
}

export interface EmulatorSeed {
  credentials: SeedCredentials
  customers: SeedCustomer[]
  goals: SeedGoal[]
  tags: SeedTag[]
  clicks: SeedClick[]
}

const CUSTOMER_ID = '100000001'
const ACCOUNT_ID = '200000001'
const TAG_ID = '400000001'
const THIRTY_DAYS_IN_MINUTES = 43_200

function offlineGoal(id: string, name: string, goalCategory: GoalCategory): SeedGoal {
  return {
    id,
    name,
    type: 'OfflineConversion',
    customerId: CUSTOMER_ID,
    accountId: ACCOUNT_ID,
    scope: 'Account',
    status: 'Active',
    countType: 'All',
    goalCategory,
    conversionWindowInMinutes: THIRTY_DAYS_IN_MINUTES,
    revenue: { type: 'VariableValue', value: 0, currencyCode: 'USD' },
    tagId: null,
    isExternallyAttributed: false,
    ageMinutes: THIRTY_DAYS_IN_MINUTES
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

export const DEFAULT_SEED: EmulatorSeed = deepFreeze({
  credentials: {
    clientId: '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6',
    clientSecret: 'emulator-demo-client-secret',
    refreshToken: 'emulator-demo-refresh-token',
    accessToken: 'emulator-demo-access-token',
    developerToken: 'EMULATORDEVTOKEN'
  },
  customers: [
    {
      id: CUSTOMER_ID,
      name: 'Emulator Demo Customer',
      offlineConversionsEnabled: true,
      accounts: [{ id: ACCOUNT_ID, name: 'Emulator Demo Account', currencyCode: 'USD' }]
    }
  ],
  goals: [
    offlineGoal('300000001', 'Purchase', 'Purchase'),
    offlineGoal('300000002', 'Lead', 'SubmitLeadForm'),
    offlineGoal('300000003', 'Sign Up', 'Signup'),
    offlineGoal('300000004', 'Subscribe', 'Subscribe'),
    offlineGoal('300000005', 'Add to Cart', 'AddToCart')
  ],
  tags: [
    {
      id: TAG_ID,
      name: 'Emulator Demo Tag',
      description: 'The UET tag of the emulator seed',
      customerId: CUSTOMER_ID,
      capiToken: 'emulator-demo-capi-token'
    }
  ],
  clicks: []
})

/** A deep copy, so that state built from a seed never changes the seed. */
export function cloneSeed(seed: EmulatorSeed): EmulatorSeed {
  return JSON.parse(JSON.stringify(seed)) as EmulatorSeed
}

/**
 * A partial seed over a base: `credentials` merges field by field, every other key that is given replaces the
 * base's list as a whole.
 */
export function mergeSeed(base: EmulatorSeed, partial: Partial<EmulatorSeed> = {}): EmulatorSeed {
  return cloneSeed({
    credentials: { ...base.credentials, ...(partial.credentials ?? {}) },
    customers: partial.customers ?? base.customers,
    goals: partial.goals ?? base.goals,
    tags: partial.tags ?? base.tags,
    clicks: partial.clicks ?? base.clicks
  })
}
