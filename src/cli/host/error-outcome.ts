import { readOutcome } from '../../outcome-json'
import { redactText } from '../../support/redact'
import { fromCoreOutcome, fromFailure, type EventOutcome } from './event-outcome'

/**
 * The outcome of a thrown error, for every host: the one it carries when it has one (OAuthError and
 * MicrosoftApiError from the core, the Segment destination's errors), else the error read as Segment reads it
 * (actions-core's own schema errors, anything unforeseen).
 */
export function outcomeOfError(error: unknown): EventOutcome {
  const failure = (error ?? {}) as {
    status?: number
    code?: string
    message?: string
    name?: string
    outcome?: unknown
  }
  const ownStatus = typeof failure.status === 'number' ? failure.status : undefined
  const carried = readOutcome(failure.outcome, { clean: redactText })
  if (carried) return fromCoreOutcome(carried, ownStatus ?? carried.status)
  const schemaError = failure.name === 'AggregateAjvError' || failure.name === 'ValidationError'
  return fromFailure(
    ownStatus ?? (schemaError ? 400 : 500),
    String(failure.message ?? 'Unexpected error.'),
    failure.code
  )
}
