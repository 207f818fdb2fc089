/** Neutral inputs to the records Microsoft receives, grouped by request, before any client sends them. */
import type { CapiEvent } from '../microsoft/models/capi'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../microsoft/models/offline-conversions'
import { buildAdjustment } from './build-adjustment'
import { buildCapiEvent } from './build-capi'
import { buildOfflineConversion } from './build-offline'
import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from './inputs'
import { prepareBatch, type PreparedBatch } from './prepare'

export function prepareOfflineConversions(
  inputs: readonly OfflineConversionInput[],
  options: CoreOptions = {}
): PreparedBatch<OfflineConversion> {
  return prepareBatch(inputs, buildOfflineConversion, options)
}

export function prepareAdjustments(
  inputs: readonly AdjustmentInput[],
  options: CoreOptions = {}
): PreparedBatch<OfflineConversionAdjustment | OnlineConversionAdjustment> {
  return prepareBatch(inputs, buildAdjustment, options)
}

export function prepareCapiEvents(
  inputs: readonly CapiEventInput[],
  options: CoreOptions = {}
): PreparedBatch<CapiEvent> {
  return prepareBatch(inputs, buildCapiEvent, options)
}
