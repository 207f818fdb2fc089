/**
 * The Segment destination as the command line's host runs it: each action's perform and performBatch answer
 * actions-core exactly as the destination's own do (its result or error, its MultiStatusResponse), and the host
 * also keeps the outcomes the action's delivery gave, as data, for the events it ran them for. The host never
 * reads an outcome back out of an answer.
 */
import type { ActionDefinition, DestinationDefinition } from '@segment/actions-core'
import definition from '../../../destinations/segment'
import { deliver as deliverAdjustments } from '../../../destinations/segment/adjustConversion'
import type { Settings } from '../../../destinations/segment/generated-types'
import { deliver as deliverOfflineConversions } from '../../../destinations/segment/trackConversion'
import type { CallContext } from '../../../destinations/segment/translate/clients'
import { performMany, performOne, type Deliver } from '../../../destinations/segment/translate/run'
import { deliver as deliverCapiEvents } from '../../../destinations/segment/uetCapiEvent'
import type { Outcome } from '../../outcome'

const DELIVER: Record<string, (context: CallContext) => Deliver<any>> = {
  trackConversion: deliverOfflineConversions,
  adjustConversion: deliverAdjustments,
  uetCapiEvent: deliverCapiEvents
}

/** The outcomes of each run, by what the host passed in: the events of a batch, or the one event of a perform. */
const delivered = new WeakMap<object, Outcome[]>()

/** The outcomes the action's delivery gave the events it ran for (those actions-core let through), in order. */
export function deliveredOutcomes(data: object): Outcome[] | undefined {
  return delivered.get(data)
}

function keeping(deliver: Deliver<any>, data: unknown): Deliver<any> {
  return async (payloads) => {
    const delivery = await deliver(payloads)
    if (data && typeof data === 'object') delivered.set(data, delivery.outcomes)
    return delivery
  }
}

/** What the host passed actions-core (the event, or the batch's events): actions-core hands it on as `rawData`. */
function rawDataOf(data: object): unknown {
  return (data as { rawData?: unknown }).rawData
}

function hostAction(name: string, action: ActionDefinition<Settings, any>): ActionDefinition<Settings, any> {
  const deliver = DELIVER[name]
  if (!deliver) throw new Error(`the command line does not know how to deliver the Segment action ${name}`)
  return {
    ...action,
    perform: (request, data) =>
      performOne(
        data.payload,
        keeping(deliver({ request, settings: data.settings, auth: data.auth }), rawDataOf(data))
      ),
    performBatch: (request, data) =>
      performMany(
        data.payload,
        keeping(deliver({ request, settings: data.settings, auth: data.auth }), rawDataOf(data))
      )
  }
}

/** The destination, each action answering as its own and keeping its outcomes for the host. */
export const hostDefinition: DestinationDefinition<Settings> = {
  ...definition,
  actions: Object.fromEntries(
    Object.entries(definition.actions).map(([name, action]) => [name, hostAction(name, action)])
  )
}
