import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import type { ForwardEntry } from '../forward-log/forward-entry'
import { entryRow, type ForwardEntryRow } from '../forward-log/forward-log'
import type { ForwardRowWriter } from '../forward-log/forward-row-writer'
import type { EntryDetails } from '../forward-log/record-details'
import { segmentEventsDetails } from '../forward-log/segment-details'
import { isSegmentAction, type SegmentActionName } from '../host/segment-host'
import { eventOf, type PendingLine, type SentConversion, type TargetOutcome } from './ledger'
import type { CoreOptions } from '../../conversions/inputs'
import { builtItemDetails, conversionDetails } from '../forward-log/conversion-details'
import type { ConversionKind } from '../pipeline/conversion'

/** Rows are given to the log's thread this many at a time. */
const FLUSH_EVERY = 1000

interface Waiting {
  record: Record<string, unknown>
  source?: string
  result: TargetOutcome
  details?: EntryDetails
}

function isSegmentResult(result: TargetOutcome): boolean {
  const action = result.subscription?.partnerAction
  return Boolean(action && isSegmentAction(action))
}

/**
 * `msads send`'s side of the forward log: each line's outcome per target (a Segment subscription with the goal,
 * order and click id it sent; a RudderStack job or CSV row with its outcome), written in batches from the log's
 * thread. A row is made as its line finishes, so the line's event and conversion are not held until the batch goes;
 * the Segment events the sink built no item of are described together, one mapping check per subscription and batch.
 */
export class SendForwardRecorder {
  /** Rows in the order their lines finished, and the results still to describe in their places. */
  private slots: Array<ForwardEntryRow | Waiting> = []
  private waiting: Waiting[] = []

  constructor(
    private readonly log: ForwardRowWriter,
    private readonly settings: CliSettings,
    private readonly account: string
  ) {}

  /** A promise when the log's thread is behind: the caller waits for it before sending more. */
  add(line: PendingLine): Promise<void> | undefined {
    const eventId = line.record ? line.record.messageId : line.messageId
    for (const result of line.results) {
      const segment = isSegmentResult(result)
      // A Segment event the sink built no item of is described with the others of its batch, at the flush.
      if (segment && !result.sent?.item) {
        const item: Waiting = { record: eventOf(line), source: line.source, result }
        this.waiting.push(item)
        this.slots.push(item)
      } else {
        const { sent } = result
        const details = segment && sent?.item ? builtItemDetails(sent.kind, sent.input, sent.item) : undefined
        this.slots.push(this.row(eventId, line.source, result, details))
      }
    }
    return this.slots.length >= FLUSH_EVERY ? this.flush() : undefined
  }

  /** Every line added written, and the log's thread ended (a refused write is thrown here at the latest). */
  async close(): Promise<void> {
    try {
      await this.flush()
    } finally {
      await this.log.close()
    }
  }

  /**
   * The details of Segment events the sink built no item of: the neutral input the pipeline sent (no mapping resolved
   * again) prepared together per kind and core options; events refused before a sink, from their event.
   */
  private describe(waiting: readonly Waiting[]): void {
    const groups = new Map<CoreOptions, Map<ConversionKind, Waiting[]>>()
    const refused = new Map<string, { action: SegmentActionName; mapping: JSONObject; items: Waiting[] }>()
    for (const item of waiting) {
      const { subscription, sent } = item.result
      const action = subscription?.partnerAction
      if (!subscription || !action || !isSegmentAction(action)) continue
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

  flush(): Promise<void> | undefined {
    const slots = this.slots
    const waiting = this.waiting
    this.slots = []
    this.waiting = []
    if (!slots.length) return undefined
    if (waiting.length) this.describe(waiting)
    const rows = slots.map((slot) =>
      Array.isArray(slot) ? slot : this.row(slot.record.messageId, slot.source, slot.result, slot.details)
    )
    return this.log.write(rows)
  }

  private row(
    eventId: unknown,
    source: string | undefined,
    result: TargetOutcome,
    details: EntryDetails | undefined
  ): ForwardEntryRow {
    // One object per row, every key set (undefined is written as NULL): no copy of the details, no key added later.
    const entry: ForwardEntry = {
      source: 'send',
      account: this.account,
      action: result.subscription?.partnerAction ?? source ?? 'none',
      target: result.target,
      kind: details?.kind ?? 'none',
      goal: details?.goal,
      orderId: details?.orderId,
      eventId: typeof eventId === 'string' ? eventId : undefined,
      clickId: details?.clickId,
      hashedEmail: details?.hashedEmail,
      hashedPhone: details?.hashedPhone,
      conversionTime: details?.conversionTime,
      value: details?.value,
      currency: details?.currency,
      outcome: result.outcome,
      reason: result.reason,
      message: result.message,
      code: result.code !== undefined ? String(result.code) : undefined,
      trackingId: result.trackingId || undefined
    }
    return entryRow(entry)
  }
}
