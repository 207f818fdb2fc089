import type { SegmentEvent } from '@segment/actions-core'
import type { AdjustmentInput, OfflineConversionInput } from '../../conversions/inputs'
import type { CliSettings } from '../config/settings'
import type { EventOutcome } from '../host/event-outcome'
import type { SegmentHost } from '../host/segment-host'
import type { CompiledSubscription } from '../host/subscriptions'
import type { RudderHost, RudderJob } from '../rudderstack/rudder-host'
import type { CsvSender } from './csv-sender'

/** Sends one batch of a lane's payloads; one outcome per payload, in order. */
export type LaneRunner = (payloads: unknown[]) => Promise<EventOutcome[]>

export interface Lane {
  /** How the rejects file names where the event went. */
  target: string
  run: LaneRunner
}

/**
 * The lanes events wait in before a request: one per Segment subscription (its action and mapping), the CSV
 * conversions and adjustments (the core), and RudderStack (router and proxy).
 */
export function buildLanes(context: {
  subscriptions: readonly CompiledSubscription[]
  settings: CliSettings
  segment: SegmentHost
  csv: () => CsvSender
  rudder: () => RudderHost
}): Map<string, Lane> {
  const lanes = new Map<string, Lane>()
  context.subscriptions.forEach((subscription, index) => {
    lanes.set(segmentLane(index), {
      target: `${subscription.action} (${subscription.name})`,
      run: (payloads) =>
        context.segment.run({ action: subscription.action, events: payloads as SegmentEvent[], mode: 'batch', settings: context.settings, mapping: subscription.mapping })
    })
  })
  lanes.set(CSV_OFFLINE_LANE, { target: CSV_OFFLINE_LANE, run: (payloads) => context.csv().offline(payloads as OfflineConversionInput[]) })
  lanes.set(CSV_ADJUSTMENT_LANE, { target: CSV_ADJUSTMENT_LANE, run: (payloads) => context.csv().adjustments(payloads as AdjustmentInput[]) })
  lanes.set(RUDDERSTACK_LANE, { target: RUDDERSTACK_LANE, run: (payloads) => context.rudder().deliver(payloads as RudderJob[]) })
  return lanes
}

export const segmentLane = (index: number): string => `segment:${index}`
export const CSV_OFFLINE_LANE = 'csv:offline'
export const CSV_ADJUSTMENT_LANE = 'csv:adjustment'
export const RUDDERSTACK_LANE = 'rudderstack'
