import type { IncomingMessage } from 'http'
import { readBody, type ByteBudget } from '../../../support/read-body'
import { RequestError, ServerBusyError } from '../../errors'
import { MAX_EVENTS_PER_REQUEST } from '../action-request'
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../json-body'

/** A webhook's body: the bytes as sent (for the signature) and the JSON they hold. */
export interface WebhookBody {
  text: string
  json: unknown
}

export async function readWebhookBody(
  request: IncomingMessage,
  limit: number,
  budget: ByteBudget
): Promise<WebhookBody> {
  const body = await readBody(request, { limit, budget })
  if (body.kind === 'gone') throw new RequestError(400, 'incomplete_body', 'The request body ended early.')
  if (body.kind === 'busy') throw new ServerBusyError()
  if (body.kind === 'tooLarge') {
    throw new RequestError(
      413,
      'body_too_large',
      `The request body is larger than ${limit} bytes. Lower the sender's batch size (at most ${MAX_EVENTS_PER_REQUEST} events).`
    )
  }
  if (!body.text.trim()) throw new RequestError(400, 'empty_body', 'The request body is empty; send an event.')
  if (jsonDepthExceeds(body.text, MAX_JSON_DEPTH))
    throw new RequestError(400, 'too_deep', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`)
  try {
    return { text: body.text, json: JSON.parse(body.text) }
  } catch (error) {
    throw new RequestError(400, 'malformed_json', `The request body is not valid JSON: ${(error as Error).message}.`)
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

/**
 * The events of a webhook body, as the senders send them: one event object (Segment's Webhooks (Actions) without
 * batching, RudderStack's Webhook), a JSON array (Segment's batch mode), or `{"batch": [...]}` (the batch shape of
 * Segment's and RudderStack's HTTP APIs).
 */
export function webhookEvents(json: unknown): {
  events: Array<Record<string, unknown>>
  shape: 'single' | 'array' | 'batch'
} {
  let events: unknown[]
  let shape: 'single' | 'array' | 'batch'
  let path: string
  if (Array.isArray(json)) {
    events = json
    shape = 'array'
    path = ''
  } else if (isObject(json) && Array.isArray(json.batch) && json.type === undefined) {
    events = json.batch
    shape = 'batch'
    path = 'batch'
  } else if (isObject(json)) {
    return { events: [json], shape: 'single' }
  } else {
    throw new RequestError(
      400,
      'invalid_request',
      'The body must be an event object, a JSON array of events, or {"batch": [events]}.'
    )
  }
  if (!events.length) throw new RequestError(400, 'invalid_request', `${path || 'The array'} holds no event.`)
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    throw new RequestError(
      413,
      'too_many_events',
      `The body holds ${events.length} events; send at most ${MAX_EVENTS_PER_REQUEST} per request (the sender's batch size).`
    )
  }
  const notObject = events.findIndex((event) => !isObject(event))
  if (notObject >= 0)
    throw new RequestError(400, 'invalid_request', `${path}[${notObject}] must be a JSON object: an event.`)
  return { events: events as Array<Record<string, unknown>>, shape }
}
