import type { ActionDefinition } from '@segment/actions-core'
import { exchangeOfflineConversions } from 'msads-conversions'
import { offlineGoalChoices } from '../dynamic/conversion-goals'
import type { Settings } from '../generated-types'
import { campaignClient } from '../translate/clients'
import type { CallContext } from '../translate/clients'
import { performMany, performOne, refusedDelivery } from '../translate/run'
import type { Deliver } from '../translate/run'
import { campaignCredentials, coreOptions, eventSettingsOutcome } from '../translate/settings'
import { createOfflineGoalHook } from './create-goal-hook'
import { fields } from './fields'
import type { OnMappingSaveInputs, OnMappingSaveOutputs, Payload } from './generated-types'
import { toOfflineConversionInput } from './to-input'

/** The action's delivery (payloads in, one core outcome each out, with what was sent and answered), for `perform`, `performBatch` and other hosts. */
export function deliver(context: CallContext): Deliver<Payload> {
  return async (payloads) => {
    const invalid = eventSettingsOutcome(context.settings, campaignCredentials(context.auth), context.auth)
    if (invalid) return refusedDelivery(payloads.length, invalid)
    return exchangeOfflineConversions(
      payloads.map(toOfflineConversionInput),
      campaignClient(context),
      coreOptions(context.settings)
    )
  }
}

const action: ActionDefinition<Settings, Payload, undefined, OnMappingSaveInputs, OnMappingSaveOutputs> = {
  title: 'Track Offline Conversion',
  description:
    'Send a conversion to an offline conversion goal, identified by the Microsoft Click ID of the ad click or by a hashed email or phone (enhanced conversions).',
  defaultSubscription: 'type = "track" and event = "Order Completed"',
  fields,
  dynamicFields: {
    conversion_name: offlineGoalChoices
  },
  hooks: {
    onMappingSave: createOfflineGoalHook
  },
  perform: (request, { payload, settings, auth }) => performOne(payload, deliver({ request, settings, auth })),
  performBatch: (request, { payload, settings, auth }) => performMany(payload, deliver({ request, settings, auth }))
}

export default action
