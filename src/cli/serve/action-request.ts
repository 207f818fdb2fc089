import type { JSONObject, SegmentEvent } from '@segment/actions-core'
import type { CliSettings } from '../config/settings'
import { RequestError } from '../errors'
import { mappingProblems } from '../host/mapping-check'
import { requestSettings } from '../host/settings-guard'
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
  if (payload !== undefined && payloads !== undefined)
    throw new RequestError(
      400,
      'invalid_request',
      'Send either payload (one event) or payloads (an array of events), not both.'
    )
  if (payload !== undefined) {
    if (!isObject(payload))
      throw new RequestError(400, 'invalid_request', 'payload must be a JSON object: one Segment event.')
    return { events: [payload as unknown as SegmentEvent], mode: 'single' }
  }
  if (payloads === undefined)
    throw new RequestError(
      400,
      'invalid_request',
      'The body needs payload (one Segment event) or payloads (an array of events).'
    )
  if (!Array.isArray(payloads) || payloads.length === 0)
    throw new RequestError(400, 'invalid_request', 'payloads must be a non-empty array of Segment events.')
  if (payloads.length > MAX_EVENTS_PER_REQUEST) {
    throw new RequestError(
      413,
      'too_many_events',
      `payloads holds ${payloads.length} events; send at most ${MAX_EVENTS_PER_REQUEST} per request.`
    )
  }
  const notObject = payloads.findIndex((event) => !isObject(event))
  if (notObject >= 0)
    throw new RequestError(400, 'invalid_request', `payloads[${notObject}] must be a JSON object: a Segment event.`)
  return { events: payloads as SegmentEvent[], mode: 'batch' }
}

function authOf(value: unknown): SegmentRun['auth'] {
  if (value === undefined || value === null) return undefined
  if (!isObject(value) || typeof value.accessToken !== 'string' || !value.accessToken) {
    throw new RequestError(
      400,
      'invalid_request',
      'auth must be an object with an accessToken string (and optionally refreshToken).'
    )
  }
  return {
    accessToken: value.accessToken,
    ...(typeof value.refreshToken === 'string' ? { refreshToken: value.refreshToken } : {})
  }
}

/** A mapping the request gave, over the defaults when `useDefaultMappings` is true. */
function givenMapping(action: SegmentActionName, body: Record<string, unknown>): JSONObject | undefined {
  const { mapping } = body
  if (mapping === undefined || mapping === null) return undefined
  if (!isObject(mapping))
    throw new RequestError(
      400,
      'invalid_request',
      'mapping must be a JSON object of field keys to values or directives.'
    )
  const problems = mappingProblems(mapping)
  if (problems.length) throw new RequestError(400, 'invalid_mapping', `The mapping is not valid: ${problems.join(' ')}`)
  return body.useDefaultMappings === true
    ? { ...defaultMapping(action), ...(mapping as JSONObject) }
    : (mapping as JSONObject)
}

/** The events of a request as runs of the destination, and those no mapping applies to. */
export interface ActionRequest {
  action: SegmentActionName
  mode: 'single' | 'batch'
  events: SegmentEvent[]
  /** Each run with the positions of its events in `events`. */
  runs: Array<{ run: SegmentRun; positions: number[] }>
  /** Positions of the events that no preset matches, when no mapping was given: skipped as `event_not_mapped`. */
  unmapped: number[]
}

/**
 * A POST /actions/{action} body checked and turned into runs of the Segment destination. With a mapping, one run.
 * Without one, each event takes the mapping of the first preset of this action that matches it (as Segment
 * subscribes a new destination, and as `msads send` does); an event that none matches is not mapped.
 */
export function parseActionRequest(
  action: SegmentActionName,
  body: unknown,
  serverSettings: CliSettings
): ActionRequest {
  if (!isObject(body))
    throw new RequestError(
      400,
      'invalid_request',
      'The body must be a JSON object: { payload | payloads, settings?, mapping?, auth? }.'
    )
  const unknown = Object.keys(body).filter((key) => !KEYS.has(key))
  if (unknown.length) {
    throw new RequestError(
      400,
      'invalid_request',
      `Unknown keys in the body: ${unknown.join(', ')}. ` +
        'Expected payload or payloads, settings, mapping, auth, useDefaultMappings.'
    )
  }
  const { events, mode } = eventsOf(body)
  const requested = requestSettings(body.settings)
  // A request's settings are used as they are, complete; without any, the server's own apply.
  const settings = Object.keys(requested).length ? requested : serverSettings
  const auth = authOf(body.auth)
  const mapping = givenMapping(action, body)
  const runOf = (positions: number[], runMapping: JSONObject): { run: SegmentRun; positions: number[] } => ({
    run: { action, events: positions.map((position) => events[position]), mode, settings, mapping: runMapping, auth },
    positions
  })
  if (mapping)
    return {
      action,
      mode,
      events,
      runs: [
        runOf(
          events.map((_, index) => index),
          mapping
        )
      ],
      unmapped: []
    }

  const presets = presetSubscriptions().filter((subscription) => subscription.action === action)
  const byPreset = new Map<number, number[]>()
  const unmapped: number[] = []
  events.forEach((event, position) => {
    const preset = presets.findIndex((subscription) => subscription.matches(event))
    if (preset < 0) return unmapped.push(position)
    byPreset.set(preset, [...(byPreset.get(preset) ?? []), position])
  })
  const runs = [...byPreset].map(([preset, positions]) => runOf(positions, presets[preset].mapping))
  return { action, mode, events, runs, unmapped }
}
