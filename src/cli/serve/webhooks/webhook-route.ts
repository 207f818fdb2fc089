import { DEFAULT_ACCOUNT_NAME } from '../../config/accounts'
import type { OriginalConversionLookup } from '../../forward-log/original-conversion'
import type { IncomingMessage } from 'http'
import type { Destination } from '../../../../destinations/rudderstack/contracts/rudder-types'
import type { ByteBudget } from '../../../support/read-body'
import type { CliSettings } from '../../config/settings'
import { RequestError } from '../../errors'
import type { Outcome } from '../../../outcome'
import type { RudderHost } from '../../host/rudder-host'
import type { SegmentHost } from '../../host/segment-host'
import type { CompiledSubscription } from '../../host/subscriptions'
import type { CliMetrics } from '../../metrics/cli-metrics'
import { worstOutcome } from '../../send/outcome-table'
import { retryStatus } from '../retry-status'
import type { EventLedger, TargetOutcome } from './event-ledger'
import { deliverRudderMessages } from './rudder-webhook'
import { deliverSegmentEvents } from './segment-webhook'
import { segmentSignatureValid } from './segment-signature'
import { readWebhookBody, webhookEvents } from './webhook-body'

export type WebhookSender = 'segment' | 'rudderstack'

/** What the webhook routes need from the server. */
export interface WebhookContext {
  segment: SegmentHost
  subscriptions: readonly CompiledSubscription[]
  ledger: EventLedger
  /** The RudderStack destination and host of an account (its settings, the server's tokens). */
  rudder(account: { name: string; settings: CliSettings }): { host: RudderHost; destination: Destination }
  /** Segment's shared secret: when set, `X-Signature` must be valid. */
  segmentSecret?: string
  metrics?: CliMetrics
  /** Where a refund that does not name its original conversion finds it by order id (the forward log). */
  originals?: OriginalConversionLookup
}

/** `/webhooks/segment` or `/webhooks/rudderstack`, or undefined for another path. */
export function webhookSender(path: string): WebhookSender | undefined {
  const match = /^\/webhooks\/(segment|rudderstack)\/?$/.exec(path)
  return match ? (match[1] as WebhookSender) : undefined
}

function eventResult(index: number, event: Record<string, unknown>, targets: TargetOutcome[]): Record<string, unknown> {
  const { target: _target, replayed, ...final } = worstOutcome(targets)
  return {
    index,
    ...(typeof event.messageId === 'string' ? { messageId: event.messageId } : {}),
    ...final,
    ...(replayed ? { replayed: true } : {}),
    ...(targets.length > 1 ? { targets } : { target: targets[0].target })
  }
}

export interface WebhookAnswer {
  status: number
  headers: Record<string, string>
  body: unknown
  /** Each event's final outcome, for the request log and the health window. */
  outcomes: Outcome[]
}

/**
 * POST /webhooks/{segment|rudderstack}: the events as the sender sends them, each routed and delivered, each
 * outcome in the body, and the status that tells the sender whether to send the request again.
 */
export async function answerWebhook(
  sender: WebhookSender,
  context: WebhookContext,
  exchange: {
    request: IncomingMessage
    budget: ByteBudget
    maxBodyBytes: number
    retryAfterSeconds: number
    account: { name: string; settings: CliSettings }
  }
): Promise<WebhookAnswer> {
  const body = await readWebhookBody(exchange.request, exchange.maxBodyBytes, exchange.budget)
  if (sender === 'segment' && context.segmentSecret) {
    const signature = exchange.request.headers['x-signature']
    if (!segmentSignatureValid(signature, context.segmentSecret, body.text, body.json)) {
      throw new RequestError(
        401,
        signature ? 'invalid_signature' : 'missing_signature',
        signature
          ? 'X-Signature does not match the body: check that the Shared Secret in Segment is the one this server has.'
          : 'This server checks Segment signatures: set the Shared Secret in the Webhooks (Actions) destination.'
      )
    }
  }
  const { events, shape } = webhookEvents(body.json)
  const perEvent =
    sender === 'segment'
      ? await deliverSegmentEvents({
          events,
          account: exchange.account,
          subscriptions: context.subscriptions,
          segment: context.segment,
          ledger: context.ledger,
          metrics: context.metrics,
          originals: context.originals && {
            lookup: context.originals,
            account: exchange.account.name === DEFAULT_ACCOUNT_NAME ? undefined : exchange.account.name
          }
        })
      : await deliverRudderMessages({
          events,
          account: exchange.account.name,
          ...context.rudder(exchange.account),
          ledger: context.ledger
        })
  const results = perEvent.map((targets, index) => eventResult(index, events[index], targets))
  const outcomes = perEvent.map((targets) => worstOutcome(targets))
  const { status, headers } = retryStatus(outcomes, exchange.retryAfterSeconds)
  return { status, headers, outcomes, body: { sender, shape, events: events.length, results } }
}
