import { goalFactsLookupEnabled, loadGoalFacts } from '../microsoft/goal-facts'
import type { CampaignClient } from '../microsoft/campaign-client'
import type { CapiClient } from '../microsoft/capi-client'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../microsoft/models/offline-conversions'
import type { Outcome } from '../outcome'
import type { RecordGroup } from './build-result'
import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from './inputs'
import { settle, type PreparedBatch } from './prepare'
import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from './prepare-records'

export { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from './prepare-records'

/** Sends whatever groups a prepared batch holds through the Campaign Management client. */
async function sendCampaignGroups(
  prepared: PreparedBatch<OfflineConversion | OfflineConversionAdjustment | OnlineConversionAdjustment>,
  client: CampaignClient
): Promise<Partial<Record<RecordGroup, Outcome[]>>> {
  const results: Partial<Record<RecordGroup, Outcome[]>> = {}
  const offline = prepared.groups.applyOfflineConversions
  const offlineAdjustments = prepared.groups.applyOfflineConversionAdjustments
  const onlineAdjustments = prepared.groups.applyOnlineConversionAdjustments
  await Promise.all([
    offline?.length
      ? client.applyOfflineConversions(offline).then((r) => (results.applyOfflineConversions = r))
      : undefined,
    offlineAdjustments?.length
      ? client
          .applyOfflineConversionAdjustments(offlineAdjustments)
          .then((r) => (results.applyOfflineConversionAdjustments = r))
      : undefined,
    onlineAdjustments?.length
      ? client
          .applyOnlineConversionAdjustments(onlineAdjustments)
          .then((r) => (results.applyOnlineConversionAdjustments = r))
      : undefined
  ])
  return results
}

/** Neutral inputs in, one outcome per input out (same order). Never throws for bad input or a failed call. */
export async function deliverOfflineConversions(
  inputs: readonly OfflineConversionInput[],
  client: CampaignClient,
  options: CoreOptions = {}
): Promise<Outcome[]> {
  let prepared = prepareOfflineConversions(inputs, options)
  // Hash-only conversions need a goal with enhanced conversions: read the account's goals (cached) only then.
  if (
    !options.goalFacts &&
    goalFactsLookupEnabled() &&
    prepared.groups.applyOfflineConversions?.some((record) => !record.MicrosoftClickId)
  ) {
    const goalFacts = await loadGoalFacts(client)
    if (goalFacts) prepared = prepareOfflineConversions(inputs, { ...options, goalFacts })
  }
  return settle(prepared, await sendCampaignGroups(prepared, client), options)
}

export async function deliverAdjustments(
  inputs: readonly AdjustmentInput[],
  client: CampaignClient,
  options: CoreOptions = {}
): Promise<Outcome[]> {
  const prepared = prepareAdjustments(inputs, options)
  return settle(prepared, await sendCampaignGroups(prepared, client), options)
}

export async function deliverCapiEvents(
  inputs: readonly CapiEventInput[],
  client: CapiClient,
  options: CoreOptions = {}
): Promise<Outcome[]> {
  const prepared = prepareCapiEvents(inputs, options)
  const events = prepared.groups.capi ?? []
  const results = events.length ? { capi: await client.send(events) } : {}
  return settle(prepared, results, options)
}
