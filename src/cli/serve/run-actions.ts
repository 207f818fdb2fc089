import type { EventOutcome } from '../host/event-outcome'
import type { SegmentHost } from '../host/segment-host'
import type { CliMetrics } from '../metrics/cli-metrics'
import type { ActionRequest } from './action-request'

const NOT_MAPPED: EventOutcome = {
  status: 200,
  outcome: 'skipped',
  reason: 'event_not_mapped',
  message: 'No preset of this action matches the event, and the request gave no mapping.'
}

/** Runs every run of an action request and puts each event's outcome back at its position. */
export async function runActionRequest(
  segment: SegmentHost,
  request: ActionRequest,
  options: { account?: string; metrics?: CliMetrics } = {}
): Promise<EventOutcome[]> {
  const outcomes: EventOutcome[] = new Array(request.events.length)
  for (const position of request.unmapped) outcomes[position] = { ...NOT_MAPPED }
  if (request.unmapped.length)
    options.metrics?.recordOutcome(
      request.action,
      'skipped',
      'event_not_mapped',
      request.unmapped.length,
      options.account
    )
  await Promise.all(
    request.runs.map(async ({ run, positions }) => {
      const results = await segment.run({ ...run, account: options.account })
      positions.forEach((position, index) => (outcomes[position] = results[index]))
    })
  )
  return outcomes
}
