import type { SegmentEvent } from '@segment/actions-core'
import type { Outcome } from '../../outcome'
import {
  combinedOutcome,
  eventsForOriginals,
  originalConversionMapping,
  type OriginalsSource
} from '../host/original-conversions'
import { defaultMapping, type SegmentHost } from '../host/segment-host'
import type { CliMetrics } from '../metrics/cli-metrics'
import type { ActionRequest } from './action-request'

const NOT_MAPPED: Outcome = {
  status: 200,
  outcome: 'skipped',
  reason: 'event_not_mapped',
  message: 'No preset of this action matches the event, and the request gave no mapping.'
}

type Run = ActionRequest['runs'][number]

/**
 * An adjustment run whose events do not name their original conversion: each such event becomes one copy per
 * original the forward log knows for its order, in a run of its own that reads the original from the copy.
 */
function withOriginals(entry: Run, source: OriginalsSource | undefined): Run[] {
  const { run, positions } = entry
  if (!source || run.action !== 'adjustConversion') return [entry]
  const mapping = run.mapping ?? defaultMapping(run.action)
  const plain: Run = { run: { ...run, events: [] }, positions: [] }
  const expanded: Run = { run: { ...run, events: [], mapping: originalConversionMapping(mapping) }, positions: [] }
  run.events.forEach((event: SegmentEvent, index) => {
    const copies = eventsForOriginals(event, mapping, source)
    const into = copies ? expanded : plain
    for (const copy of copies ?? [event]) {
      into.run.events.push(copy)
      into.positions.push(positions[index])
    }
  })
  return [plain, expanded].filter((part) => part.positions.length)
}

/** Runs every run of an action request and puts each event's outcome back at its position. */
export async function runActionRequest(
  segment: SegmentHost,
  request: ActionRequest,
  options: { account?: string; metrics?: CliMetrics; originals?: OriginalsSource } = {}
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(request.events.length)
  for (const position of request.unmapped) outcomes[position] = { ...NOT_MAPPED }
  if (request.unmapped.length)
    options.metrics?.recordOutcome(
      request.action,
      'skipped',
      'event_not_mapped',
      request.unmapped.length,
      options.account
    )
  const byPosition = new Map<number, Outcome[]>()
  await Promise.all(
    request.runs
      .flatMap((entry) => withOriginals(entry, options.originals))
      .map(async ({ run, positions }) => {
        const results = await segment.run({
          ...run,
          mode: run.events.length > 1 ? 'batch' : run.mode,
          account: options.account
        })
        positions.forEach((position, index) =>
          byPosition.set(position, [...(byPosition.get(position) ?? []), results[index]])
        )
      })
  )
  for (const [position, results] of byPosition) outcomes[position] = combinedOutcome(results)
  return outcomes
}
