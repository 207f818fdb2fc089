import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import { RequestError, requestSettings } from '../host/settings-guard'
import { defaultMapping, type SegmentActionName, type SegmentRun } from '../host/segment-host'
import { presetSubscriptions } from '../host/subscriptions'

/** At most this many events per request: Microsoft's limit per call, and Segment's batch size. */
export const MAX_EVENTS_PER_REQUEST = 1000

const KEYS = new Set(['payload', 'payloads', 'settings', 'mapping', 'auth', 'useDefaultMappings'])

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

function eventsOf(body: Record<string, unknown>): { events: SegmentEvent[]; mode: 'single' | 'batch' } {
  const { payload, payloads } = body
  if (payload !== undefined && payloads !== undefined) throw new RequestError(400, 'invalid_request', 'Send either payload (one event) or payloads (an array of events), not both.')
  if (payload !== undefined) {
    if (!isObject(payload)) throw new RequestError(400, 'invalid_request', 'payload must be a JSON object: one Segment event.')
    return { events: [payload as unknown as SegmentEvent], mode: 'single' }
  }
  if (payloads === undefined) throw new RequestError(400, 'invalid_request', 'The body needs payload (one Segment event) or payloads (an array of events).')
  if (!Array.isArray(payloads) || payloads.length === 0) throw new RequestError(400, 'invalid_request', 'payloads must be a non-empty array of Segment events.')
  if (payloads.length > MAX_EVENTS_PER_REQUEST) {
    throw new RequestError(413, 'too_many_events', `payloads holds ${payloads.length} events; send at most ${MAX_EVENTS_PER_REQUEST} per request.`)
  }
  const notObject = payloads.findIndex((event) => !isObject(event))
  if (notObject >= 0) throw new RequestError(400, 'invalid_request', `payloads[${notObject}] must be a JSON object: a Segment event.`)
  return { events: payloads as SegmentEvent[], mode: 'batch' }
}

function authOf(value: unknown): SegmentRun['auth'] {
  if (value === undefined || value === null) return undefined
  if (!isObject(value) || typeof value.accessToken !== 'string' || !value.accessToken) {
    throw new RequestError(400, 'invalid_request', 'auth must be an object with an accessToken string (and optionally refreshToken).')
  }
  return { accessToken: value.accessToken, ...(typeof value.refreshToken === 'string' ? { refreshToken: value.refreshToken } : {}) }
}

/**
 * Without a mapping: the mapping of the destination's preset for this action that every event matches (as Segment
 * subscribes a new destination), else the action's default field values.
 */
function mappingFor(action: SegmentActionName, events: SegmentEvent[], body: Record<string, unknown>): JSONObject {
  const { mapping } = body
  if (mapping !== undefined && mapping !== null) {
    if (!isObject(mapping)) throw new RequestError(400, 'invalid_request', 'mapping must be a JSON object of field keys to values or directives.')
    return body.useDefaultMappings === true ? { ...defaultMapping(action), ...(mapping as JSONObject) } : (mapping as JSONObject)
  }
  const preset = presetSubscriptions().find((subscription) => subscription.action === action && events.every((event) => subscription.matches(event)))
  return preset ? preset.mapping : defaultMapping(action)
}

/** A POST /actions/{action} body checked and turned into a run of the Segment destination. */
export function parseActionRequest(action: SegmentActionName, body: unknown, serverSettings: CliSettings): SegmentRun {
  if (!isObject(body)) throw new RequestError(400, 'invalid_request', 'The body must be a JSON object: { payload | payloads, settings?, mapping?, auth? }.')
  const unknown = Object.keys(body).filter((key) => !KEYS.has(key))
  if (unknown.length) {
    throw new RequestError(400, 'invalid_request', `Unknown keys in the body: ${unknown.join(', ')}. Expected payload or payloads, settings, mapping, auth, useDefaultMappings.`)
  }
  const { events, mode } = eventsOf(body)
  const settings = requestSettings(body.settings)
  return {
    action,
    events,
    mode,
    // A request's settings are used as they are, complete; without any, the server's own apply.
    settings: Object.keys(settings).length ? settings : serverSettings,
    mapping: mappingFor(action, events, body),
    auth: authOf(body.auth)
  }
}
