import type { Destination, RudderMessage } from '../../../destinations/rudderstack/contracts/rudder-types'
import { settingsOf } from '../../../destinations/rudderstack/destination-config'
import { coreOptions, prepareKind } from '../../../destinations/rudderstack/job-plan'
import { translateMessage } from '../../../destinations/rudderstack/translate'
import type { Part } from '../../../destinations/rudderstack/parts'
import { detailsOfInput, detailsOfRecord, type EntryDetails } from './record-details'

/** One target of a RudderStack message (a goal, an adjustment, the CAPI event) and what it becomes. */
export interface RudderTarget {
  target: string
  details: EntryDetails
}

/** The message's target when it becomes no Microsoft item at all (filtered or invalid): the job as a whole. */
export const RUDDER_JOB_TARGET = 'rudderstack'

function inputFields(part: Part): Parameters<typeof detailsOfInput>[1] {
  if (part.kind === 'capi')
    return {
      conversionName: part.input.eventName,
      transactionId: part.input.customData?.transactionId,
      value: part.input.customData?.value,
      currency: part.input.customData?.currency
    }
  if (part.kind === 'adjustment') return { ...part.input, value: part.input.adjustmentValue }
  return part.input
}

/**
 * The targets of a RudderStack message as the RudderStack destination plans them (its destination config: goals per
 * event, adjustment events, CAPI), each with the Microsoft item the core builds. For the forward log and its
 * idempotency; a message the destination would not send is one target, RUDDER_JOB_TARGET.
 */
export function rudderMessageTargets(
  message: Record<string, unknown>,
  destination: Destination,
  now: number
): RudderTarget[] {
  try {
    const settings = settingsOf(destination)
    const parts = translateMessage(message as unknown as RudderMessage, settings)
    if (!parts.length) return [{ target: RUDDER_JOB_TARGET, details: { kind: 'none' } }]
    return parts.map((part) => {
      const batch = prepareKind(part.kind, [part.input], coreOptions(settings, now, part.fieldNames))
      const slot = batch.slots[0]
      const fallback = detailsOfInput(part.kind, inputFields(part))
      if (!slot || 'outcome' in slot) return { target: part.label, details: fallback }
      const details = detailsOfRecord(part.kind, batch.groups[slot.group]?.[slot.record])
      if (details.orderId === undefined && fallback.orderId) details.orderId = fallback.orderId
      return { target: part.label, details }
    })
  } catch {
    return [{ target: RUDDER_JOB_TARGET, details: { kind: 'none' } }]
  }
}
