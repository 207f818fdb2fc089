import type { ForwardFilter } from './forward-entry'

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `--since`: a duration back from now (`30m`, `24h`, `7d`) or a date-time (`2026-12-01`, ISO-8601). */
export function parseSince(text: string, now: number = Date.now()): number | string {
  const relative = /^(\d+)\s*([smhd])$/i.exec(text.trim())
  if (relative) return now - Number(relative[1]) * UNITS[relative[2].toLowerCase()]
  const at = Date.parse(text.trim())
  if (Number.isFinite(at) && /^\d{4}-\d{2}-\d{2}/.test(text.trim())) return at
  return `since must be a duration (30m, 24h, 7d) or a date-time (2026-12-01T00:00:00Z), not "${text}"`
}

export const OUTCOMES = ['delivered', 'skipped', 'rejected', 'retry', 'auth'] as const

/** The filters as given on the command line or in a query string; a problem as a sentence. */
export function logFilter(
  given: {
    orderId?: string
    clickId?: string
    goal?: string
    outcome?: string
    since?: string
    account?: string
    before?: string
    limit?: string
  },
  now: number = Date.now()
): ForwardFilter | string {
  const filter: ForwardFilter = {}
  for (const key of ['orderId', 'clickId', 'goal', 'account'] as const) {
    const value = given[key]
    if (value !== undefined && value !== '') filter[key] = value
  }
  if (given.outcome !== undefined && given.outcome !== '') {
    if (!(OUTCOMES as readonly string[]).includes(given.outcome))
      return `outcome must be one of ${OUTCOMES.join(', ')}, not "${given.outcome}"`
    filter.outcome = given.outcome
  }
  if (given.since !== undefined && given.since !== '') {
    const since = parseSince(given.since, now)
    if (typeof since === 'string') return since
    filter.since = since
  }
  for (const key of ['before', 'limit'] as const) {
    const value = given[key]
    if (value === undefined || value === '') continue
    const number = Number(value)
    if (!Number.isInteger(number) || number < 1) return `${key} must be a positive whole number, not "${value}"`
    filter[key] = number
  }
  return filter
}
