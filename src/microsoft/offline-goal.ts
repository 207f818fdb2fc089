import { GoalCategory, GoalCategorySchema, type ConversionGoal } from './models/goals'

/**
 * Offline conversion goals accept every category except these (GoalCategory of OfflineConversionGoal,
 * https://learn.microsoft.com/advertising/campaign-management-service/offlineconversiongoal).
 */
const NOT_FOR_OFFLINE_GOALS: ReadonlySet<GoalCategory> = new Set(['None', 'Unknown', 'Download'])

export const OFFLINE_GOAL_CATEGORIES: readonly GoalCategory[] = GoalCategorySchema.options.filter(
  (category) => !NOT_FOR_OFFLINE_GOALS.has(category)
)

/** Offline conversions are accepted up to 90 days after the click, which is also the longest window a goal may have. */
export const MAX_CONVERSION_WINDOW_DAYS = 90
const MINUTES_PER_DAY = 1440

export interface OfflineGoalSpec {
  name: string
  category?: GoalCategory
  /** 1 to 90; defaults to 90 so late offline conversions still count. */
  conversionWindowDays?: number
}

/**
 * The AddConversionGoals item for an account-level offline goal whose conversions carry their own value.
 * Microsoft accepts conversions for a new goal about two hours after it is created.
 */
export function offlineGoal(spec: OfflineGoalSpec): Partial<ConversionGoal> {
  const days = Math.min(
    Math.max(spec.conversionWindowDays ?? MAX_CONVERSION_WINDOW_DAYS, 1),
    MAX_CONVERSION_WINDOW_DAYS
  )
  return {
    Name: spec.name.trim(),
    Type: 'OfflineConversion',
    Scope: 'Account',
    Status: 'Active',
    CountType: 'All',
    GoalCategory: spec.category ?? 'Purchase',
    ConversionWindowInMinutes: Math.round(days * MINUTES_PER_DAY),
    Revenue: { Type: 'VariableValue' }
  }
}
