import type { DynamicFieldResponse, RequestClient } from '@segment/actions-core'
import type { ConversionGoal, ConversionGoalType } from 'msads-conversions'
import { callCampaign } from '../translate/clients'
import type { CallContext } from '../translate/clients'
import { describeOutcome } from 'msads-conversions'
import { outcomeOfError } from '../translate/outcome'
import { campaignCredentials, settingsOutcome } from '../translate/settings'

type GoalChoices = (request: RequestClient, data: Omit<CallContext, 'request'>) => Promise<DynamicFieldResponse>

/** Microsoft leaves GoalCategory out of a goal unless the query asks for it. */
const DESCRIBED_FIELDS = 'GoalCategory'

function describeGoal(goal: ConversionGoal): string {
  return [goal.Type, goal.Status, goal.GoalCategory, goal.Id ? `ID ${goal.Id}` : undefined].filter(Boolean).join(' · ')
}

/** The account's conversion goals of the given types, for a Conversion Name dropdown; on failure, no choices and why. */
export function goalChoices(types: ConversionGoalType[]): GoalChoices {
  return async (request, { settings, auth }) => {
    const invalid = settingsOutcome(settings, campaignCredentials(auth), auth)
    if (invalid) return { choices: [], error: { message: invalid.message, code: invalid.reason } }
    try {
      const goals = await callCampaign({ request, settings, auth }, (client) =>
        client.getConversionGoals({ types, additionalFields: DESCRIBED_FIELDS })
      )
      const choices = goals
        .filter((goal) => goal.Name && goal.Status !== 'Deleted')
        .map((goal) => ({ label: goal.Name as string, value: goal.Name as string, description: describeGoal(goal) }))
        .sort((a, b) => a.label.localeCompare(b.label))
      return { choices }
    } catch (error) {
      const outcome = outcomeOfError(error)
      return { choices: [], error: { message: describeOutcome(outcome), code: String(outcome.code ?? outcome.reason) } }
    }
  }
}

/** Goals that take offline conversions. */
export const offlineGoalChoices = goalChoices(['OfflineConversion'])

/** Goals whose conversions can be restated or retracted: offline ones and those the UET tag or the Conversions API records. */
export const adjustableGoalChoices = goalChoices([
  'OfflineConversion',
  'Event',
  'Url',
  'Duration',
  'PagesViewedPerVisit'
])
