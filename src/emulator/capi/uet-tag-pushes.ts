import { jsonReply, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { conversionKey } from '../state/uet-tag-event'

/**
 * `POST /__emulator/uet/{tagId}/pushes`: what the UET JavaScript tag of a page was given, as the argument lists of
 * `window.uetq.push(...)` (`[["event", "purchase", {"event_id": "…"}], …]`, or `{"pushes": […]}`). Its custom events
 * are kept per tag under the key CAPI events are deduplicated by (event_id + event action = eventId + eventName), so
 * the pair Microsoft counts once (UET Conversions API guide, "Prevent duplicate conversions") is counted once here.
 * A control route rather than bat.bing.com: how the tag puts event_id on the wire is not documented.
 */
export function recordUetTagPushes(state: EmulatorState, tagId: string, body: unknown): Reply {
  if (!state.directory.tags.has(tagId)) {
    return jsonReply(404, { error: 'invalid_control_request', problems: [`no UET tag ${tagId}`] })
  }
  const pushes = Array.isArray(body) ? body : (body as { pushes?: unknown } | null)?.pushes
  if (!Array.isArray(pushes) || pushes.some((push) => !Array.isArray(push) || typeof push[0] !== 'string')) {
    return jsonReply(400, {
      error: 'invalid_control_request',
      problems: ['pushes must be a list of uetq.push argument lists, each starting with its command']
    })
  }
  const receivedAt = new Date(state.now()).toISOString()
  const result = { recorded: 0, duplicates: 0, ignored: 0 }
  for (const [command, eventAction, rawParams] of pushes as unknown[][]) {
    if (command !== 'event' || typeof eventAction !== 'string') {
      result.ignored += 1
      continue
    }
    const params = (rawParams && typeof rawParams === 'object' ? rawParams : {}) as Record<string, unknown>
    const key = conversionKey(params.event_id, eventAction)
    const fromCapi = key !== null && state.records.capiEvents.has(tagId, key)
    if (state.records.uetTagEvents.add(tagId, key, { eventAction, params }, receivedAt, fromCapi)) result.recorded += 1
    else result.duplicates += 1
  }
  return jsonReply(200, result)
}
