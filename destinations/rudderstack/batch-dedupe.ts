import { DedupeIndex, DUPLICATE_REASON } from 'msads-conversions'
import type { FilteredEventsError } from './contracts/error-types'
import type { RouterTransformationRequestData } from './contracts/rudder-types'
import { filteredJob } from './job-errors'
import type { JobPlan, PreparedPart } from './job-plan'

export interface PlannedJob {
  input: RouterTransformationRequestData
  plan: JobPlan
}

// The core's dedupe keys carry the kind of record, so one index serves every kind.
function duplicateNote(first: PlannedJob): string {
  return `Skipped: the same conversion as job ${first.input.metadata?.jobId} of this batch was sent once. (${DUPLICATE_REASON})`
}

/**
 * Applies the core's in-batch dedupe (Microsoft's rule: same goal, person and exact time; same CAPI eventId) across
 * the jobs of one destination, with the dedupe keys the core gave each prepared part: the first job wins. A job left
 * with nothing to send is filtered (298) with the reason; the others carry a note for each part left out.
 */
export function dedupeAcrossJobs<J extends PlannedJob>(
  jobs: readonly J[]
): { kept: J[]; filtered: Array<{ job: J; error: FilteredEventsError }> } {
  const dropped = new Map<PreparedPart, string>()
  const owners = new DedupeIndex<J>()
  for (const job of jobs) {
    for (const prepared of job.plan.prepared) {
      const first = owners.firstOwner(prepared.dedupeKeys)
      if (first) dropped.set(prepared, duplicateNote(first))
      else owners.add(prepared.dedupeKeys, job)
    }
  }
  if (dropped.size === 0) return { kept: [...jobs], filtered: [] }

  const kept: J[] = []
  const filtered: Array<{ job: J; error: FilteredEventsError }> = []
  for (const job of jobs) {
    const notes = job.plan.prepared
      .filter((p) => dropped.has(p))
      .map((p) => `${p.part.label} not sent: ${dropped.get(p)}`)
    const prepared = job.plan.prepared.filter((p) => !dropped.has(p))
    if (notes.length === 0) kept.push(job)
    else if (prepared.length === 0)
      filtered.push({ job, error: filteredJob([...job.plan.notes, ...notes].join(' '), DUPLICATE_REASON) })
    else kept.push({ ...job, plan: { prepared, notes: [...job.plan.notes, ...notes] } })
  }
  return { kept, filtered }
}
