import type { ActionHookResponse } from '@segment/actions-core'
import type { ActionHookDefinition } from '@segment/actions-core/destination-kit'
import {
  MAX_CONVERSION_WINDOW_DAYS,
  OFFLINE_GOAL_CATEGORIES,
  describeOutcome,
  offlineGoal,
  outcomeForCode
} from 'msads-conversions'
import type { GoalCategory } from 'msads-conversions'
import { offlineGoalChoices } from '../dynamic/conversion-goals'
import type { Settings } from '../generated-types'
import { callCampaign } from '../translate/clients'
import { outcomeOfError } from '../translate/outcome'
import { campaignCredentials, settingsOutcome } from '../translate/settings'
import type { OnMappingSaveInputs, OnMappingSaveOutputs, Payload } from './generated-types'

function failure(error: unknown): ActionHookResponse<OnMappingSaveOutputs> {
  const outcome = outcomeOfError(error)
  return { error: { message: describeOutcome(outcome), code: String(outcome.code ?? outcome.reason) } }
}

/** Creates the offline conversion goal named in the mapping when the account does not have it yet. */
export const createOfflineGoalHook: ActionHookDefinition<
  Settings,
  Payload,
  undefined,
  OnMappingSaveInputs,
  OnMappingSaveOutputs
> = {
  label: 'Create the offline conversion goal',
  description:
    'When you save this mapping, the offline conversion goal named below is created in the Microsoft Advertising account if it does not exist yet. Microsoft accepts conversions for a new goal about two hours after it is created.',
  inputFields: {
    conversion_name: {
      label: 'Conversion Name',
      description:
        'Name of the offline conversion goal; use the same name in the Conversion Name field of the mapping.',
      type: 'string',
      required: true,
      dynamic: offlineGoalChoices
    },
    goal_category: {
      label: 'Goal Category',
      description: 'What the conversion is, as Microsoft Advertising categorises goals.',
      type: 'string',
      choices: [...OFFLINE_GOAL_CATEGORIES],
      default: 'Purchase'
    },
    conversion_window_days: {
      label: 'Conversion Window (days)',
      description:
        'How long after the ad click a conversion still counts, from 1 to 90 days. Offline conversions can be uploaded up to 90 days after the click.',
      type: 'number',
      minimum: 1,
      maximum: MAX_CONVERSION_WINDOW_DAYS,
      default: MAX_CONVERSION_WINDOW_DAYS
    }
  },
  outputTypes: {
    goal_id: { label: 'Goal ID', description: 'ID of the offline conversion goal.', type: 'string', required: true },
    conversion_name: {
      label: 'Conversion Name',
      description: 'Name of the offline conversion goal.',
      type: 'string',
      required: true
    },
    created: {
      label: 'Created',
      description: 'Whether the goal was created when the mapping was saved.',
      type: 'boolean',
      required: true
    }
  },
  performHook: async (request, { settings, auth, hookInputs }) => {
    const invalid = settingsOutcome(settings, campaignCredentials(auth), auth)
    if (invalid) return { error: { message: invalid.message, code: invalid.reason } }
    const name = hookInputs?.conversion_name?.trim()
    if (!name) return { error: { message: 'Conversion Name is required to create the goal.', code: 'invalid_input' } }
    const context = { request, settings, auth }
    try {
      const goals = await callCampaign(context, (client) => client.getConversionGoals({ types: ['OfflineConversion'] }))
      const existing = goals.find((goal) => goal.Name === name && goal.Status !== 'Deleted')
      if (existing) {
        return {
          successMessage: `The offline conversion goal "${name}" already exists (ID ${existing.Id}); nothing was created.`,
          savedData: { goal_id: String(existing.Id), conversion_name: name, created: false }
        }
      }
      const { ids, errors } = await callCampaign(context, (client) =>
        client.addConversionGoals([
          offlineGoal({
            name,
            category: hookInputs?.goal_category as GoalCategory | undefined,
            conversionWindowDays: hookInputs?.conversion_window_days
          })
        ])
      )
      const id = ids[0]
      if (!id) {
        const error = errors[0]
        const outcome = error
          ? outcomeForCode(error.Code, { errorCode: error.ErrorCode, message: error.Message })
          : outcomeOfError(new Error('Microsoft returned no goal ID.'))
        return { error: { message: describeOutcome(outcome), code: String(outcome.code ?? outcome.reason) } }
      }
      return {
        successMessage: `Created the offline conversion goal "${name}" (ID ${id}). Microsoft accepts conversions for it about two hours from now.`,
        savedData: { goal_id: id, conversion_name: name, created: true }
      }
    } catch (error) {
      return failure(error)
    }
  }
}
