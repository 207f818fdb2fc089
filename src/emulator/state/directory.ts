import type { ConversionGoalType } from '../../microsoft/models'
import { normalClickId } from '../support/formats'
import { MINUTE_MS } from '../support/time'
import type { EmulatorSeed, SeedCustomer, SeedGoal, SeedTag } from '../seed'

/** A goal as the emulator keeps it: the seed's fields plus what Add may set and when it was created. */
export interface StoredGoal extends Omit<SeedGoal, 'ageMinutes'> {
  createdAt: number
  excludeFromBidding: boolean
  attributionModelType: string | null
  viewThroughConversionWindowInMinutes: number | null
  isEnhancedConversionsEnabled: boolean | null
  isAutoGoal: boolean
  trackingStatus: string
  /** Url, Event, Duration, PagesViewedPerVisit and AppInstall fields, kept as sent. */
  subtype: Record<string, unknown>
}

export type StoredTag = SeedTag

export interface Click {
  clickTime: number
}

const TAG_BASED_TYPES: ReadonlySet<ConversionGoalType> = new Set(['Url', 'Event', 'Duration', 'PagesViewedPerVisit'])

export function isTagBased(type: ConversionGoalType): boolean {
  return TAG_BASED_TYPES.has(type)
}

/** Customers, accounts, goals, tags and known clicks: the account data Microsoft keeps between calls. */
export class Directory {
  readonly customers = new Map<string, SeedCustomer>()
  private readonly accountCustomer = new Map<string, string>()
  readonly goals = new Map<string, StoredGoal>()
  readonly tags = new Map<string, StoredTag>()
  readonly clicks = new Map<string, Click>()
  private nextGoalId = 1
  private nextTagId = 1

  constructor(seed: EmulatorSeed, startedAt: number) {
    for (const customer of seed.customers) {
      this.customers.set(customer.id, customer)
      for (const account of customer.accounts) this.accountCustomer.set(account.id, customer.id)
    }
    for (const goal of seed.goals) {
      const { ageMinutes, ...fields } = goal
      this.storeGoal({
        ...fields,
        createdAt: startedAt - ageMinutes * MINUTE_MS,
        excludeFromBidding: false,
        attributionModelType: null,
        viewThroughConversionWindowInMinutes: null,
        isEnhancedConversionsEnabled: fields.isEnhancedConversionsEnabled ?? null,
        isAutoGoal: false,
        trackingStatus:
          goal.type === 'OfflineConversion' || goal.type === 'AppInstall' ? 'NoRecentConversions' : 'TagUnverified',
        subtype: {}
      })
    }
    for (const tag of seed.tags) this.storeTag({ ...tag })
    for (const click of seed.clicks) this.addClick(click.msclkid, Date.parse(click.clickTime))
    this.nextGoalId = Math.max(300_000_001, ...[...this.goals.keys()].map((id) => Number(id) + 1))
    this.nextTagId = Math.max(400_000_001, ...[...this.tags.keys()].map((id) => Number(id) + 1))
  }

  customerOfAccount(accountId: string): string | undefined {
    return this.accountCustomer.get(accountId)
  }

  /** The demo user may use every seeded customer, and every account under the customer it belongs to. */
  canAccess(customerId: string, accountId?: string): boolean {
    if (!this.customers.has(customerId)) return false
    return accountId === undefined || this.accountCustomer.get(accountId) === customerId
  }

  newGoalId(): string {
    return String(this.nextGoalId++)
  }

  newTagId(): string {
    return String(this.nextTagId++)
  }

  storeGoal(goal: StoredGoal): void {
    this.goals.set(goal.id, goal)
  }

  storeTag(tag: StoredTag): void {
    this.tags.set(tag.id, tag)
  }

  /** Goals an account sees: its own Account-scope goals and its customer's Customer-scope goals, Deleted ones left out. */
  isVisible(goal: StoredGoal, customerId: string, accountId: string): boolean {
    if (goal.status === 'Deleted' || goal.customerId !== customerId) return false
    return goal.scope === 'Customer' || goal.accountId === accountId
  }

  visibleGoals(customerId: string, accountId: string): StoredGoal[] {
    return [...this.goals.values()]
      .filter((goal) => this.isVisible(goal, customerId, accountId))
      .sort((a, b) => Number(a.id) - Number(b.id))
  }

  /** The goal whose name matches exactly, among the goals the account sees, optionally of one type. */
  goalNamed(name: string, customerId: string, accountId: string, type?: ConversionGoalType): StoredGoal | undefined {
    for (const goal of this.goals.values()) {
      if (goal.name === name && (!type || goal.type === type) && this.isVisible(goal, customerId, accountId))
        return goal
    }
    return undefined
  }

  /** Goal names are unique per customer; compared without case, as a stricter reading of "unique". */
  goalNameTaken(name: string, customerId: string): boolean {
    const wanted = name.toLowerCase()
    for (const goal of this.goals.values()) {
      if (goal.customerId === customerId && goal.status !== 'Deleted' && goal.name.toLowerCase() === wanted) return true
    }
    return false
  }

  tagsOf(customerId: string): StoredTag[] {
    return [...this.tags.values()]
      .filter((tag) => tag.customerId === customerId)
      .sort((a, b) => Number(a.id) - Number(b.id))
  }

  tagOf(customerId: string, tagId: string): StoredTag | undefined {
    const tag = this.tags.get(tagId)
    return tag && tag.customerId === customerId ? tag : undefined
  }

  tagNameTaken(name: string, customerId: string): boolean {
    const wanted = name.toLowerCase()
    return this.tagsOf(customerId).some((tag) => tag.name.toLowerCase() === wanted)
  }

  addClick(msclkid: string, clickTime: number): void {
    this.clicks.set(normalClickId(msclkid), { clickTime })
  }

  click(msclkid: string): Click | undefined {
    return this.clicks.get(normalClickId(msclkid))
  }
}
