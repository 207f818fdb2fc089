import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import type { ForwardEntry } from '../forward-log/forward-entry'
import type { ForwardLog } from '../forward-log/forward-log'
import type { EntryDetails } from '../forward-log/record-details'
import { segmentEventsDetails } from '../forward-log/segment-details'
import { isSegmentAction, type SegmentActionName } from '../host/segment-host'
import type { PendingLine, SentConversion, TargetOutcome } from './ledger'
import type { CoreOptions } from '../../conversions/inputs'
import { builtItemDetails, conversionDetails } from '../forward-log/conversion-details'
import type { ConversionKind } from '../pipeline/conversion'

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

  /**
   * The details of the Segment events sent: the item the sink's core built, else the neutral input the pipeline sent
   * (no mapping resolved again) prepared together per kind and core options; events refused before a sink, from their event.
   */
  private describe(waiting: readonly Waiting[]): void {
    const groups = new Map<CoreOptions, Map<ConversionKind, Waiting[]>>()
    const refused = new Map<string, { action: SegmentActionName; mapping: JSONObject; items: Waiting[] }>()
    for (const item of waiting) {
      const { subscription, sent } = item.result
      const action = subscription?.partnerAction
      if (!subscription || !action || !isSegmentAction(action)) continue
      if (sent?.item) {
        item.details = builtItemDetails(sent.kind, sent.input, sent.item)
        continue
      }
      if (sent) {
        let byKind = groups.get(sent.options)
        if (!byKind) groups.set(sent.options, (byKind = new Map()))
        const list = byKind.get(sent.kind) ?? []
        byKind.set(sent.kind, list)
        list.push(item)
        continue
      }
      const mapping = subscription.mapping ?? {}
      const key = `${subscription.name ?? ''}\u0000${action}\u0000${JSON.stringify(mapping)}`
      let group = refused.get(key)
      if (!group) refused.set(key, (group = { action, mapping, items: [] }))
      group.items.push(item)
    }
    for (const [options, byKind] of groups) {
      for (const [kind, items] of byKind) {
        const details = conversionDetails(
          kind,
          items.map((item) => (item.result.sent as SentConversion).input),
          options
        )
        items.forEach((item, index) => (item.details = details[index]))
      }
    }
    for (const { action, mapping, items } of refused.values()) {
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
      const entry: ForwardEntry = {
        kind: 'none',
        source: 'send',
        account: this.account,
        action: result.subscription?.partnerAction ?? source ?? 'none',
        target: result.target,
        outcome: result.outcome,
        reason: result.reason,
        message: result.message
      }
      if (details) Object.assign(entry, details)
      if (typeof record.messageId === 'string') entry.eventId = record.messageId
      if (result.code !== undefined) entry.code = String(result.code)
      if (result.trackingId) entry.trackingId = result.trackingId
      return entry
    })
    this.log.record(entries)
  }
}
