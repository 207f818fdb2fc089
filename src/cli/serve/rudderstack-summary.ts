import type { OutcomeKind } from '../../outcome'

export interface RudderstackSummary {
  /** processor, router, proxy or deliver. */
  stage: string
  events: number
  /** `outcome:reason` for /deliver's jobs, `status:NNN` for the contract routes' entries. */
  outcomes: Record<string, number>
  /** /deliver's job outcomes, for the health window. */
  jobs: Array<{ outcome: OutcomeKind; reason: string; code?: number | string }>
  trackingIds: string[]
}

function stageOf(path: string): string {
  if (path.startsWith('/v0/')) return 'processor'
  if (path.startsWith('/routerTransform')) return 'router'
  if (/^\/v1\/.*\/proxy/.test(path)) return 'proxy'
  if (path.startsWith('/deliver')) return 'deliver'
  return 'unknown'
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])

function countStatuses(entries: unknown[], into: Record<string, number>): void {
  for (const entry of entries) {
    const status = isObject(entry) ? entry.statusCode : undefined
    const key = `status:${typeof status === 'number' ? status : 'none'}`
    into[key] = (into[key] ?? 0) + 1
  }
}

/** What a RudderStack route did, for the request log and the health window: counts only, never a value. */
export function rudderstackSummary(path: string, body: unknown, answer: unknown): RudderstackSummary {
  const stage = stageOf(path)
  const request = isObject(body) ? body : {}
  const outcomes: Record<string, number> = {}
  const jobs: RudderstackSummary['jobs'] = []
  const trackingIds = new Set<string>()
  let events = 0
  if (stage === 'processor') {
    events = list(body).length
    countStatuses(list(answer), outcomes)
  } else if (stage === 'router') {
    events = list(request.input).length
    countStatuses(list(isObject(answer) ? answer.output : undefined), outcomes)
  } else if (stage === 'proxy') {
    events = list(request.metadata).length
    const output = isObject(answer) && isObject(answer.output) ? answer.output : {}
    countStatuses(list(output.response), outcomes)
  } else if (stage === 'deliver') {
    events = list(request.messages ?? request.input).length
    for (const job of list(isObject(answer) ? answer.jobs : undefined)) {
      if (!isObject(job) || typeof job.outcome !== 'string' || typeof job.reason !== 'string') continue
      const key = `${job.outcome}:${job.reason}`
      outcomes[key] = (outcomes[key] ?? 0) + 1
      if (typeof job.trackingId === 'string') trackingIds.add(job.trackingId)
      jobs.push({
        outcome: job.outcome as OutcomeKind,
        reason: job.reason,
        ...(job.code !== undefined ? { code: job.code as number | string } : {})
      })
    }
  }
  return { stage, events, outcomes, jobs, trackingIds: [...trackingIds] }
}
