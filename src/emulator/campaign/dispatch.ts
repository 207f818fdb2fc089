import type { CampaignOperation } from '../../microsoft/campaign-operations'
import type { FaultKind } from '../faults/fault-plan'
import type { EmulatorRequest, Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { guid } from '../support/ids'
import {
  applyOfflineConversionAdjustments,
  applyOfflineConversions,
  applyOnlineConversionAdjustments,
  type OperationCall
} from './apply-operations'
import { authenticate } from './authenticate'
import { overCallBudget } from './call-budget'
import { adApiFaultReply } from './faults'
import { addConversionGoals, getConversionGoalsByIds, getConversionGoalsByTagIds } from './goal-operations'
import {
  getOfflineConversionReportByGoalIds,
  getOfflineConversionReports
} from './offline-conversion-report-operations'
import { addUetTags, getUetTagAuthKey, getUetTagsByIds } from './uet-tag-operations'

const OPERATIONS: Record<CampaignOperation, (call: OperationCall) => Reply> = {
  applyOfflineConversions,
  applyOfflineConversionAdjustments,
  applyOnlineConversionAdjustments,
  addConversionGoals,
  getConversionGoalsByIds,
  getConversionGoalsByTagIds,
  addUetTags,
  getUetTagsByIds,
  getUetTagAuthKey,
  getOfflineConversionReportByGoalIds,
  getOfflineConversionReports
}

/**
 * One Campaign Management call: headers, then the `tokenExpiry` fault (a token that passed is answered 109 and,
 * when the token endpoint issued it, expired for good), then the operation.
 */
export function handleCampaign(
  operation: CampaignOperation,
  request: EmulatorRequest,
  state: EmulatorState,
  fault?: FaultKind
): Reply {
  const trackingId = guid()
  const auth = authenticate(request, operation, state)
  if (!auth.ok) return adApiFaultReply(trackingId, auth.code)
  if (overCallBudget(state, auth.caller.customerId)) return adApiFaultReply(trackingId, 117)
  if (fault === 'tokenExpiry') {
    if (auth.caller.accessToken !== state.seed.credentials.accessToken)
      state.tokens.expireAccess(auth.caller.accessToken, state.now())
    return adApiFaultReply(trackingId, 109)
  }
  return OPERATIONS[operation]({ body: request.body, trackingId, caller: auth.caller, state, fault, request })
}
