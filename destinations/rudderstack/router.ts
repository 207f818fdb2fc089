import { outcomeToJson } from 'msads-conversions'
import { FilteredEventsError } from './contracts/error-types'
import { getFilteredRespEvent } from './filtered-response'
import { handleRtTfSingleEventError } from './contracts/v0-util'
import type {
  RequestMetadata,
  RouterTransformationRequestData,
  RouterTransformationResponse
} from './contracts/rudder-types'
import { dedupeAcrossJobs } from './batch-dedupe'
import { reportableError } from './filter-status'
import { batchJobs } from './batching'
import type { ReadyJob } from './batching'
import { settingsOf } from './destination-config'
import type { DestinationSettings } from './destination-config'
import { outcomeOfJobError } from './job-errors'
import { planJob } from './job-plan'
import { credentialsFor } from './job-requests'
import { translateMessage } from './translate'

interface DestinationJobs {
  settings: DestinationSettings
  jobs: ReadyJob[]
}

function errorEntry(
  input: RouterTransformationRequestData,
  error: unknown,
  reqMetadata: RequestMetadata | undefined
): RouterTransformationResponse {
  const reported = reportableError(error, reqMetadata)
  const entry =
    reported instanceof FilteredEventsError
      ? getFilteredRespEvent(input, reported.message)
      : handleRtTfSingleEventError(input, reported, reqMetadata)
  return { ...entry, outcome: outcomeToJson(outcomeOfJobError(reported)) }
}

/**
 * The router transform: every input job appears exactly once in the output, either in the metadata of a batched
 * request (at most 1,000 items per request, per endpoint and account; dontBatch jobs alone) or as its own error
 * entry (400 invalid input or config, 298 filtered when `reqMetadata` accepts the filter code, else 400, 500
 * missing OAuth secret) with statTags, where it applies authErrorCategory, and the job's outcome as data.
 */
export async function processRouterDest(
  inputs: RouterTransformationRequestData[],
  reqMetadata?: RequestMetadata
): Promise<RouterTransformationResponse[]> {
  const nowMs = Date.now()
  const errors: RouterTransformationResponse[] = []
  const destinations = new Map<string, DestinationJobs>()

  for (const input of inputs ?? []) {
    try {
      const settings = settingsOf(input.destination)
      const plan = planJob(translateMessage(input.message, settings), settings, nowMs)
      const credentials = credentialsFor(plan, settings, input.metadata)
      const key = input.destination?.ID ?? ''
      const entry = destinations.get(key) ?? { settings, jobs: [] }
      entry.jobs.push({ input, settings, plan, credentials })
      destinations.set(key, entry)
    } catch (error) {
      errors.push(errorEntry(input, error, reqMetadata))
    }
  }

  const ready: ReadyJob[] = []
  for (const { jobs } of destinations.values()) {
    const { kept, filtered } = dedupeAcrossJobs(jobs)
    for (const { job, error } of filtered) errors.push(errorEntry(job.input, error, reqMetadata))
    ready.push(...kept)
  }
  return [...batchJobs(ready), ...errors]
}
