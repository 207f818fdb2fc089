import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from '../../conversions/deliver'
import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from '../../conversions/inputs'
import type { PreparedBatch } from '../../conversions/prepare'
import type { ConversionKind, NeutralInput } from '../pipeline/conversion'
import { detailsOfInput, itemDetails, orderIdText, type EntryDetails } from './record-details'

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
 * The details of an item the core built of `input` (its order from the input when the item does not carry one), for
 * a forward-log row: details the item does not have are undefined keys.
 */
export function builtItemDetails(kind: ConversionKind, input: NeutralInput, item: object): EntryDetails {
  const details = itemDetails(kind, item)
  if (details.orderId === undefined) details.orderId = inputOrderId(kind, input)
  return details
}

/** The order id an input names (what `inputDetails` keeps of it), without its other details. */
function inputOrderId(kind: ConversionKind, input: NeutralInput): string | undefined {
  const named =
    kind === 'capi'
      ? (input as CapiEventInput).customData?.transactionId
      : (input as OfflineConversionInput).transactionId
  return orderIdText(named)
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
    const slot = batch?.slots[index]
    const item = batch && slot && !('outcome' in slot) ? batch.groups[slot.group]?.[slot.record] : undefined
    return item ? builtItemDetails(kind, input, item) : inputDetails(kind, input)
  })
}
