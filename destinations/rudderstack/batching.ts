import { MAX_ITEMS_PER_REQUEST } from 'msads-conversions'
import type { RecordGroup } from 'msads-conversions'
import { getSuccessRespEvents } from './contracts/v0-util'
import type {
  Metadata,
  ProcessorTransformationOutput,
  RouterTransformationRequestData,
  RouterTransformationResponse
} from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'
import type { JobPlan } from './job-plan'
import { recordsByGroup } from './job-requests'
import { buildGroupRequest, listKeyOf, REQUEST_ORDER } from './request-builder'
import type { RequestCredentials } from './request-builder'

export interface ReadyJob {
  input: RouterTransformationRequestData
  settings: DestinationSettings
  plan: JobPlan
  credentials: RequestCredentials
}

/**
 * What the delivery proxy needs to give each job its own status: the positions of the job's items in each
 * request (by body list key), and the notes on parts left out. rudder-server carries `destInfo` from the
 * router output to the proxy request unchanged.
 */
export interface JobDestInfo {
  recordIndexes: Record<string, number[]>
  notes?: string[]
}

interface Sized {
  job: ReadyJob
  records: Map<RecordGroup, unknown[]>
}

/** Jobs can share requests when they go to the same endpoints with the same account and tokens. */
function batchKey({ job, records }: Sized): string {
  const { campaign, capi } = job.credentials
  return JSON.stringify([
    job.input.destination?.ID,
    [...records.keys()].sort(),
    job.settings.environment,
    campaign ? [campaign.customerId, campaign.accountId, campaign.developerToken, campaign.accessToken] : null,
    capi ? [capi.tagId, capi.token] : null
  ])
}

/** Up to 1,000 items per request; a job marked dontBatch travels alone. Jobs keep their input order. */
function chunks(members: Sized[]): Sized[][] {
  const result: Sized[][] = []
  const alone: Sized[][] = []
  let current: Sized[] = []
  const used = new Map<RecordGroup, number>()
  const fits = (member: Sized) =>
    [...member.records].every(([group, records]) => (used.get(group) ?? 0) + records.length <= MAX_ITEMS_PER_REQUEST)
  for (const member of members.filter((m) => m.job.input.metadata?.dontBatch)) alone.push([member])
  for (const member of members.filter((m) => !m.job.input.metadata?.dontBatch)) {
    if (current.length > 0 && !fits(member)) {
      result.push(current)
      current = []
      used.clear()
    }
    current.push(member)
    for (const [group, records] of member.records) used.set(group, (used.get(group) ?? 0) + records.length)
  }
  if (current.length > 0) result.push(current)
  return [...result, ...alone]
}

function toOutput(chunk: Sized[]): RouterTransformationResponse {
  const first = chunk[0].job
  const groups = REQUEST_ORDER.filter((group) => chunk[0].records.has(group))
  const requests: ProcessorTransformationOutput[] = []
  const infos: JobDestInfo[] = chunk.map((member) => ({
    recordIndexes: {},
    ...(member.job.plan.notes.length > 0 ? { notes: member.job.plan.notes } : {})
  }))
  for (const group of groups) {
    const items: unknown[] = []
    chunk.forEach((member, position) => {
      const records = member.records.get(group) ?? []
      infos[position].recordIndexes[listKeyOf(group)] = records.map((_, offset) => items.length + offset)
      items.push(...records)
    })
    requests.push(buildGroupRequest(group, items, first.credentials, first.settings))
  }
  const metadata: Partial<Metadata>[] = chunk.map(({ job }, position) => ({
    ...job.input.metadata,
    destInfo: { ...(job.input.metadata?.destInfo ?? {}), ...infos[position] }
  }))
  return getSuccessRespEvents(requests.length === 1 ? requests[0] : requests, metadata, first.input.destination, true)
}

export function batchJobs(jobs: readonly ReadyJob[]): RouterTransformationResponse[] {
  const byKey = new Map<string, Sized[]>()
  for (const job of jobs) {
    const member = { job, records: recordsByGroup(job.plan) }
    const key = batchKey(member)
    const members = byKey.get(key)
    if (members) members.push(member)
    else byKey.set(key, [member])
  }
  return [...byKey.values()].flatMap((members) => chunks(members).map(toOutput))
}
