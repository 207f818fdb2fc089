import { z, type AnyZodObject } from 'zod'
import { describeFlatProblem, flatChecker } from '../support/flat-checker'
import { apiFaultReply, operationError } from './faults'
import { parseCampaignBody, type Parsed } from './parse-body'

export const MAX_APPLY_ITEMS = 1000

/**
 * An Apply body: `{ "<listKey>": [item | null, …] }`. The same checks as parseCampaignBody with the item model,
 * with the item check compiled from the model (see flatChecker) because this is the emulator's hot path.
 */
export function applyBodyParser<T>(
  listKey: string,
  itemModel: AnyZodObject
): (body: string, trackingId: string) => Parsed<Array<T | null>> {
  const checkItem = flatChecker(itemModel)
  const envelope = z.object({ [listKey]: z.unknown() }).strict()
  const rule = { key: listKey, max: MAX_APPLY_ITEMS, emptyCode: 5600, tooManyCode: 5601 }
  return (body, trackingId) => {
    const parsed = parseCampaignBody(body, trackingId, envelope, rule)
    if (!parsed.ok) return parsed
    const items = (parsed.value as Record<string, unknown>)[listKey]
    if (!Array.isArray(items))
      return {
        ok: false,
        reply: apiFaultReply(trackingId, [operationError(201, `${listKey}: Expected array, received ${typeof items}`)])
      }
    for (let index = 0; index < items.length; index++) {
      if (items[index] === null) continue
      const problem = checkItem(items[index])
      if (problem)
        return {
          ok: false,
          reply: apiFaultReply(trackingId, [operationError(201, describeFlatProblem(problem, `${listKey}[${index}]`))])
        }
    }
    return { ok: true, value: items as Array<T | null> }
  }
}
