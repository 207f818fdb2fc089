import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../../config/settings'
import type { ForwardEntry } from '../../forward-log/forward-entry'
import type { EntryDetails } from '../../forward-log/record-details'
import { segmentEventsDetails } from '../../forward-log/segment-details'
import type { Outcome } from '../../../outcome'
import {
  combinedOutcome,
  eventsForOriginals,
  originalConversionMapping,
  type OriginalsSource
} from '../../host/original-conversions'
import type { SegmentHost } from '../../host/segment-host'
import type { CompiledSubscription } from '../../host/subscriptions'
import type { CliMetrics } from '../../metrics/cli-metrics'
import { messageIdOf, outcomeFields, type EventLedger, type TargetOutcome } from './event-ledger'

const NOT_MAPPED_TARGET = 'none'

function notMapped(event: Record<string, unknown>): TargetOutcome {
  const name = event.event !== undefined ? `, event ${JSON.stringify(event.event)}` : ''
  return {
    status: 200,
    outcome: 'skipped',
    reason: 'event_not_mapped',
    message: `No subscription matches this event (type ${JSON.stringify(event.type ?? null)}${name}).`,
    target: NOT_MAPPED_TARGET
  }
}

interface Pending {
  index: number
  eventId?: string
}

/**
 * Segment events through the subscriptions (a `--mapping` file, or the destination's presets): each matching
 * subscription sends the event through its action and mapping, as Segment would; an event none matches is
 * skipped as event_not_mapped. Each outcome goes into the forward log; an event already delivered is not sent.
 */
export async function deliverSegmentEvents(context: {
  events: ReadonlyArray<Record<string, unknown>>
  account: { name: string; settings: CliSettings }
  subscriptions: readonly CompiledSubscription[]
  segment: SegmentHost
  ledger: EventLedger
  metrics?: CliMetrics
  /** Refunds that do not name their original conversion are sent once per original the forward log knows. */
  originals?: OriginalsSource
}): Promise<TargetOutcome[][]> {
  const { events, account, ledger } = context
  const perEvent: TargetOutcome[][] = events.map(() => [])
  const runs = new Map<CompiledSubscription, Pending[]>()
  const unmapped: ForwardEntry[] = []
  events.forEach((event, index) => {
    const eventId = messageIdOf(event)
    const matching = context.subscriptions.filter((subscription) =>
      subscription.matches(event as unknown as SegmentEvent)
    )
    if (!matching.length) {
      const outcome = notMapped(event)
      perEvent[index].push(outcome)
      const base = { source: 'segment' as const, account: account.name, action: 'none', target: NOT_MAPPED_TARGET }
      unmapped.push({ ...base, kind: 'none', ...(eventId ? { eventId } : {}), ...outcomeFields(outcome) })
      return
    }
    for (const subscription of matching) {
      const answered = ledger.claim('segment', account.name, eventId, subscription.name)
      if (answered) {
        perEvent[index].push({ ...answered, target: subscription.name, replayed: answered.outcome === 'delivered' })
        continue
      }
      runs.set(subscription, [...(runs.get(subscription) ?? []), { index, ...(eventId ? { eventId } : {}) }])
    }
  })
  if (unmapped.length) {
    context.metrics?.recordOutcome('segment', 'skipped', 'event_not_mapped', unmapped.length, account.name)
    ledger.settle(unmapped)
  }
  await Promise.all(
    [...runs].map(async ([subscription, pending]) => {
      try {
        const batch = pending.map(({ index }) => events[index] as unknown as SegmentEvent)
        const { outcomes, details } = await runSubscription(context, subscription, batch)
        const entries: ForwardEntry[] = pending.map(({ eventId }, position) => ({
          ...details[position],
          source: 'segment',
          account: account.name,
          action: subscription.action,
          target: subscription.name,
          ...(eventId ? { eventId } : {}),
          ...outcomeFields(outcomes[position])
        }))
        ledger.settle(entries)
        pending.forEach(({ index }, position) =>
          perEvent[index].push({ ...outcomes[position], target: subscription.name })
        )
      } finally {
        for (const { eventId } of pending) ledger.release('segment', account.name, eventId, subscription.name)
      }
    })
  )
  return perEvent
}

type SubscriptionContext = Parameters<typeof deliverSegmentEvents>[0]

/**
 * One subscription's events through its action: an adjustment that does not name its original conversion becomes
 * one adjustment per original the forward log knows for its order (as on the /actions routes), and its outcome is
 * the most severe of theirs. What the forward log records of each event comes from the mapping it went through.
 */
async function runSubscription(
  context: SubscriptionContext,
  subscription: CompiledSubscription,
  batch: SegmentEvent[]
): Promise<{ outcomes: Outcome[]; details: EntryDetails[] }> {
  const { account } = context
  const run = (mapping: JSONObject, list: SegmentEvent[]) =>
    context.segment.run({
      action: subscription.action,
      events: list,
      mode: 'batch',
      settings: account.settings,
      mapping,
      account: account.name
    })
  const detailsOf = (mapping: JSONObject, list: SegmentEvent[]) =>
    segmentEventsDetails(subscription.action, mapping, list, account.settings)
  const copies =
    subscription.action === 'adjustConversion' && context.originals
      ? batch.map((event) => eventsForOriginals(event, subscription.mapping, context.originals!))
      : []
  if (!copies.some(Boolean)) {
    const outcomes = await run(subscription.mapping, batch)
    return { outcomes, details: detailsOf(subscription.mapping, batch) }
  }
  const plain = batch.flatMap((event, position) => (copies[position] ? [] : [{ event, position }]))
  const expanded = batch.flatMap((_, position) => (copies[position] ?? []).map((event) => ({ event, position })))
  const byOriginal = originalConversionMapping(subscription.mapping)
  const [plainOutcomes, expandedOutcomes] = await Promise.all([
    plain.length
      ? run(
          subscription.mapping,
          plain.map(({ event }) => event)
        )
      : [],
    run(
      byOriginal,
      expanded.map(({ event }) => event)
    )
  ])
  const perEvent: Outcome[][] = batch.map(() => [])
  plain.forEach(({ position }, index) => perEvent[position].push(plainOutcomes[index]))
  expanded.forEach(({ position }, index) => perEvent[position].push(expandedOutcomes[index]))
  const plainDetails = detailsOf(
    subscription.mapping,
    plain.map(({ event }) => event)
  )
  const expandedDetails = detailsOf(
    byOriginal,
    expanded.map(({ event }) => event)
  )
  const details = batch.map((_, position) => {
    const index = plain.findIndex((entry) => entry.position === position)
    return index >= 0
      ? plainDetails[index]
      : expandedDetails[expanded.findIndex((entry) => entry.position === position)]
  })
  return { outcomes: perEvent.map(combinedOutcome), details }
}
