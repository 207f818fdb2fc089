import { createHmac } from 'crypto'

/**
 * Webhook requests built as the senders' own sources build them.
 *
 * Segment Webhooks (Actions) (segmentio/action-destinations, destinations/webhook): the `data` field defaults to
 * `@path $.` (the whole event); `perform` sends `json: data`, `performBatch` sends `json: payloads.map(p => p.data)`;
 * `extendRequest` signs with X-Signature = hex HMAC-SHA1(sharedSecret, JSON.stringify(data)), in batch mode of the
 * first payload's data. actions-core serialises `json` with JSON.stringify.
 *
 * RudderStack Webhook (rudder-transformer, src/cdk/v2/destinations/webhook/procWorkflow.yaml): one message per
 * request, the body the message without fullPath, appendPath and header, with null values removed and context.ip
 * set from request_ip; headers: content-type, then the destination config's headers (from → to), then the
 * message's own `header` object.
 */
export interface SenderRequest {
  headers: Record<string, string>
  body: string
}

export function segmentSingle(event: Record<string, unknown>, sharedSecret?: string): SenderRequest {
  const body = JSON.stringify(event)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (sharedSecret) headers['X-Signature'] = createHmac('sha1', sharedSecret).update(body, 'utf8').digest('hex')
  return { headers, body }
}

export function segmentBatch(events: Array<Record<string, unknown>>, sharedSecret?: string): SenderRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (sharedSecret)
    headers['X-Signature'] = createHmac('sha1', sharedSecret).update(JSON.stringify(events[0]), 'utf8').digest('hex')
  return { headers, body: JSON.stringify(events) }
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, entry]) => entry !== null && entry !== undefined)
        .map(([key, entry]) => [key, entry && typeof entry === 'object' ? withoutNulls(entry) : entry])
    )
  }
  return value
}

export function rudderWebhook(
  message: Record<string, unknown>,
  configHeaders: Array<{ from: string; to: string }> = []
): SenderRequest {
  const { fullPath: _f, appendPath: _a, header, ...rest } = message
  const payload = rest as Record<string, any>
  if (message.request_ip && !(payload.context as Record<string, unknown> | undefined)?.ip)
    payload.context = { ...(payload.context ?? {}), ip: message.request_ip }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  for (const { from, to } of configHeaders) headers[from] = to
  if (header && typeof header === 'object')
    for (const [key, value] of Object.entries(header))
      headers[key] = typeof value === 'string' ? value : JSON.stringify(value)
  return { headers, body: JSON.stringify(withoutNulls(payload)) }
}

/** A RudderStack track message as an SDK sends it. */
export function rudderTrack(index: number, event: string, properties: Record<string, unknown>, now = Date.now()) {
  const time = new Date(now - 3_600_000).toISOString()
  return {
    type: 'track',
    event,
    messageId: `rudder-${index}`,
    anonymousId: `anon-${index}`,
    userId: null,
    channel: 'web',
    rudderId: `rudder-id-${index}`,
    originalTimestamp: time,
    sentAt: time,
    timestamp: time,
    receivedAt: time,
    request_ip: '203.0.113.7',
    context: { library: { name: 'RudderLabs JavaScript SDK', version: '3.0.0' }, traits: {} },
    integrations: { All: true },
    properties
  }
}
