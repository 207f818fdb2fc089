import { RequestError } from '../errors'
import type { ForwardLog } from '../forward-log/forward-log'
import { logFilter } from '../forward-log/log-filter'

/**
 * GET [/accounts/NAME]/log: the forward log, newest first, as JSON pages. Query: order_id, click_id, goal, outcome,
 * since (30m, 24h, 7d or a date-time), account, limit (at most 500), before (the `next` of the previous page).
 */
export function answerLog(log: ForwardLog | undefined, url: URL, account: string | undefined): unknown {
  if (!log) throw new RequestError(404, 'no_forward_log', 'This server runs without a forward log (--no-forward-log).')
  const query = url.searchParams
  const get = (name: string): string | undefined => query.get(name) ?? undefined
  const filter = logFilter({
    orderId: get('order_id'),
    clickId: get('click_id'),
    goal: get('goal'),
    outcome: get('outcome'),
    since: get('since'),
    account: account ?? get('account'),
    before: get('before'),
    limit: get('limit')
  })
  if (typeof filter === 'string') throw new RequestError(400, 'invalid_query', `${filter}.`)
  const limit = filter.limit ?? 100
  const rows = log.query({ ...filter, limit })
  return { rows, next: rows.length === limit ? rows[rows.length - 1].id : null }
}
