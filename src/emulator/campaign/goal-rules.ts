import type { EmulatorState } from '../state/emulator-state'
import { isTagBased } from '../state/directory'
import { isCurrencyCode } from '../support/formats'
import type { GoalInput } from './goal-input'
import { failure, present, type ItemFailure } from './item-checks'

export const MAX_GOAL_NAME_LENGTH = 100
const MAX_REVENUE_VALUE = 9_999_999
const MAX_WINDOW_MINUTES = 129_600
/** Categories an offline goal may not use (https://learn.microsoft.com/advertising/campaign-management-service/offlineconversiongoal lists the allowed ones). */
const NOT_FOR_OFFLINE = new Set(['None', 'Unknown', 'Download'])
const NO_VARIABLE_REVENUE = new Set(['AppInstall', 'Duration', 'PagesViewedPerVisit'])
const EVENT_PAIRS: Array<[string, string]> = [
  ['ActionExpression', 'ActionOperator'],
  ['CategoryExpression', 'CategoryOperator'],
  ['LabelExpression', 'LabelOperator']
]

/**
 * AddConversionGoals item rules. `namesInRequest` holds the lower-cased names of the earlier goals of the same
 * request, for 5316.
 */
export function checkGoal(
  goal: GoalInput,
  customerId: string,
  namesInRequest: Set<string>,
  state: EmulatorState
): ItemFailure | undefined {
  if (goal.Id !== null && goal.Id !== undefined) return failure(5324, 'Id')
  if (!present(goal.Name)) return failure(5319, 'Name')
  if (goal.Name.trim() === '' || goal.Name.length > MAX_GOAL_NAME_LENGTH) return failure(5320, 'Name')
  const lower = goal.Name.toLowerCase()
  if (namesInRequest.has(lower)) return failure(5316, 'Name')
  namesInRequest.add(lower)
  if (state.directory.goalNameTaken(goal.Name, customerId)) return failure(5317, 'Name')
  if (goal.Status === 'Deleted') return failure(5328, 'Status')

  // Microsoft documents no code of its own for a refused GoalCategory: its generic 4407 InvalidValue.
  if (!goal.GoalCategory || goal.GoalCategory === 'None' || goal.GoalCategory === 'Unknown')
    return failure(4407, 'GoalCategory')
  if (goal.Type === 'OfflineConversion' && NOT_FOR_OFFLINE.has(goal.GoalCategory)) return failure(4407, 'GoalCategory')

  const revenue = goal.Revenue
  if (revenue) {
    if (revenue.Type === 'VariableValue' && NO_VARIABLE_REVENUE.has(goal.Type)) return failure(5332, 'Revenue.Type')
    if (revenue.Type === 'FixedValue' && (revenue.Value === null || revenue.Value === undefined))
      return failure(5333, 'Revenue.Value')
    if (
      revenue.Value !== null &&
      revenue.Value !== undefined &&
      !(revenue.Value >= 0 && revenue.Value <= MAX_REVENUE_VALUE)
    ) {
      return failure(5333, 'Revenue.Value')
    }
    if (present(revenue.CurrencyCode) && !isCurrencyCode(revenue.CurrencyCode))
      return failure(5351, 'Revenue.CurrencyCode')
    const valued = revenue.Type === 'FixedValue' || revenue.Type === 'VariableValue'
    if (goal.Scope === 'Customer' && valued && !present(revenue.CurrencyCode))
      return failure(5355, 'Revenue.CurrencyCode')
  }
  const window = goal.ConversionWindowInMinutes
  if (window !== null && window !== undefined && !(window >= 1 && window <= MAX_WINDOW_MINUTES))
    return failure(5337, 'ConversionWindowInMinutes')

  if (isTagBased(goal.Type)) {
    if (!present(goal.TagId)) return failure(5330, 'TagId')
    if (!state.directory.tagOf(customerId, goal.TagId)) return failure(5300, 'TagId')
  }
  if (goal.Type === 'Url' && !present(goal.UrlExpression as string | undefined)) return failure(5334, 'UrlExpression')
  if (
    goal.Type === 'Event' &&
    !EVENT_PAIRS.some(
      ([expression, operator]) =>
        present(goal[expression] as string | undefined) && present(goal[operator] as string | undefined)
    )
  ) {
    return failure(5336)
  }
  if (goal.Type === 'AppInstall' && !present(goal.AppStoreId as string | undefined)) return failure(5335, 'AppStoreId')
  return undefined
}
