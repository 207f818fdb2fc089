import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from '../../conversions/deliver'
import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import type { PreparedBatch } from '../../conversions/prepare'
import type { ConversionKind, NeutralInput } from '../pipeline/conversion'
import { detailsOfInput, detailsOfRecord, type EntryDetails } from './record-details'

/** What the forward log keeps of an input the core did not turn into an item: what the source named. */
function inputDetails(kind: ConversionKind, input: NeutralInput): EntryDetails {
  if (kind === 'adjustment') {
    const adjustment = input as AdjustmentInput
    return detailsOfInput(kind, { ...adjustment, value: adjustment.adjustmentValue })
  }
  if (kind === 'capi') {
    const event = input as CapiEventInput
    return detailsOfInput(kind, {
      conversionName: event.eventName,
      transactionId: event.customData?.transactionId,
      value: event.customData?.value,
      currency: event.customData?.currency
    })
  }
  return detailsOfInput(kind, input as OfflineConversionInput)
}

/**
 * The forward log's details (goal, order, click id, hashes, time, value) of neutral inputs of one kind and core
 * options, prepared together as the sink prepared them: the item the core built, else what the input named.
 */
export function conversionDetails(
  kind: ConversionKind,
  inputs: readonly NeutralInput[],
  options: CoreOptions
): EntryDetails[] {
  let batch: PreparedBatch<unknown> | undefined
  try {
    batch =
      kind === 'offline'
        ? prepareOfflineConversions(inputs, options)
        : kind === 'adjustment'
          ? prepareAdjustments(inputs, options)
          : prepareCapiEvents(inputs, options)
  } catch {
    batch = undefined
  }
  return inputs.map((input, index) => {
    const fallback = inputDetails(kind, input)
    const slot = batch?.slots[index]
    if (!batch || !slot || 'outcome' in slot) return fallback
    const details = detailsOfRecord(kind, batch.groups[slot.group]?.[slot.record])
    return { ...details, ...(details.orderId === undefined && fallback.orderId ? { orderId: fallback.orderId } : {}) }
  })
}
