import type { ZodType, ZodTypeDef } from 'zod'
import type { Reply } from '../server/reply'
import { describeIssues } from '../support/zod-issues'
import { apiFaultReply, operationError } from './faults'

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply }

/** The list a request carries, with the codes for an empty list and for too many items. */
export interface ListRule {
  key: string
  max: number
  emptyCode?: number
  tooManyCode: number
}

function fail<T>(trackingId: string, code: number, details: string | null = null): Parsed<T> {
  return { ok: false, reply: apiFaultReply(trackingId, [operationError(code, details)]) }
}

/**
 * Reads a Campaign Management body: JSON, an object, the list within its limits, then the shape. Whatever is
 * wrong becomes an ApiFaultDetail; nothing here throws.
 */
export function parseCampaignBody<T>(
  body: string,
  trackingId: string,
  schema: ZodType<T, ZodTypeDef, unknown>,
  list?: ListRule
): Parsed<T> {
  if (body.trim() === '') return fail(trackingId, 100)
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch (error) {
    return fail(trackingId, 201, `The request body is not valid JSON: ${(error as Error).message}`)
  }
  if (json === null) return fail(trackingId, 100)
  if (typeof json !== 'object' || Array.isArray(json))
    return fail(trackingId, 201, 'The request body must be a JSON object.')

  if (list) {
    const items = (json as Record<string, unknown>)[list.key]
    const empty = items === undefined || items === null || (Array.isArray(items) && items.length === 0)
    if (empty && list.emptyCode !== undefined) return fail(trackingId, list.emptyCode, `${list.key} is null or empty.`)
    if (Array.isArray(items) && items.length > list.max) {
      return fail(trackingId, list.tooManyCode, `${list.key} has ${items.length} items; the limit is ${list.max}.`)
    }
  }

  const parsed = schema.safeParse(json)
  if (!parsed.success) return fail(trackingId, 201, describeIssues(parsed.error.issues))
  return { ok: true, value: parsed.data }
}
