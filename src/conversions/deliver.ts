import { goalFactsLookupEnabled, loadGoalFacts } from '../microsoft/goal-facts'
import { conversionNameOf, type CampaignClient } from '../microsoft/campaign-client'
import type { CapiClient } from '../microsoft/capi-client'
import type { CapiEvent } from '../microsoft/models/capi'
import { maskForDisplay, type Exchanged } from '../microsoft/exchange'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../microsoft/models/offline-conversions'
import type { Outcome } from '../outcome'
import { textRedactor } from '../support/redact'
import type { RecordGroup } from './build-result'
import type { AdjustmentInput, CapiEventInput, CoreOptions, OfflineConversionInput } from './inputs'
import { settle, type PreparedBatch } from './prepare'
import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from './prepare-records'

export { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions } from './prepare-records'

type CampaignRecord = OfflineConversion | OfflineConversionAdjustment | OnlineConversionAdjustment
type GroupResults = Partial<Record<RecordGroup, Exchanged<object>>>

/**
 * One outcome per input, in input order, and, for the inputs a request carried, the record as Microsoft received it
 * and Microsoft's answer about it, both masked for display (raw personal fields masked, other text redacted by
 * shape). An input refused or skipped before sending has neither.
 */
export interface Delivery {
  outcomes: Outcome[]
  sent: (object | undefined)[]
  answers: unknown[]
}

/** Sends whatever groups a prepared batch holds through the Campaign Management client. */
async function sendCampaignGroups(
  prepared: PreparedBatch<CampaignRecord>,
  client: CampaignClient
): Promise<GroupResults> {
  const results: GroupResults = {}
  const operations = [
    'applyOfflineConversions',
    'applyOfflineConversionAdjustments',
    'applyOnlineConversionAdjustments'
  ] as const
  await Promise.all(
    operations.map(async (operation) => {
      const records = prepared.groups[operation]
      if (records?.length) results[operation] = await client.exchange(operation, records, conversionNameOf(records))
    })
  )
  return results
}

function outcomesOf(results: GroupResults): Partial<Record<RecordGroup, Outcome[]>> {
  const outcomes: Partial<Record<RecordGroup, Outcome[]>> = {}
  for (const group of Object.keys(results) as RecordGroup[]) outcomes[group] = results[group]?.outcomes
  return outcomes
}

/** Joins outcomes, records and answers back onto the inputs; an answer shared by a request is masked once. */
function settleDelivery<R>(prepared: PreparedBatch<R>, results: GroupResults, options: CoreOptions): Delivery {
  const outcomes = settle(prepared, outcomesOf(results), options)
  const sent = new Array<object | undefined>(outcomes.length)
  const answers = new Array<unknown>(outcomes.length)
  const maskedAnswers = new Map<unknown, unknown>()
  const redact = textRedactor()
  prepared.slots.forEach((slot, index) => {
    if ('outcome' in slot) return
    const result = results[slot.group]
    const record = result?.sent[slot.record]
    if (record) sent[index] = maskForDisplay(record, undefined, redact)
    const answer = result?.answers[slot.record]
    if (answer === undefined) return
    let masked = maskedAnswers.get(answer)
    if (masked === undefined) {
      masked = maskForDisplay(answer, undefined, redact)
      maskedAnswers.set(answer, masked)
    }
    answers[index] = masked
  })
  return { outcomes, sent, answers }
}

/** One outcome per input and, for an input the core built an item of, that item as built (unmasked, in memory only). */
export interface DeliveredItems {
  outcomes: Outcome[]
  items: (object | undefined)[]
}

function itemsOf<R>(prepared: PreparedBatch<R>): (object | undefined)[] {
  return prepared.slots.map((slot) =>
    'outcome' in slot ? undefined : (prepared.groups[slot.group]?.[slot.record] as object | undefined)
  )
}

function delivered<R>(prepared: PreparedBatch<R>, results: GroupResults, options: CoreOptions): DeliveredItems {
  return { outcomes: settle(prepared, outcomesOf(results), options), items: itemsOf(prepared) }
}

interface Sent<R> {
  prepared: PreparedBatch<R>
  results: GroupResults
}

async function sendOfflineConversions(
  inputs: readonly OfflineConversionInput[],
  client: CampaignClient,
  options: CoreOptions
): Promise<Sent<OfflineConversion>> {
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
  return { prepared, results: await sendCampaignGroups(prepared, client) }
}

async function sendAdjustments(
  inputs: readonly AdjustmentInput[],
  client: CampaignClient,
  options: CoreOptions
): Promise<Sent<CampaignRecord>> {
  const prepared = prepareAdjustments(inputs, options)
  return { prepared, results: await sendCampaignGroups(prepared, client) }
}

async function sendCapiEvents(
  inputs: readonly CapiEventInput[],
  client: CapiClient,
  options: CoreOptions
): Promise<Sent<CapiEvent>> {
  const prepared = prepareCapiEvents(inputs, options)
  const events = prepared.groups.capi ?? []
  return { prepared, results: events.length ? { capi: await client.exchange(events) } : {} }
}

type Sender<I, C, R> = (inputs: readonly I[], client: C, options: CoreOptions) => Promise<Sent<R>>
type Answer<T> = (prepared: PreparedBatch<unknown>, results: GroupResults, options: CoreOptions) => T

/** A delivery: neutral inputs in, sent through the client, answered in the shape `answer` gives. */
function delivering<I, C, R, T>(send: Sender<I, C, R>, answer: Answer<T>) {
  return async (inputs: readonly I[], client: C, options: CoreOptions = {}): Promise<T> => {
    const { prepared, results } = await send(inputs, client, options)
    return answer(prepared, results, options)
  }
}

const outcomesOnly: Answer<Outcome[]> = (prepared, results, options) => settle(prepared, outcomesOf(results), options)

/*
 * Each kind of input has three answers: one outcome per input, in input order (deliver…), never throwing for bad
 * input or a failed call; with the item the core built of each input, for a caller that records it without
 * preparing again (deliver…Items); with what was sent for each input and what Microsoft answered about it (exchange…).
 */
export const deliverOfflineConversions = delivering(sendOfflineConversions, outcomesOnly)
export const deliverOfflineConversionItems = delivering(sendOfflineConversions, delivered)
export const exchangeOfflineConversions = delivering(sendOfflineConversions, settleDelivery)
export const deliverAdjustments = delivering(sendAdjustments, outcomesOnly)
export const deliverAdjustmentItems = delivering(sendAdjustments, delivered)
export const exchangeAdjustments = delivering(sendAdjustments, settleDelivery)
export const deliverCapiEvents = delivering(sendCapiEvents, outcomesOnly)
export const deliverCapiEventItems = delivering(sendCapiEvents, delivered)
export const exchangeCapiEvents = delivering(sendCapiEvents, settleDelivery)
