import type { IncomingMessage } from 'http'
import { readBody, type ByteBudget } from '../../support/read-body'
import { RequestError, ServerBusyError } from '../errors'

/** Bodies larger than this are refused with 413 (`--max-body-bytes` changes it). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

/** Deeper JSON is refused before it is parsed: no event, setting or mapping needs more than a few levels. */
export const MAX_JSON_DEPTH = 64

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
export async function readJsonBody(request: IncomingMessage, limit: number, budget: ByteBudget): Promise<unknown> {
  const body = await readBody(request, { limit, budget })
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
