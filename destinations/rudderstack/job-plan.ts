import { InstrumentationError } from '@rudderstack/integrations-lib'
import { prepareAdjustments, prepareCapiEvents, prepareOfflineConversions, skipped } from 'msads-conversions'
import type {
  CoreOptions,
  DedupeKey,
  FieldNames,
  Outcome,
  OutcomeWarning,
  PreparedBatch,
  RecordGroup
} from 'msads-conversions'
import { FilteredEventsError } from './contracts/error-types'
import { withOutcome } from './job-errors'
import type { DestinationSettings } from './destination-config'
import type { Part, PartKind } from './parts'

/** A part the core accepted: which request it goes into, and the Microsoft item itself. */
export interface PreparedPart {
  part: Part
  group: RecordGroup
  record: unknown
  /** The core's dedupe keys of the record (Microsoft's rule: same goal, person, exact time; CAPI eventId). */
  dedupeKeys: readonly DedupeKey[]
  warnings?: OutcomeWarning[]
}

/** What a job will send, and why any of its parts will not be sent (never silent). */
export interface JobPlan {
  prepared: PreparedPart[]
  notes: string[]
}

export function coreOptions(settings: DestinationSettings, nowMs: number, fieldNames?: FieldNames): CoreOptions {
  return {
    now: () => nowMs,
    consentDefault: settings.consentDefault,
    ...(settings.defaultPhoneCountry ? { defaultPhoneCountry: settings.defaultPhoneCountry } : {}),
    ...(settings.uetTagId ? { uetTagId: settings.uetTagId } : {}),
    ...(fieldNames ? { fieldNames } : {})
  }
}

/** The core's preparation for a list of same-kind inputs (validation, hashing, consent, dedupe). */
export function prepareKind(
  kind: PartKind,
  inputs: readonly Part['input'][],
  options: CoreOptions
): PreparedBatch<unknown> {
  switch (kind) {
    case 'offline':
      return prepareOfflineConversions(inputs, options)
    case 'adjustment':
      return prepareAdjustments(inputs, options)
    default:
      return prepareCapiEvents(inputs, options)
  }
}

type PartResult = { part: Part; outcome: Outcome } | PreparedPart

function prepareOne(part: Part, settings: DestinationSettings, nowMs: number): PartResult {
  const batch = prepareKind(part.kind, [part.input], coreOptions(settings, nowMs, part.fieldNames))
  const slot = batch.slots[0]
  if ('outcome' in slot) return { part, outcome: slot.outcome }
  return {
    part,
    group: slot.group,
    record: batch.groups[slot.group]![slot.record],
    dedupeKeys: slot.dedupeKeys,
    ...(slot.warnings ? { warnings: slot.warnings } : {})
  }
}

function tagged(outcome: Outcome): string {
  return `${outcome.message} (${outcome.reason})`
}

/** Joins messages that several parts share (one event, three goals) into one sentence naming all of them. */
function describe(results: Array<{ part: Part; outcome: Outcome }>, render: (outcome: Outcome) => string): string {
  const byMessage = new Map<string, string[]>()
  for (const { part, outcome } of results) {
    const text = render(outcome)
    byMessage.set(text, [...(byMessage.get(text) ?? []), part.label])
  }
  return [...byMessage].map(([text, labels]) => `${labels.join(', ')}: ${text}`).join(' ')
}

/**
 * Validates each part of one job with the core and decides what the job becomes:
 * - a part with invalid input rejects the whole job (400, naming field and rule), so a job is never half sent;
 *   the one exception is an offline part with nothing to identify the person while another part (CAPI) can
 *   still go: that part is left out with a note;
 * - a job whose parts are all skipped (consent) is filtered (298) with the reasons;
 * - otherwise the job sends what the core accepted, and notes say what was left out.
 */
export function planJob(parts: readonly Part[], settings: DestinationSettings, nowMs: number): JobPlan {
  const results = parts.map((part) => prepareOne(part, settings, nowMs))
  const prepared = results.filter((r): r is PreparedPart => !('outcome' in r))
  const failed = results.filter((r): r is { part: Part; outcome: Outcome } => 'outcome' in r)
  const rejected = failed.filter((r) => r.outcome.outcome === 'rejected')
  const droppable = prepared.length > 0 && rejected.every((r) => r.outcome.rule === 'identity_required')
  if (rejected.length > 0 && !droppable) {
    const message = describe(rejected, (o) => o.message)
    throw withOutcome(new InstrumentationError(message), { ...rejected[0].outcome, message })
  }
  if (prepared.length === 0) {
    const message = describe(failed, tagged)
    throw withOutcome(new FilteredEventsError(message), {
      ...skipped('filtered', message),
      ...failed[0]?.outcome,
      message
    })
  }
  const notes = failed.map(({ part, outcome }) => `${part.label} not sent: ${tagged(outcome)}`)
  for (const { part, warnings } of prepared) {
    for (const warning of part.warnings ?? []) notes.push(`${part.label}: ${warning}`)
    for (const warning of warnings ?? []) notes.push(`${part.label}: ${warning.message}`)
  }
  return { prepared, notes }
}
