import { InstrumentationError } from '@rudderstack/integrations-lib'
import type { RequestMetadata } from './contracts/rudder-types'
import { FilteredEventsError } from './contracts/error-types'
import { isNewStatusCodesAccepted } from './contracts/v0-util'
import { outcomeOfJobError, withOutcome } from './job-errors'

/**
 * What a job dropped on purpose reports: 298 (filtered) when the caller accepts the filter code, else the same
 * reason as an InstrumentationError (400), as rudder-transformer's destinations do, still carrying the outcome.
 * Other errors pass unchanged.
 */
export function reportableError(error: unknown, reqMetadata: RequestMetadata | undefined): unknown {
  if (!(error instanceof FilteredEventsError) || isNewStatusCodesAccepted(reqMetadata)) return error
  return withOutcome(new InstrumentationError(error.message), outcomeOfJobError(error))
}
