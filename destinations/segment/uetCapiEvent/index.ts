import type { ActionDefinition } from '@segment/actions-core'
import { exchangeCapiEvents, requiredCredentials } from 'msads-conversions'
import type { CapiRequestOptions, CredentialField, Delivery } from 'msads-conversions'
import type { Settings } from '../generated-types'
import { capiClient } from '../translate/clients'
import type { CallContext } from '../translate/clients'
import { performMany, performOne, refusedDelivery } from '../translate/run'
import type { Deliver } from '../translate/run'
import { coreOptions, credentialValues, eventSettingsOutcome } from '../translate/settings'
import type { PlatformAuth } from '../translate/settings'
import { fields } from './fields'
import type { Payload } from './generated-types'
import { CAPI_FIELD_NAMES, toCapiEventInput } from './to-input'

/** The tag id always; without a pasted token, what fetching the tag's key needs too. */
export function capiCredentials(settings: Settings, auth?: PlatformAuth): CredentialField[] {
  const held = {
    capiToken: Boolean(credentialValues(settings).uet_capi_token),
    accessToken: Boolean(auth?.accessToken)
  }
  return requiredCredentials('uet_capi', held)
}

/** `continueOnValidationError` and `dataProvider` belong to the request: events that map them differently go in separate requests. */
export function capiRequestOptions(payload: Payload): CapiRequestOptions {
  return {
    continueOnValidationError: payload.continueOnValidationError ?? true,
    dataProvider: payload.dataProvider || undefined
  }
}

interface RequestGroup {
  options: CapiRequestOptions
  indices: number[]
}

// A loop over the few groups rather than a Map keyed by joined text: nearly every batch is one group, and a key
// string per event cost more than comparing two fields.
function groupFor(groups: RequestGroup[], options: CapiRequestOptions): RequestGroup {
  for (const group of groups) {
    if (
      group.options.continueOnValidationError === options.continueOnValidationError &&
      group.options.dataProvider === options.dataProvider
    )
      return group
  }
  const group = { options, indices: [] }
  groups.push(group)
  return group
}

/** The action's delivery (payloads in, one core outcome each out, with what was sent and answered), for `perform`, `performBatch` and other hosts. */
export function deliver(context: CallContext): Deliver<Payload> {
  return async (payloads) => {
    const invalid = eventSettingsOutcome(
      context.settings,
      capiCredentials(context.settings, context.auth),
      context.auth
    )
    if (invalid) return refusedDelivery(payloads.length, invalid)

    const groups: RequestGroup[] = []
    for (let index = 0; index < payloads.length; index += 1)
      groupFor(groups, capiRequestOptions(payloads[index])).indices.push(index)
    const count = payloads.length
    const delivery: Delivery = { outcomes: new Array(count), sent: new Array(count), answers: new Array(count) }
    for (const { options, indices } of groups) {
      const { client, forgetFetchedToken } = capiClient(context, options)
      const group = await exchangeCapiEvents(
        indices.map((index) => toCapiEventInput(payloads[index])),
        client,
        coreOptions(context.settings, CAPI_FIELD_NAMES)
      )
      if (group.outcomes.some((outcome) => outcome.outcome === 'auth')) forgetFetchedToken()
      // One group holds the whole batch in order: its delivery is the batch's.
      if (groups.length === 1) return group
      indices.forEach((index, position) => {
        delivery.outcomes[index] = group.outcomes[position]
        delivery.sent[index] = group.sent[position]
        delivery.answers[index] = group.answers[position]
      })
    }
    return delivery
  }
}

const action: ActionDefinition<Settings, Payload> = {
  title: 'UET Conversions API Event',
  description:
    "Send a page load or custom event to the UET tag through Microsoft's Conversions API, from the server, deduplicated with the browser tag by Event ID.",
  defaultSubscription: 'type = "track" or type = "page"',
  fields,
  perform: (request, { payload, settings, auth }) => performOne(payload, deliver({ request, settings, auth })),
  performBatch: (request, { payload, settings, auth }) => performMany(payload, deliver({ request, settings, auth }))
}

export default action
