import { transform, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { toAdjustmentInput } from '../../../destinations/segment/adjustConversion/to-input'
import type { Payload as AdjustPayload } from '../../../destinations/segment/adjustConversion/generated-types'
import type { Payload as TrackPayload } from '../../../destinations/segment/trackConversion/generated-types'
import { toOfflineConversionInput } from '../../../destinations/segment/trackConversion/to-input'
import type { Payload as CapiPayload } from '../../../destinations/segment/uetCapiEvent/generated-types'
import { toCapiEventInput } from '../../../destinations/segment/uetCapiEvent/to-input'
import type { Settings } from '../../../destinations/segment/generated-types'
import { coreOptions } from '../../../destinations/segment/translate/settings'
import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from '../../conversions/deliver'
import type { PreparedBatch } from '../../conversions/prepare'
import type { CliSettings } from '../config/settings'
import { toSegmentSettings, type SegmentActionName } from '../host/segment-host'
import type { ForwardKind } from './forward-entry'
import { detailsOfInput, detailsOfRecord, type EntryDetails } from './record-details'

function fromPrepared(
  kind: ForwardKind,
  batch: PreparedBatch<unknown>,
  input: Parameters<typeof detailsOfInput>[1]
): EntryDetails {
  const slot = batch.slots[0]
  const fallback = detailsOfInput(kind, input)
  if (!slot || 'outcome' in slot) return fallback
  const details = detailsOfRecord(kind, batch.groups[slot.group]?.[slot.record])
  return { ...details, ...(details.orderId === undefined && fallback.orderId ? { orderId: fallback.orderId } : {}) }
}

function detailsOfPayload(
  action: SegmentActionName,
  payload: unknown,
  options: ReturnType<typeof coreOptions>
): EntryDetails {
  const kind: ForwardKind =
    action === 'trackConversion' ? 'offline' : action === 'adjustConversion' ? 'adjustment' : 'capi'
  try {
    if (action === 'trackConversion') {
      const input = toOfflineConversionInput(payload as TrackPayload)
      return fromPrepared(kind, prepareOfflineConversions([input], options), input)
    }
    if (action === 'adjustConversion') {
      const input = toAdjustmentInput(payload as AdjustPayload)
      return fromPrepared(kind, prepareAdjustments([input], options), { ...input, value: input.adjustmentValue })
    }
    const input = toCapiEventInput(payload as CapiPayload)
    return fromPrepared(kind, prepareCapiEvents([input], options), {
      conversionName: input.eventName,
      transactionId: input.customData?.transactionId,
      value: input.customData?.value,
      currency: input.customData?.currency
    })
  } catch {
    return { kind }
  }
}

/**
 * What Segment events become through an action and mapping, as the destination builds them: the mapping resolved as
 * actions-core resolves it, then the core's own preparation (hashing, time). For the forward log only. The events go
 * through one `@arrayPath` so that actions-core checks the mapping once, not once per event; a mapping that cannot
 * be resolved gives the kind alone.
 */
export function segmentEventsDetails(
  action: SegmentActionName,
  mapping: JSONObject,
  events: readonly SegmentEvent[],
  settings: CliSettings
): EntryDetails[] {
  const options = coreOptions(toSegmentSettings(settings) as unknown as Settings)
  let payloads: unknown[] = []
  try {
    const resolved = transform(
      { list: { '@arrayPath': ['$.list', mapping] } },
      {
        list: events as unknown as JSONObject[]
      }
    )
    if (Array.isArray(resolved.list)) payloads = resolved.list
  } catch {
    payloads = []
  }
  return events.map((_, index) =>
    payloads[index] && typeof payloads[index] === 'object'
      ? detailsOfPayload(action, payloads[index], options)
      : detailsOfPayload(action, undefined, options)
  )
}

/** One event's details (see segmentEventsDetails). */
export function segmentEventDetails(
  action: SegmentActionName,
  mapping: JSONObject,
  event: SegmentEvent,
  settings: CliSettings
): EntryDetails {
  return segmentEventsDetails(action, mapping, [event], settings)[0]
}
