import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import type { ForwardEntry } from '../forward-log/forward-entry'
import type { ForwardLog } from '../forward-log/forward-log'
import type { EntryDetails } from '../forward-log/record-details'
import { segmentEventsDetails } from '../forward-log/segment-details'
import { isSegmentAction, type SegmentActionName } from '../host/segment-host'
import type { PendingLine, TargetOutcome } from './ledger'

/** Entries are written in transactions of this many. */
const FLUSH_EVERY = 1000

interface Waiting {
  record: Record<string, unknown>
  source?: string
  result: TargetOutcome
  details?: EntryDetails
}

/**
 * `msads send`'s side of the forward log: each line's outcome per target (a Segment subscription with the goal,
 * order and click id it sent; a RudderStack job or CSV row with its outcome), written in batches. The details of a
 * subscription's events are worked out together, one mapping check per subscription and batch.
 */
export class SendForwardRecorder {
  private waiting: Waiting[] = []

  constructor(
    private readonly log: ForwardLog,
    private readonly settings: CliSettings,
    private readonly account: string
  ) {}

  add(line: PendingLine): void {
    for (const result of line.results) this.waiting.push({ record: line.record, source: line.source, result })
    if (this.waiting.length >= FLUSH_EVERY) this.flush()
  }

  private describe(waiting: readonly Waiting[]): void {
    const groups = new Map<string, { action: SegmentActionName; mapping: JSONObject; items: Waiting[] }>()
    for (const item of waiting) {
      const subscription = item.result.subscription
      const action = subscription?.partnerAction
      if (!subscription || !action || !isSegmentAction(action)) continue
      const mapping = subscription.mapping ?? {}
      const key = `${subscription.name ?? ''}\u0000${action}\u0000${JSON.stringify(mapping)}`
      let group = groups.get(key)
      if (!group) groups.set(key, (group = { action, mapping, items: [] }))
      group.items.push(item)
    }
    for (const { action, mapping, items } of groups.values()) {
      const details = segmentEventsDetails(
        action,
        mapping,
        items.map((item) => item.record as unknown as SegmentEvent),
        this.settings
      )
      items.forEach((item, index) => (item.details = details[index]))
    }
  }

  flush(): void {
    const waiting = this.waiting
    this.waiting = []
    if (!waiting.length) return
    this.describe(waiting)
    const entries: ForwardEntry[] = waiting.map(({ record, source, result, details }) => {
      const eventId = typeof record.messageId === 'string' ? record.messageId : undefined
      return {
        ...(details ?? { kind: 'none' as const }),
        source: 'send',
        account: this.account,
        action: result.subscription?.partnerAction ?? source ?? 'none',
        target: result.target,
        ...(eventId ? { eventId } : {}),
        outcome: result.outcome,
        reason: result.reason,
        message: result.message,
        ...(result.code !== undefined ? { code: String(result.code) } : {}),
        ...(result.trackingId ? { trackingId: result.trackingId } : {})
      }
    })
    this.log.record(entries)
  }
}
