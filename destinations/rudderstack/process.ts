import type {
  ProcessorTransformationOutput,
  ProcessorTransformationRequest,
  RequestMetadata
} from './contracts/rudder-types'
import { settingsOf } from './destination-config'
import { reportableError } from './filter-status'
import { planJob } from './job-plan'
import { credentialsFor, recordsByGroup } from './job-requests'
import { buildGroupRequest, REQUEST_ORDER } from './request-builder'
import { translateMessage } from './translate'

function requestsOf(event: ProcessorTransformationRequest): ProcessorTransformationOutput[] {
  const settings = settingsOf(event.destination)
  const plan = planJob(translateMessage(event.message, settings), settings, Date.now())
  const credentials = credentialsFor(plan, settings, event.metadata)
  const records = recordsByGroup(plan)
  return REQUEST_ORDER.filter((group) => records.has(group)).map((group) =>
    buildGroupRequest(group, records.get(group)!, credentials, settings)
  )
}

/**
 * The processor transform: one track, page or record message to the request(s) Microsoft should receive, one per
 * endpoint (a track event mapped to three goals is one Apply call with three items). Throws the lib's errors for
 * what cannot be sent; what is dropped on purpose is FilteredEventsError (298) when `reqMetadata` accepts the
 * filter code, else an InstrumentationError (400) with the same reason.
 */
export function process(
  event: ProcessorTransformationRequest,
  reqMetadata?: RequestMetadata
): ProcessorTransformationOutput | ProcessorTransformationOutput[] {
  try {
    const requests = requestsOf(event)
    return requests.length === 1 ? requests[0] : requests
  } catch (error) {
    throw reportableError(error, reqMetadata)
  }
}
