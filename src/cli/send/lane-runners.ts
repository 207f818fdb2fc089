import type { SegmentEvent } from '@segment/actions-core'
import type { AdjustmentInput, OfflineConversionInput } from '../../conversions/inputs'
import type { CliSettings } from '../config/settings'
import type { EventOutcome } from '../host/event-outcome'
import type { SegmentHost } from '../host/segment-host'
import type { CompiledSubscription } from '../host/subscriptions'
import type { RudderHost, RudderJob } from '../host/rudder-host'
import type { CsvSender } from './csv-sender'

/** Sends one batch of a lane's payloads; one outcome per payload, in order. */
export type LaneRunner = (payloads: unknown[]) => Promise<EventOutcome[]>

export interface Lane {
  /** How the rejects file names where the event went. */
  target: string
  run: LaneRunner
}

export const CSV_OFFLINE_LANE = 'csv:offline'
export const CSV_ADJUSTMENT_LANE = 'csv:adjustment'
export const RUDDERSTACK_LANE = 'rudderstack'

/**
 * The lanes events wait in before a request: one per Segment subscription (its action and mapping: those of the
 * command's mapping, or those a rejects file names), the CSV conversions and adjustments (the core), and
 * RudderStack (router and proxy).
 */
export class LaneRunners {
  private readonly lanes = new Map<string, Lane>()
  /** The lane key of each subscription object, worked out once: the key holds the whole mapping as JSON. */
  private readonly laneKeys = new WeakMap<CompiledSubscription, string>()

  constructor(
    private readonly context: {
      settings: CliSettings
      segment: SegmentHost
      csv: () => CsvSender
      rudder: () => RudderHost
    }
  ) {
    this.lanes.set(CSV_OFFLINE_LANE, {
      target: CSV_OFFLINE_LANE,
      run: (payloads) => context.csv().offline(payloads as OfflineConversionInput[])
    })
    this.lanes.set(CSV_ADJUSTMENT_LANE, {
      target: CSV_ADJUSTMENT_LANE,
      run: (payloads) => context.csv().adjustments(payloads as AdjustmentInput[])
    })
    this.lanes.set(RUDDERSTACK_LANE, {
      target: RUDDERSTACK_LANE,
      run: (payloads) => context.rudder().deliver(payloads as RudderJob[])
    })
  }

  /** The lane of a subscription (created the first time): events with the same action and mapping share it. */
  segmentLane(subscription: CompiledSubscription): string {
    const known = this.laneKeys.get(subscription)
    if (known !== undefined) return known
    const key = `segment:${subscription.name}\u0000${subscription.action}\u0000${JSON.stringify(subscription.mapping)}`
    this.laneKeys.set(subscription, key)
    if (!this.lanes.has(key)) {
      const { segment, settings } = this.context
      this.lanes.set(key, {
        target: `${subscription.action} (${subscription.name})`,
        run: (payloads) =>
          segment.run({
            action: subscription.action,
            events: payloads as SegmentEvent[],
            mode: 'batch',
            settings,
            mapping: subscription.mapping
          })
      })
    }
    return key
  }

  get(lane: string): Lane {
    const found = this.lanes.get(lane)
    if (!found) throw new Error(`No lane ${lane}.`)
    return found
  }
}
