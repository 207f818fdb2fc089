import {
  ConfigurationError,
  InstrumentationError,
  OAuthSecretError,
  TAG_NAMES,
  ERROR_TYPES
} from '@rudderstack/integrations-lib'
import { rejected, retry, skipped } from 'msads-conversions'
import type { Outcome, OwnReason } from 'msads-conversions'
import { FilteredEventsError } from './contracts/error-types'
import { HTTP_STATUS_CODES } from './contracts/constant'
import { generateErrorObject } from './contracts/v0-util'

/** A job's error with the outcome it stands for, so the entry reporting it can carry that outcome as data. */
export type ErrorWithOutcome<E extends Error> = E & { outcome: Outcome }

export function withOutcome<E extends Error>(error: E, outcome: Outcome): ErrorWithOutcome<E> {
  return Object.assign(error, { outcome })
}

/** A job this destination refuses for its input: 400, naming the field and the rule it broke. */
export function invalidInput(
  message: string,
  details: { field?: string; rule?: string } = {}
): ErrorWithOutcome<InstrumentationError> {
  return withOutcome(new InstrumentationError(message), rejected('invalid_input', message, details))
}

/** A job dropped on purpose (298), for `reason`. */
export function filteredJob(message: string, reason: OwnReason): ErrorWithOutcome<FilteredEventsError> {
  return withOutcome(new FilteredEventsError(message), skipped(reason, message))
}

function carriedOutcome(error: unknown): Outcome | undefined {
  const outcome = (error as { outcome?: Outcome } | undefined)?.outcome
  return outcome && typeof outcome === 'object' && typeof outcome.outcome === 'string' ? outcome : undefined
}

/**
 * The outcome of a job that failed before anything was sent: the one its error carries, else what the error's
 * kind means (a configuration error, a missing OAuth secret, a filtered job, a bad input, an unforeseen failure).
 */
export function outcomeOfJobError(error: unknown): Outcome {
  const carried = carriedOutcome(error)
  if (carried) return carried
  const { status, message, statTags } = generateErrorObject(error, {}, false)
  if (error instanceof FilteredEventsError) return skipped('filtered', message)
  if (error instanceof ConfigurationError) return rejected('invalid_config', message, { status })
  if (error instanceof OAuthSecretError || statTags[TAG_NAMES.ERROR_TYPE] === ERROR_TYPES.OAUTH_SECRET) {
    return retry('oauth_secret_missing', message, { status })
  }
  if (error instanceof InstrumentationError) return rejected('invalid_input', message, { status })
  if (status === HTTP_STATUS_CODES.TOO_MANY_REQUESTS) return retry('rate_limited', message, { status })
  if (status >= HTTP_STATUS_CODES.INTERNAL_SERVER_ERROR) return retry('server_error', message, { status })
  return rejected('invalid_input', message, { status })
}
