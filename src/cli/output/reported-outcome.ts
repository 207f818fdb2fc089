import type { Outcome } from '../../outcome'
import { redactText } from '../../support/redact'

/** A core outcome as the command line reports it: every message (and warning) passed through redaction. */
export function reportedOutcome(outcome: Outcome, status: number = outcome.status): Outcome {
  // One copy for an outcome without warnings (nearly every delivered one).
  if (outcome.warnings === undefined) return { ...outcome, status, message: redactText(outcome.message) }
  // The warnings are left out by destructuring, not deleted: an object that loses a key gets slow.
  const { warnings, ...rest } = outcome
  const reported: Outcome = { ...rest, status, message: redactText(outcome.message) }
  if (warnings?.length)
    reported.warnings = warnings.map((warning) => ({ ...warning, message: redactText(warning.message) }))
  return reported
}
