import { skipped, type Outcome, type OutcomeWarning } from '../outcome'
import type { BuildContext } from './build-context'
import { buildContext } from './build-context'
import type { BuildResult, RecordGroup } from './build-result'
import { DedupeIndex, sameness, type DedupeKey } from './dedupe'
import type { CoreOptions } from './inputs'

/**
 * Where each input ended up: a final outcome already, or a record waiting in a group, with the keys it was
 * deduplicated by (a host that merges prepared records from several batches dedupes across them with these).
 */
export type Slot =
  | { outcome: Outcome }
  | { group: RecordGroup; record: number; dedupeKeys: readonly DedupeKey[]; warnings?: OutcomeWarning[] }

export interface PreparedBatch<R> {
  slots: Slot[]
  groups: Partial<Record<RecordGroup, R[]>>
}

export const DUPLICATE_REASON = 'duplicate_in_batch'

/** The skip of an input that repeats input `first` of the batch (0-based), saying what made them the same. */
export function duplicateOutcome(first: number, key: DedupeKey): Outcome {
  const message = `Skipped: repeats event #${first} of this batch (${sameness(key)}), which was sent once.`
  return { ...skipped(DUPLICATE_REASON, message), duplicateOf: first }
}

function safeBuild<I, R>(
  build: (input: I, context: BuildContext) => BuildResult<R>,
  input: I,
  context: BuildContext
): BuildResult<R> {
  try {
    return build(input ?? ({} as I), context)
  } catch {
    // A builder bug must not take the batch down; the event still gets an outcome that says what happened.
    return {
      ok: false,
      outcome: {
        outcome: 'rejected',
        reason: 'internal_error',
        status: 400,
        message: 'The event could not be converted because of an internal error; please report it.'
      }
    }
  }
}

/**
 * Builds every input of a batch, dropping the ones Microsoft would ignore as repeats of an earlier one (same goal,
 * person and exact time, or same CAPI eventId): the first wins, the others are skipped with a reason that names
 * the event they repeat. Never throws for bad input.
 */
export function prepareBatch<I, R>(
  inputs: readonly I[],
  build: (input: I, context: BuildContext) => BuildResult<R>,
  options: CoreOptions = {}
): PreparedBatch<R> {
  const context = buildContext(options)
  const seen = new DedupeIndex<number>()
  const groups: Partial<Record<RecordGroup, R[]>> = {}
  const slots: Slot[] = []
  for (const input of inputs) {
    const index = slots.length
    const result = safeBuild(build, input, context)
    const match = result.ok ? seen.firstMatch(result.dedupeKeys) : undefined
    if (!result.ok) slots.push({ outcome: result.outcome })
    else if (match !== undefined) slots.push({ outcome: duplicateOutcome(match.owner, match.key) })
    else {
      seen.add(result.dedupeKeys, index)
      const list = groups[result.group] ?? []
      groups[result.group] = list
      list.push(result.record)
      const slot: Slot = { group: result.group, record: list.length - 1, dedupeKeys: result.dedupeKeys }
      if (result.warnings) slot.warnings = result.warnings
      slots.push(slot)
    }
  }
  return { slots, groups }
}

function relabel(outcome: Outcome, options: CoreOptions): Outcome {
  const name = options.fieldNames?.[outcome.field as keyof NonNullable<CoreOptions['fieldNames']>]
  return name ? { ...outcome, field: name } : outcome
}

/** Joins the outcomes Microsoft gave each group's records back onto the inputs, in input order. */
export function settle<R>(
  prepared: PreparedBatch<R>,
  results: Partial<Record<RecordGroup, Outcome[]>>,
  options: CoreOptions = {}
): Outcome[] {
  return prepared.slots.map((slot) => {
    if ('outcome' in slot) return slot.outcome
    const outcome = results[slot.group]?.[slot.record] ?? {
      outcome: 'retry',
      reason: 'not_sent',
      status: 503,
      message: 'The event was prepared but not sent; it will be sent again.'
    }
    const labelled = outcome.field && options.fieldNames ? relabel(outcome, options) : outcome
    return slot.warnings?.length
      ? { ...labelled, warnings: [...(labelled.warnings ?? []), ...slot.warnings] }
      : labelled
  })
}
