import type { ActionDefinition } from '@segment/actions-core'
import { exchangeAdjustments } from 'msads-conversions'
import { adjustableGoalChoices } from '../dynamic/conversion-goals'
import type { Settings } from '../generated-types'
import { campaignClient } from '../translate/clients'
import type { CallContext } from '../translate/clients'
import { performMany, performOne, refusedDelivery } from '../translate/run'
import type { Deliver } from '../translate/run'
import { campaignCredentials, coreOptions, eventSettingsOutcome } from '../translate/settings'
import { fields } from './fields'
import type { Payload } from './generated-types'
import { toAdjustmentInput } from './to-input'

/** The action's delivery (payloads in, one core outcome each out, with what was sent and answered), for `perform`, `performBatch` and other hosts. */
export function deliver(context: CallContext): Deliver<Payload> {
  return async (payloads) => {
    const invalid = eventSettingsOutcome(context.settings, campaignCredentials(context.auth), context.auth)
    if (invalid) return refusedDelivery(payloads.length, invalid)
    return exchangeAdjustments(payloads.map(toAdjustmentInput), campaignClient(context), coreOptions(context.settings))
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'Adjust Conversion',
  description:
    'Restate the value of an earlier conversion or retract it: an offline conversion (by click id, email or phone and conversion time) or a UET/Conversions API conversion (by transaction id).',
  defaultSubscription: 'type = "track" and event = "Order Refunded"',
  fields,
  dynamicFields: {
    conversion_name: adjustableGoalChoices
  },
  perform: (request, { payload, settings, auth }) => performOne(payload, deliver({ request, settings, auth })),
  performBatch: (request, { payload, settings, auth }) => performMany(payload, deliver({ request, settings, auth }))
}

export default action
