import type { Outcome } from '../../outcome'
import { reportedOutcome } from '../output/reported-outcome'
import { fromFailure } from './failure-outcome'

function carriedOutcome(value: unknown): Outcome | undefined {
  const outcome = value as Partial<Outcome> | undefined
  return outcome &&
    typeof outcome === 'object' &&
    typeof outcome.outcome === 'string' &&
    typeof outcome.reason === 'string'
    ? (outcome as Outcome)
    : undefined
}

/**
 * The outcome of a thrown error, for every host: the one it carries as data when it has one (OAuthError and
 * MicrosoftApiError from the core, the Segment destination's errors), else the error read by its status and code as
 * Segment reads it (anything unforeseen).
 */
export function outcomeOfError(error: unknown): Outcome {
  const failure = (error ?? {}) as {
    status?: number
    code?: string
    message?: string
    name?: string
    outcome?: unknown
  }
  const ownStatus = typeof failure.status === 'number' ? failure.status : undefined
  const carried = carriedOutcome(failure.outcome)
  if (carried) return reportedOutcome(carried, ownStatus ?? (typeof carried.status === 'number' ? carried.status : 500))
  // actions-core's schema errors (AggregateAjvError, ValidationError) are the input's fault.
  const schemaError = failure.name === 'AggregateAjvError' || failure.name === 'ValidationError'
  return fromFailure(
    ownStatus ?? (schemaError ? 400 : 500),
    String(failure.message ?? 'Unexpected error.'),
    failure.code
  )
}
