/**
 * The Campaign Management v13 REST operations this package uses: route, list key and item limit.
 * `Apply<X>` is POST `<X>/Apply`, `Get<X>By<Y>` is POST `<X>/QueryBy<Y>`, `Add<X>` is POST `<X>`.
 */
export const CAMPAIGN_OPERATIONS = {
  applyOfflineConversions: {
    method: 'POST',
    path: 'OfflineConversions/Apply',
    listKey: 'OfflineConversions',
    maxItems: 1000
  },
  applyOfflineConversionAdjustments: {
    method: 'POST',
    path: 'OfflineConversionAdjustments/Apply',
    listKey: 'OfflineConversionAdjustments',
    maxItems: 1000
  },
  applyOnlineConversionAdjustments: {
    method: 'POST',
    path: 'OnlineConversionAdjustments/Apply',
    listKey: 'OnlineConversionAdjustments',
    maxItems: 1000
  },
  addConversionGoals: { method: 'POST', path: 'ConversionGoals', listKey: 'ConversionGoals', maxItems: 100 },
  getConversionGoalsByIds: {
    method: 'POST',
    path: 'ConversionGoals/QueryByIds',
    listKey: 'ConversionGoalIds',
    maxItems: 100
  },
  getConversionGoalsByTagIds: {
    method: 'POST',
    path: 'ConversionGoals/QueryByTagIds',
    listKey: 'TagIds',
    maxItems: 100
  },
  addUetTags: { method: 'POST', path: 'UetTags', listKey: 'UetTags', maxItems: 100 },
  getUetTagsByIds: { method: 'POST', path: 'UetTags/QueryByIds', listKey: 'TagIds', maxItems: 100 },
  getUetTagAuthKey: { method: 'POST', path: 'UetTagAuthKey/Query', listKey: 'UetTagId', maxItems: 1 },
  // The REST page gives OfflineConversionReport/QueryByGoalIds (singular), as Get<X>By<Y> maps to <X>/QueryBy<Y>.
  getOfflineConversionReportByGoalIds: {
    method: 'POST',
    path: 'OfflineConversionReport/QueryByGoalIds',
    listKey: 'GoalIds',
    maxItems: 20
  },
  getOfflineConversionReports: {
    method: 'POST',
    path: 'OfflineConversionReports/Query',
    listKey: 'DailySummaries',
    maxItems: 1
  }
} as const

export type CampaignOperation = keyof typeof CAMPAIGN_OPERATIONS

export type ApplyOperation =
  'applyOfflineConversions' | 'applyOfflineConversionAdjustments' | 'applyOnlineConversionAdjustments'
