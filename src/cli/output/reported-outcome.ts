import type { Outcome } from '../../outcome'
import { redactText } from '../../support/redact'

/** A core outcome as the command line reports it: every message (and warning) passed through redaction. */
export function reportedOutcome(outcome: Outcome, status: number = outcome.status): Outcome {
  const reported: Outcome = { ...outcome, status, message: redactText(outcome.message) }
  if (outcome.warnings?.length) {
    reported.warnings = outcome.warnings.map((warning) => ({ ...warning, message: redactText(warning.message) }))
  } else delete reported.warnings
  return reported
}
