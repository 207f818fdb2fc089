/** The five outcomes an input event can end in (docs/architecture.md). */
export type OutcomeKind = 'delivered' | 'skipped' | 'rejected' | 'retry' | 'auth'
