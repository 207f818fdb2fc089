/**
 * The Segment destination as the command line runs it. Segment's batch entry for an event refused before sending
 * has no body (so Segment blames the input, not Microsoft); the command line reads every event's outcome from its
 * entry, so its copy of the destination answers performBatch with the outcome as the body of every entry. The
 * destination itself knows nothing of this: only this host adds it.
 */
import {
  ActionDestinationErrorResponse,
  ActionDestinationSuccessResponse,
  type ActionDefinition,
  type DestinationDefinition,
  type MultiStatusResponse
} from '@segment/actions-core'
import definition from '../../../destinations/segment'
import { deliver as deliverAdjustments } from '../../../destinations/segment/adjustConversion'
import type { Settings } from '../../../destinations/segment/generated-types'
import { deliver as deliverOfflineConversions } from '../../../destinations/segment/trackConversion'
import type { CallContext } from '../../../destinations/segment/translate/clients'
import { outcomeBody, toMultiStatus } from '../../../destinations/segment/translate/outcome'
import type { Deliver } from '../../../destinations/segment/translate/run'
import { deliver as deliverCapiEvents } from '../../../destinations/segment/uetCapiEvent'
import type { Delivery } from '../../conversions/deliver'

const DELIVER: Record<string, (context: CallContext) => Deliver<any>> = {
  trackConversion: deliverOfflineConversions,
  adjustConversion: deliverAdjustments,
  uetCapiEvent: deliverCapiEvents
}

/**
 * Segment's MultiStatusResponse with the outcome as the body of every entry (in place of Microsoft's answer, or
 * where there is none), which is what the command line reads back.
 */
export function withEveryOutcomeBody(delivery: Delivery): MultiStatusResponse {
  const response = toMultiStatus(delivery)
  delivery.outcomes.forEach((outcome, index) => {
    const entry = response.getResponseAtIndex(index)
    const body = outcomeBody(outcome)
    if (entry instanceof ActionDestinationErrorResponse)
      response.setErrorResponseAtIndex(index, { ...entry.value(), body })
    else if (entry instanceof ActionDestinationSuccessResponse)
      response.setSuccessResponseAtIndex(index, { ...entry.value(), body })
  })
  return response
}

function hostAction(name: string, action: ActionDefinition<Settings, any>): ActionDefinition<Settings, any> {
  const deliver = DELIVER[name]
  if (!deliver) throw new Error(`the command line does not know how to deliver the Segment action ${name}`)
  return {
    ...action,
    performBatch: async (request, { payload, settings, auth }) =>
      withEveryOutcomeBody(await deliver({ request, settings, auth })(payload))
  }
}

/** The destination with every action's performBatch answering with an outcome body for every event. */
export const hostDefinition: DestinationDefinition<Settings> = {
  ...definition,
  actions: Object.fromEntries(
    Object.entries(definition.actions).map(([name, action]) => [name, hostAction(name, action)])
  )
}
