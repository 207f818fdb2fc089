import type { IncomingMessage } from 'http'
import { readBody } from '../../emulator/server/read-body'
import { RequestError } from '../host/settings-guard'

/** Bodies larger than this are refused with 413 (`--max-body-bytes` changes it). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024

/** The request's JSON body; a RequestError (400, 413) when it is not readable JSON or too large. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(request, limit)
  if (body.kind === 'gone') throw new RequestError(400, 'incomplete_body', 'The request body ended early.')
  if (body.kind === 'tooLarge') {
    throw new RequestError(413, 'body_too_large', `The request body is larger than ${limit} bytes. Send at most 1,000 events per request, in several requests.`)
  }
  if (!body.text.trim()) throw new RequestError(400, 'empty_body', 'The request body is empty; send a JSON object.')
  try {
    return JSON.parse(body.text)
  } catch (error) {
    throw new RequestError(400, 'malformed_json', `The request body is not valid JSON: ${(error as Error).message}.`)
  }
}
