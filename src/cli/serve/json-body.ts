import type { IncomingMessage } from 'http'
import { RequestError } from '../host/settings-guard'
import type { BodyBudget } from './limits'

/** Bodies larger than this are refused with 413 (`--max-body-bytes` changes it). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

/** Deeper JSON is refused before it is parsed: no event, setting or mapping needs more than a few levels. */
export const MAX_JSON_DEPTH = 64

/** Thrown when the shared body budget is spent: a 503 with Retry-After, the caller retries. */
export class ServerBusyError extends RequestError {
  constructor() {
    super(503, 'server_busy', 'The server holds as many request bodies as it may; retry shortly.')
  }
}

type Body = { kind: 'ok'; text: string } | { kind: 'tooLarge' } | { kind: 'busy' } | { kind: 'gone' }

/** Reads the body, reserving every chunk in the budget before keeping it; what it kept is released at the end. */
function readBudgeted(request: IncomingMessage, limit: number, budget: BodyBudget): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let kept = 0
    let settled = false
    const finish = (body: Body): void => {
      if (settled) return
      settled = true
      budget.release(kept)
      chunks.length = 0
      kept = 0
      resolve(body)
    }
    const stop = (body: Body): void => {
      request.removeAllListeners('data')
      request.resume()
      finish(body)
    }
    if (Number(request.headers['content-length'] ?? 0) > limit) return stop({ kind: 'tooLarge' })
    request.on('data', (chunk: Buffer) => {
      if (kept + chunk.length > limit) return stop({ kind: 'tooLarge' })
      if (!budget.reserve(chunk.length)) return stop({ kind: 'busy' })
      kept += chunk.length
      chunks.push(chunk)
    })
    request.on('end', () => {
      const text = Buffer.concat(chunks, kept).toString('utf8')
      finish({ kind: 'ok', text })
    })
    request.on('error', () => finish({ kind: 'gone' }))
    request.on('close', () => {
      if (!request.complete) finish({ kind: 'gone' })
    })
  })
}

/** How deep the JSON text nests, counted without parsing it (strings skipped), stopping past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 92) index += 1
      else if (char === 34) inString = false
    } else if (char === 34) inString = true
    else if (char === 123 || char === 91) {
      depth += 1
      if (depth > limit) return true
    } else if (char === 125 || char === 93) depth -= 1
  }
  return false
}

/** The request's JSON body; a RequestError (400, 413, 503) when it is not readable JSON, too large or too deep. */
export async function readJsonBody(request: IncomingMessage, limit: number, budget: BodyBudget): Promise<unknown> {
  const body = await readBudgeted(request, limit, budget)
  if (body.kind === 'gone') throw new RequestError(400, 'incomplete_body', 'The request body ended early.')
  if (body.kind === 'busy') throw new ServerBusyError()
  if (body.kind === 'tooLarge') {
    throw new RequestError(
      413,
      'body_too_large',
      `The request body is larger than ${limit} bytes. Send at most 1,000 events per request, in several requests.`
    )
  }
  if (!body.text.trim()) throw new RequestError(400, 'empty_body', 'The request body is empty; send a JSON object.')
  if (jsonDepthExceeds(body.text, MAX_JSON_DEPTH)) {
    throw new RequestError(
      400,
      'too_deep',
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels; events, settings and mappings never need that.`
    )
  }
  try {
    return JSON.parse(body.text)
  } catch (error) {
    throw new RequestError(400, 'malformed_json', `The request body is not valid JSON: ${(error as Error).message}.`)
  }
}
