import type { SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import type { ForwardEntry, ForwardSource } from '../forward-log/forward-entry'
import type { ForwardLog } from '../forward-log/forward-log'
import { segmentEventDetails } from '../forward-log/segment-details'
import { isSegmentAction } from '../host/segment-host'
import type { PendingLine } from './ledger'

/** Entries are written in transactions of this many. */
const FLUSH_EVERY = 1000

/**
 * `msads send`'s side of the forward log: each line's outcome per target (a Segment subscription with the goal,
 * order and click id it sent; a RudderStack job or CSV row with its outcome), written in batches.
 */
export class SendForwardRecorder {
  private pending: ForwardEntry[] = []

  constructor(
    private readonly log: ForwardLog,
    private readonly settings: CliSettings,
    private readonly account: string
  ) {}

  add(line: PendingLine): void {
    const eventId = typeof line.record.messageId === 'string' ? line.record.messageId : undefined
    for (const result of line.results) {
      const { subscription } = result
      const action = subscription?.partnerAction
      const details =
        subscription && action && isSegmentAction(action)
          ? segmentEventDetails(
              action,
              subscription.mapping ?? {},
              line.record as unknown as SegmentEvent,
              this.settings
            )
          : { kind: 'none' as const }
      const source: ForwardSource = 'send'
      this.pending.push({
        ...details,
        source,
        account: this.account,
        action: action ?? line.source ?? 'none',
        target: result.target,
        ...(eventId ? { eventId } : {}),
        outcome: result.outcome,
        reason: result.reason,
        message: result.message,
        ...(result.code !== undefined ? { code: String(result.code) } : {}),
        ...(result.trackingId ? { trackingId: result.trackingId } : {})
      })
    }
    if (this.pending.length >= FLUSH_EVERY) this.flush()
  }

  flush(): void {
    const entries = this.pending
    this.pending = []
    this.log.record(entries)
  }
}
