import { z } from 'zod'
import { ConversionGoalType, ConversionGoalTypeSchema, LongId, nullish, type BatchError } from '../../microsoft/models'
import type { Reply } from '../server/reply'
import { isTagBased, type StoredGoal } from '../state/directory'
import type { EmulatorState } from '../state/emulator-state'
import type { OperationCall } from './apply-operations'
import type { Caller } from './authenticate'
import { apiFaultReply, batchError, okReply, operationError } from './faults'
import { parseFlags } from './flags'
import { SUBTYPE_FIELD_NAMES, parseGoalInput, type GoalInput } from './goal-input'
import { checkGoal } from './goal-rules'
import { GOAL_ADDITIONAL_FIELDS, goalView } from './goal-view'
import { parseCampaignBody } from './parse-body'

const DEFAULT_WINDOW_MINUTES = 43_200

const addRequest = z.object({ ConversionGoals: nullish(z.array(z.unknown())) }).strict()
const byIdsRequest = z
  .object({
    ConversionGoalIds: nullish(z.array(LongId)),
    ConversionGoalTypes: nullish(z.string()),
    ReturnAdditionalFields: nullish(z.string())
  })
  .strict()
const byTagIdsRequest = z
  .object({
    TagIds: nullish(z.array(LongId)),
    ConversionGoalTypes: nullish(z.string()),
    ReturnAdditionalFields: nullish(z.string())
  })
  .strict()

function storedGoal(input: GoalInput, id: string, caller: Caller, now: number): StoredGoal {
  const subtype = Object.fromEntries(SUBTYPE_FIELD_NAMES[input.Type].map((field) => [field, input[field] ?? null]))
  return {
    id,
    name: input.Name as string,
    type: input.Type,
    customerId: caller.customerId,
    accountId: caller.accountId as string,
    scope: input.Scope ?? 'Account',
    status: input.Status ?? 'Active',
    countType: input.CountType ?? 'All',
    goalCategory: input.GoalCategory ?? 'Other',
    conversionWindowInMinutes: input.ConversionWindowInMinutes ?? DEFAULT_WINDOW_MINUTES,
    revenue: {
      type: input.Revenue?.Type ?? 'NoValue',
      value: input.Revenue?.Value ?? null,
      currencyCode: input.Revenue?.CurrencyCode ?? null
    },
    tagId: isTagBased(input.Type) ? (input.TagId ?? null) : null,
    isExternallyAttributed: input.Type === 'OfflineConversion' && subtype.IsExternallyAttributed === true,
    createdAt: now,
    excludeFromBidding: input.ExcludeFromBidding ?? false,
    attributionModelType: input.AttributionModelType ?? null,
    viewThroughConversionWindowInMinutes: input.ViewThroughConversionWindowInMinutes ?? null,
    isEnhancedConversionsEnabled: input.IsEnhancedConversionsEnabled ?? null,
    isAutoGoal: false,
    trackingStatus:
      input.Type === 'OfflineConversion' || input.Type === 'AppInstall' ? 'NoRecentConversions' : 'TagUnverified',
    subtype: input.Type === 'OfflineConversion' ? {} : subtype
  }
}

/** AddConversionGoals: ids index-aligned with the request, null where the goal failed. */
export function addConversionGoals(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, addRequest, {
    key: 'ConversionGoals',
    max: 100,
    emptyCode: 5321,
    tooManyCode: 5322
  })
  if (!parsed.ok) return parsed.reply
  const inputs: Array<GoalInput | null> = []
  for (const [index, value] of (parsed.value.ConversionGoals ?? []).entries()) {
    const result = parseGoalInput(value, index)
    if ('problem' in result) return apiFaultReply(call.trackingId, [operationError(201, result.problem)])
    inputs.push(result.goal)
  }

  const { state, caller } = call
  const ids: Array<string | null> = []
  const errors: BatchError[] = []
  const names = new Set<string>()
  inputs.forEach((input, index) => {
    const problem = input === null ? { code: 5323, field: null } : checkGoal(input, caller.customerId, names, state)
    if (problem || input === null) {
      ids.push(null)
      errors.push(batchError(problem?.code ?? 5323, index, problem?.field ?? null))
      return
    }
    const id = state.directory.newGoalId()
    state.directory.storeGoal(storedGoal(input, id, caller, state.now()))
    ids.push(id)
  })
  return okReply(call.trackingId, { ConversionGoalIds: ids, PartialErrors: errors })
}

type QueryOptions = { types: ConversionGoalType[]; additional: Set<string> } | { reply: Reply }

function queryOptions(
  call: OperationCall,
  typesText: string | null | undefined,
  additionalText: string | null | undefined
): QueryOptions {
  const types = parseFlags(typesText, ConversionGoalTypeSchema.options)
  if ('unknown' in types)
    return {
      reply: apiFaultReply(call.trackingId, [
        operationError(201, `ConversionGoalTypes: unknown value ${types.unknown}`)
      ])
    }
  if (types.values.length === 0) return { reply: apiFaultReply(call.trackingId, [operationError(5329)]) }
  const additional = parseFlags(additionalText, GOAL_ADDITIONAL_FIELDS)
  if ('unknown' in additional)
    return {
      reply: apiFaultReply(call.trackingId, [
        operationError(201, `ReturnAdditionalFields: unknown value ${additional.unknown}`)
      ])
    }
  return { types: types.values, additional: new Set(additional.values) }
}

function accountOf(caller: Caller): string {
  return caller.accountId as string
}

/** GetConversionGoalsByIds: aligned with the ids (null + 5314/5347 where not found); no ids means every goal of the types. */
export function getConversionGoalsByIds(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, byIdsRequest, {
    key: 'ConversionGoalIds',
    max: 100,
    tooManyCode: 5318
  })
  if (!parsed.ok) return parsed.reply
  const options = queryOptions(call, parsed.value.ConversionGoalTypes, parsed.value.ReturnAdditionalFields)
  if ('reply' in options) return options.reply
  const { state, caller } = call
  const ids = parsed.value.ConversionGoalIds ?? []
  if (ids.length === 0) {
    const goals = state.directory
      .visibleGoals(caller.customerId, accountOf(caller))
      .filter((goal) => options.types.includes(goal.type))
    return okReply(call.trackingId, {
      ConversionGoals: goals.map((goal) => goalView(goal, options.additional)),
      PartialErrors: []
    })
  }
  const errors: BatchError[] = []
  const goals = ids.map((id, index) => {
    const goal = state.directory.goals.get(id)
    if (!goal || !state.directory.isVisible(goal, caller.customerId, accountOf(caller))) {
      errors.push(batchError(5314, index, 'ConversionGoalIds'))
      return null
    }
    if (!options.types.includes(goal.type)) {
      errors.push(batchError(5347, index, 'ConversionGoalTypes'))
      return null
    }
    return goalView(goal, options.additional)
  })
  return okReply(call.trackingId, { ConversionGoals: goals, PartialErrors: errors })
}

/** GetConversionGoalsByTagIds: the goals of those tags (not aligned); an unknown tag is a 5300 PartialError. */
export function getConversionGoalsByTagIds(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, byTagIdsRequest, {
    key: 'TagIds',
    max: 100,
    emptyCode: 5330,
    tooManyCode: 5304
  })
  if (!parsed.ok) return parsed.reply
  const options = queryOptions(call, parsed.value.ConversionGoalTypes, parsed.value.ReturnAdditionalFields)
  if ('reply' in options) return options.reply
  const { state, caller } = call
  const errors: BatchError[] = []
  const tagIds = new Set<string>()
  ;(parsed.value.TagIds ?? []).forEach((id, index) => {
    if (state.directory.tagOf(caller.customerId, id)) tagIds.add(id)
    else errors.push(batchError(5300, index, 'TagIds'))
  })
  const goals = visibleGoalsWithTags(state, caller, tagIds).filter((goal) => options.types.includes(goal.type))
  return okReply(call.trackingId, {
    ConversionGoals: goals.map((goal) => goalView(goal, options.additional)),
    PartialErrors: errors
  })
}

function visibleGoalsWithTags(state: EmulatorState, caller: Caller, tagIds: ReadonlySet<string>): StoredGoal[] {
  return state.directory
    .visibleGoals(caller.customerId, accountOf(caller))
    .filter((goal) => goal.tagId !== null && tagIds.has(goal.tagId))
}
