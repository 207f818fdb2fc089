import type { StoredGoal } from '../state/directory'
import { SUBTYPE_FIELD_NAMES } from './goal-input'

/** ReturnAdditionalFields values for goals; anything else cannot be deserialised. */
export const GOAL_ADDITIONAL_FIELDS = [
  'ViewThroughConversionWindowInMinutes',
  'IsExternallyAttributed',
  'GoalCategory',
  'InactiveDueToTagUnavailable',
  'AttributionModelType',
  'IsEnhancedConversionsEnabled',
  'IsAutoGoal'
] as const

/**
 * A goal as GetConversionGoalsBy* returns it: base elements in schema order, the subtype's own after them.
 * Elements marked "not returned by default" appear only when asked for in ReturnAdditionalFields.
 */
export function goalView(goal: StoredGoal, additional: ReadonlySet<string>): Record<string, unknown> {
  const view: Record<string, unknown> = {}
  if (additional.has('AttributionModelType')) view.AttributionModelType = goal.attributionModelType
  view.ConversionWindowInMinutes = goal.conversionWindowInMinutes
  view.CountType = goal.countType
  view.ExcludeFromBidding = goal.excludeFromBidding
  if (additional.has('GoalCategory')) view.GoalCategory = goal.goalCategory
  view.Id = goal.id
  if (additional.has('IsAutoGoal')) view.IsAutoGoal = goal.isAutoGoal
  if (additional.has('IsEnhancedConversionsEnabled'))
    view.IsEnhancedConversionsEnabled = goal.isEnhancedConversionsEnabled
  view.Name = goal.name
  view.Revenue = { CurrencyCode: goal.revenue.currencyCode, Type: goal.revenue.type, Value: goal.revenue.value }
  view.Scope = goal.scope
  view.Status = goal.status
  view.TagId = goal.tagId
  view.TrackingStatus =
    goal.trackingStatus === 'InactiveDueToTagUnavailable' && !additional.has('InactiveDueToTagUnavailable')
      ? 'TagInactive'
      : goal.trackingStatus
  view.Type = goal.type
  if (additional.has('ViewThroughConversionWindowInMinutes'))
    view.ViewThroughConversionWindowInMinutes = goal.viewThroughConversionWindowInMinutes
  if (goal.type === 'OfflineConversion') {
    if (additional.has('IsExternallyAttributed')) view.IsExternallyAttributed = goal.isExternallyAttributed
  } else {
    for (const field of SUBTYPE_FIELD_NAMES[goal.type]) view[field] = goal.subtype[field] ?? null
  }
  return view
}
