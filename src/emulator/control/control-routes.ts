import { recordUetTagPushes } from '../capi/uet-tag-pushes'
import { mergeOptions } from '../options'
import { mergeSeed } from '../seed'
import { parsePartialSeed } from '../seed-schema'
import { jsonReply, type EmulatorRequest, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { stateSnapshot } from '../state/snapshot'

function readJson(body: string): { ok: true; value: unknown } | { ok: false; reply: Reply } {
  if (body.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (error) {
    return { ok: false, reply: problems([`the body is not valid JSON: ${(error as Error).message}`]) }
  }
}

function problems(list: string[]): Reply {
  return jsonReply(400, { error: 'invalid_control_request', problems: list })
}

type ControlHandler = (request: EmulatorRequest, state: EmulatorState, body: unknown) => Reply

function addClicks(state: EmulatorState, body: unknown): Reply {
  const parsed = parsePartialSeed({ clicks: Array.isArray(body) ? body : (body as { clicks?: unknown })?.clicks })
  if (!parsed.ok) return problems(parsed.problems)
  for (const click of parsed.seed.clicks ?? []) state.directory.addClick(click.msclkid, Date.parse(click.clickTime))
  return jsonReply(200, { clicks: state.directory.clicks.size })
}

/** The control API under /__emulator/: no authentication, for tests and the command line only. */
const ROUTES: Record<string, ControlHandler> = {
  'GET health': () => jsonReply(200, { ok: true }),
  'GET seed': (_request, state) => jsonReply(200, state.seed),
  'POST seed': (_request, state, body) => {
    const parsed = parsePartialSeed(body)
    if (!parsed.ok) return problems(parsed.problems)
    state.reset(mergeSeed(state.seed, parsed.seed))
    return jsonReply(200, state.seed)
  },
  'POST reset': (request, state) => {
    if (request.query.get('to') === 'startup') state.resetToStartup()
    else state.reset()
    return jsonReply(200, { reset: true, seed: request.query.get('to') === 'startup' ? 'startup' : 'active' })
  },
  'GET state': (request, state) => jsonReply(200, stateSnapshot(state, request.query.get('records') !== 'false')),
  'GET faults': (_request, state) => jsonReply(200, state.faults.config),
  'POST faults': (_request, state, body) => {
    const list = state.faults.configure(body)
    return list.length ? problems(list) : jsonReply(200, state.faults.config)
  },
  'DELETE faults': (_request, state) => {
    state.faults.clear()
    return jsonReply(200, state.faults.config)
  },
  'GET options': (_request, state) => jsonReply(200, state.options),
  'POST options': (_request, state, body) => {
    const merged = mergeOptions(state.options, body)
    if (merged.problems.length) return problems(merged.problems)
    state.options = merged.options
    return jsonReply(200, state.options)
  },
  'POST tokens/expire': (_request, state) => jsonReply(200, { expired: state.tokens.expireAllAccess(state.now()) }),
  'POST clicks': (_request, state, body) => addClicks(state, body),
  'GET bulk': (_request, state) => jsonReply(200, state.bulk.summary()),
  'POST bulk/faults': (_request, state, body) => {
    const list = state.bulk.configure(body)
    return list.length ? problems(list) : jsonReply(200, state.bulk.faults)
  }
}

const UET_PUSHES = /^uet\/([^/]+)\/pushes$/

export function handleControl(request: EmulatorRequest, path: string, state: EmulatorState): Reply {
  const route = `${request.method} ${path.replace(/\/$/, '')}`
  const uetTag = request.method === 'POST' ? UET_PUSHES.exec(path.replace(/\/$/, '')) : null
  const handler: ControlHandler | undefined = uetTag
    ? (_request, current, body) => recordUetTagPushes(current, uetTag[1], body)
    : ROUTES[route]
  if (!handler)
    return jsonReply(404, { error: 'not_found', routes: [...Object.keys(ROUTES), 'POST uet/{tagId}/pushes'] })
  const body = readJson(request.body)
  if (!body.ok) return body.reply
  return handler(request, state, body.value)
}
