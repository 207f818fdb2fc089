import type { Outcome } from '../../src'
import { FilteredEventsError, type RouterTransformationRequestData } from './contracts'
import type { DestinationSettings } from './destination-config'
import { coreOptions, prepareKind, type JobPlan, type PreparedPart } from './job-plan'
import type { PartKind } from './parts'

export interface PlannedJob {
  input: RouterTransformationRequestData
  plan: JobPlan
}

const KINDS: readonly PartKind[] = ['offline', 'adjustment', 'capi']

// The core names the earlier event by its position in the list it was given; the admin knows jobs.
function duplicateNote(outcome: Outcome, owners: readonly PlannedJob[]): string {
  const first = outcome.duplicateOf !== undefined ? owners[outcome.duplicateOf] : undefined
  const message = first ? `Skipped: the same conversion as job ${first.input.metadata?.jobId} of this batch was sent once.` : outcome.message
  return `${message} (${outcome.reason})`
}

/**
 * Runs the core's batch preparation over every part the jobs of one destination will send, so that the core's
 * in-batch dedupe (same goal, person and minute; same CAPI eventId) applies across jobs. A job left with nothing
 * to send is filtered (298) with the reason; the others carry a note for each part left out.
 */
export function dedupeAcrossJobs<J extends PlannedJob>(
  jobs: readonly J[],
  settings: DestinationSettings,
  nowMs: number
): { kept: J[]; filtered: Array<{ job: J; error: FilteredEventsError }> } {
  const dropped = new Map<PreparedPart, string>()
  for (const kind of KINDS) {
    const entries = jobs.flatMap((job) => job.plan.prepared.filter((p) => p.part.kind === kind).map((prepared) => ({ job, prepared })))
    if (entries.length < 2) continue
    const batch = prepareKind(
      kind,
      entries.map((e) => e.prepared.part.input),
      coreOptions(settings, nowMs)
    )
    const owners = entries.map((e) => e.job)
    batch.slots.forEach((slot, index) => {
      if ('outcome' in slot) dropped.set(entries[index].prepared, duplicateNote(slot.outcome, owners))
    })
  }
  if (!dropped.size) return { kept: [...jobs], filtered: [] }

  const kept: J[] = []
  const filtered: Array<{ job: J; error: FilteredEventsError }> = []
  for (const job of jobs) {
    const notes = job.plan.prepared.filter((p) => dropped.has(p)).map((p) => `${p.part.label} not sent: ${dropped.get(p)}`)
    if (!notes.length) {
      kept.push(job)
      continue
    }
    const prepared = job.plan.prepared.filter((p) => !dropped.has(p))
    if (!prepared.length) filtered.push({ job, error: new FilteredEventsError([...job.plan.notes, ...notes].join(' ')) })
    else kept.push({ ...job, plan: { prepared, notes: [...job.plan.notes, ...notes] } })
  }
  return { kept, filtered }
}
