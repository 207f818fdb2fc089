import type { OutcomeKind } from '../../outcome'

/** Which way an event came in. */
export type ForwardSource = 'segment' | 'rudderstack' | 'send'

/** What Microsoft was asked to do for the event: an offline conversion, an adjustment, or a UET CAPI event. */
export type ForwardKind = 'offline' | 'adjustment' | 'capi' | 'none'

/**
 * One event on its way to one target, as the forward log records it. The click id and hashes are kept for the
 * refund lookup (OriginalConversionLookup) only: rows read back show the click id masked and never the hashes.
 * Nothing here is a raw email or phone.
 */
export interface ForwardEntry {
  source: ForwardSource
  account: string
  /** The Segment action (trackConversion, adjustConversion, uetCapiEvent) or `rudderstack`. */
  action: string
  /** The subscription or part the event went through: idempotency is per event and target. */
  target: string
  kind: ForwardKind
  goal?: string
  /** The order or transaction id. */
  orderId?: string
  /** The sender's messageId (the idempotency key with the account and target). */
  eventId?: string
  clickId?: string
  hashedEmail?: string
  hashedPhone?: string
  /** As sent to Microsoft (UTC ISO-8601). */
  conversionTime?: string
  value?: number
  currency?: string
  outcome: OutcomeKind
  reason: string
  message?: string
  code?: string
  trackingId?: string
}

/** A row as `msads log`, `GET /log` and the admin page show it: no hashes, the click id masked. */
export interface ForwardRow {
  id: number
  received: string
  updated: string
  source: ForwardSource
  account: string
  action: string
  target: string
  goal?: string
  orderId?: string
  eventId?: string
  clickId?: string
  conversionTime?: string
  value?: number
  currency?: string
  outcome: OutcomeKind
  reason: string
  message?: string
  code?: string
  trackingId?: string
  attempts: number
}

export interface ForwardFilter {
  orderId?: string
  /** The full click id (rows show it masked). */
  clickId?: string
  goal?: string
  outcome?: string
  /** Rows received at or after this time (epoch ms). */
  since?: number
  account?: string
  /** Rows with an id below this one (the next page of a newest-first listing). */
  before?: number
  limit?: number
}
