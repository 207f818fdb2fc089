import type { Destination } from '../../../../destinations/rudderstack/contracts/rudder-types'
import type { ForwardEntry } from '../../forward-log/forward-entry'
import { rudderMessageTargets, type RudderTarget } from '../../forward-log/rudder-details'
import type { RudderHost } from '../../host/rudder-host'
import { messageIdOf, outcomeFields, type EventLedger, type TargetOutcome } from './event-ledger'

interface Pending {
  index: number
  eventId?: string
  targets: RudderTarget[]
}

/**
 * RudderStack messages through the RudderStack destination (router and delivery proxy, with the server's
 * credentials), as `msads send --source rudderstack` sends them: its destination config decides the goals,
 * adjustments and CAPI. A message whose every target was already delivered is answered from the forward log.
 */
export async function deliverRudderMessages(context: {
  events: ReadonlyArray<Record<string, unknown>>
  account: string
  host: RudderHost
  destination: Destination
  ledger: EventLedger
  now?: () => number
}): Promise<TargetOutcome[][]> {
  const { events, account, ledger } = context
  const now = (context.now ?? Date.now)()
  const perEvent: TargetOutcome[][] = events.map(() => [])
  const pending: Pending[] = []
  events.forEach((event, index) => {
    const eventId = messageIdOf(event)
    const targets = rudderMessageTargets(event, context.destination, now)
    const claims = targets.map((target) => ({
      target,
      answer: ledger.claim('rudderstack', account, eventId, target.target)
    }))
    const open = claims.filter((claim) => !claim.answer)
    const busy = claims.find((claim) => claim.answer?.outcome === 'retry')?.answer
    if (open.length === 0 || busy) {
      // Another request holds part of this job: none of it is sent now.
      for (const claim of open) ledger.release('rudderstack', account, eventId, claim.target.target)
      for (const { target, answer } of claims) {
        const outcome = answer ?? busy!
        perEvent[index].push({ ...outcome, target: target.target, replayed: outcome.outcome === 'delivered' })
      }
      return
    }
    // A job goes whole: its parts delivered before are sent again with it, and Microsoft ignores the repeats.
    pending.push({ index, ...(eventId ? { eventId } : {}), targets })
  })
  if (!pending.length) return perEvent
  try {
    const results = await context.host.deliver(
      pending.map(({ index }) => ({ message: events[index], metadata: { jobId: index + 1 } }))
    )
    const entries: ForwardEntry[] = []
    pending.forEach(({ index, eventId, targets }, position) => {
      const { jobId: _jobId, ...outcome } = results[position]
      for (const { target, details } of targets) {
        entries.push({
          ...details,
          source: 'rudderstack',
          account,
          action: 'rudderstack',
          target,
          ...(eventId ? { eventId } : {}),
          ...outcomeFields(outcome)
        })
        perEvent[index].push({ ...outcome, target })
      }
    })
    ledger.settle(entries)
  } finally {
    for (const { eventId, targets } of pending)
      for (const { target } of targets) ledger.release('rudderstack', account, eventId, target)
  }
  return perEvent
}
