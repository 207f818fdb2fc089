import type { Outcome } from '../../../outcome'
import type { ForwardEntry, ForwardRow, ForwardSource } from '../../forward-log/forward-entry'
import { eventKey, type ForwardLog } from '../../forward-log/forward-log'

/** One event's outcome through one target (subscription or RudderStack part). */
export type TargetOutcome = Outcome & { target: string; replayed?: boolean }

const IN_FLIGHT: Outcome = {
  status: 503,
  outcome: 'retry',
  reason: 'in_flight',
  message: 'Another request is delivering this event (same messageId) right now; send it again later.'
}

function replayed(row: ForwardRow): Outcome {
  const outcome: Outcome = {
    status: 200,
    outcome: 'delivered',
    reason: row.reason,
    message: `Already delivered (forward log #${row.id}, received ${row.received}); not sent again.`
  }
  if (row.trackingId) outcome.trackingId = row.trackingId
  if (row.code !== undefined) outcome.code = row.code
  return outcome
}

/**
 * Idempotency by messageId for the webhooks: an event already delivered through a target is answered from the
 * forward log, one being delivered by another request right now is asked to come back, and the others are claimed
 * until their outcome is recorded.
 */
export class EventLedger {
  private readonly inFlight = new Set<string>()

  constructor(readonly log: ForwardLog | undefined) {}

  /** The answer for an event that must not be sent, or undefined when the caller may send it (then claimed). */
  claim(source: ForwardSource, account: string, eventId: string | undefined, target: string): Outcome | undefined {
    if (!eventId) return undefined
    const row = this.log?.delivered(source, account, eventId, target)
    if (row) return { ...replayed(row) }
    const key = eventKey(source, account, eventId, target)
    if (this.inFlight.has(key)) return { ...IN_FLIGHT }
    this.inFlight.add(key)
    return undefined
  }

  /** Records the outcomes (when there is a log) and lets the events be sent again. */
  settle(entries: readonly ForwardEntry[]): void {
    try {
      this.log?.record(entries)
    } finally {
      for (const entry of entries)
        if (entry.eventId) this.inFlight.delete(eventKey(entry.source, entry.account, entry.eventId, entry.target))
    }
  }

  /** Releases claims whose events never got an outcome (the run threw). */
  release(source: ForwardSource, account: string, eventId: string | undefined, target: string): void {
    if (eventId) this.inFlight.delete(eventKey(source, account, eventId, target))
  }
}

/** The forward log's entry for an outcome: Microsoft's code as text, and the message as the outcome has it. */
export function outcomeFields(
  outcome: Outcome
): Pick<ForwardEntry, 'outcome' | 'reason' | 'message' | 'code' | 'trackingId'> {
  return {
    outcome: outcome.outcome,
    reason: outcome.reason,
    message: outcome.message,
    ...(outcome.code !== undefined ? { code: String(outcome.code) } : {}),
    ...(outcome.trackingId ? { trackingId: outcome.trackingId } : {})
  }
}

export function messageIdOf(event: Record<string, unknown>): string | undefined {
  const id = event.messageId
  return typeof id === 'string' && id.trim() ? id.trim() : typeof id === 'number' ? String(id) : undefined
}
