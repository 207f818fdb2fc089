import type { SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../../config/settings'
import type { ForwardEntry } from '../../forward-log/forward-entry'
import { segmentEventsDetails } from '../../forward-log/segment-details'
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
        const outcomes = await context.segment.run({
          action: subscription.action,
          events: pending.map(({ index }) => events[index] as unknown as SegmentEvent),
          mode: 'batch',
          settings: account.settings,
          mapping: subscription.mapping,
          account: account.name
        })
        const details = segmentEventsDetails(
          subscription.action,
          subscription.mapping,
          pending.map(({ index }) => events[index] as unknown as SegmentEvent),
          account.settings
        )
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
