import { skipped, type Outcome } from '../outcome'
import type { BuildContext } from './build-context'
import { buildContext } from './build-context'
import type { BuildResult, RecordGroup } from './build-result'
import { DedupeIndex, type DedupeKey } from './dedupe'
import type { CoreOptions } from './inputs'

/**
 * Where each input ended up: a final outcome already, or a record waiting in a group, with the keys it was
 * deduplicated by (a host that merges prepared records from several batches dedupes across them with these).
 */
export type Slot = { outcome: Outcome } | { group: RecordGroup; record: number; dedupeKeys: readonly DedupeKey[]; warnings?: string[] }

export interface PreparedBatch<R> {
  slots: Slot[]
  groups: Partial<Record<RecordGroup, R[]>>
}

export const DUPLICATE_REASON = 'duplicate_in_batch'

/**
 * Builds every input of a batch, dropping the ones that repeat an earlier one (same goal, person and minute,
 * or same CAPI eventId): the first wins, the others are skipped with a reason. Never throws for bad input.
 */
export function prepareBatch<I, R>(
  inputs: readonly I[],
  build: (input: I, context: BuildContext) => BuildResult<R>,
  options: CoreOptions = {}
): PreparedBatch<R> {
  const context = buildContext(options)
  const seen = new DedupeIndex<number>()
  const groups: Partial<Record<RecordGroup, R[]>> = {}
  const slots: Slot[] = new Array(inputs.length)
  for (let index = 0; index < inputs.length; index++) {
    const result = safeBuild(build, inputs[index], context)
    if (!result.ok) {
      slots[index] = { outcome: result.outcome }
      continue
    }
    const first = seen.firstOwner(result.dedupeKeys)
    if (first !== undefined) {
      slots[index] = {
        outcome: { ...skipped(DUPLICATE_REASON, `Skipped: the same conversion as event #${first} of this batch was sent once.`), duplicateOf: first }
      }
      continue
    }
    seen.add(result.dedupeKeys, index)
    const list = (groups[result.group] ??= [])
    list.push(result.record)
    const slot: Slot = { group: result.group, record: list.length - 1, dedupeKeys: result.dedupeKeys }
    if (result.warnings) slot.warnings = result.warnings
    slots[index] = slot
  }
  return { slots, groups }
}

function safeBuild<I, R>(build: (input: I, context: BuildContext) => BuildResult<R>, input: I, context: BuildContext): BuildResult<R> {
  try {
    return build(input ?? ({} as I), context)
  } catch {
    // A builder bug must not take the batch down; the event still gets an outcome that says what happened.
    return {
      ok: false,
      outcome: { outcome: 'rejected', reason: 'internal_error', status: 400, message: 'The event could not be converted because of an internal error; please report it.' }
    }
  }
}

/** Joins the outcomes Microsoft gave each group's records back onto the inputs, in input order. */
export function settle<R>(prepared: PreparedBatch<R>, results: Partial<Record<RecordGroup, Outcome[]>>, options: CoreOptions = {}): Outcome[] {
  return prepared.slots.map((slot) => {
    if ('outcome' in slot) return slot.outcome
    const outcome = results[slot.group]?.[slot.record] ?? {
      outcome: 'retry',
      reason: 'not_sent',
      status: 503,
      message: 'The event was prepared but not sent; it will be sent again.'
    }
    const labelled = outcome.field && options.fieldNames ? relabel(outcome, options) : outcome
    return slot.warnings?.length ? { ...labelled, warnings: [...(labelled.warnings ?? []), ...slot.warnings] } : labelled
  })
}

function relabel(outcome: Outcome, options: CoreOptions): Outcome {
  const name = options.fieldNames?.[outcome.field as keyof NonNullable<CoreOptions['fieldNames']>]
  return name ? { ...outcome, field: name } : outcome
}
