import type { Outcome } from '../outcome'

/** A Microsoft call that failed as a whole, carrying its classified outcome (never a secret). */
export class MicrosoftApiError extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.message)
    this.name = 'MicrosoftApiError'
  }
}
