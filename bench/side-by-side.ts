import nock from 'nock'
import { processRouterDest } from '../destinations/rudderstack'
import { ENDPOINT_ENV } from '../src/microsoft/endpoints'
import { chunk } from '../src/microsoft/chunk'
import { coreWorkloads, ratio } from './core'
import { E2E_CONCURRENCY, e2eWorkload, requestsPer1000Events } from './e2e'
import { spawnEmulator } from './emulator-process'
import {
  asSegmentEvents,
  DEMO,
  rudderDestination,
  rudderInput,
  rudderMetadata,
  segmentHost,
  segmentSettings
} from './hosts'
import { interleavedAsync } from './measure'
import { generateConversions, toNeutralInput, toRudderMessage, toSegmentEvent } from './workload'

export interface SideBySideFigures {
  core_events_per_s: number
  floor_events_per_s: number
  core_to_floor_ratio: number
  segment_events_per_s: number
  segment_to_core_ratio: number
  rudderstack_events_per_s: number
  rudderstack_to_core_ratio: number
  e2e_events_per_s: number
  e2e_to_core_ratio: number
  e2e_path: string
  requests_per_1000_events: number
  side_by_side_events: number
}

export interface SideBySideOptions {
  events?: number
  rounds?: number
  minMs?: number
}

/** Microsoft as nock answers it in-process for the Segment path: every item accepted, nothing on the network. */
const INTERCEPTED_ORIGIN = 'http://microsoft.bench.invalid'

/**
 * Runs `work` with Microsoft's endpoints pointed at nock. Interception is switched on only around the Segment
 * runs, so that the end-to-end runs between them use the real network stack.
 */
function intercepted<T>(work: () => Promise<T>): () => Promise<T> {
  return async () => {
    const previous = process.env[ENDPOINT_ENV.all]
    process.env[ENDPOINT_ENV.all] = INTERCEPTED_ORIGIN
    if (!nock.isActive()) nock.activate()
    nock(INTERCEPTED_ORIGIN)
      .persist()
      .post('/CampaignManagement/v13/OfflineConversions/Apply')
      .reply(200, '{"PartialErrors":[]}', { 'Content-Type': 'application/json', TrackingId: 'bench' })
    try {
      return await work()
    } finally {
      nock.cleanAll()
      nock.restore()
      if (previous === undefined) delete process.env[ENDPOINT_ENV.all]
      else process.env[ENDPOINT_ENV.all] = previous
    }
  }
}

/**
 * The core, its floor, the Segment destination and the RudderStack router, measured in alternating rounds on the
 * same generated conversions, 1,000 events per call as each host batches them:
 * - segment: actions-core's Destination.onBatch of trackConversion (subscription, mapping, schema validation,
 *   performBatch, the core, a MultiStatusResponse), Microsoft answered in-process by nock;
 * - rudderstack: processRouterDest (config, translation, the core, batching into requests with destInfo);
 * - e2e: the core's client path to the emulator in a child process over loopback (see e2e.ts).
 */
export async function benchSideBySide(options: SideBySideOptions = {}): Promise<SideBySideFigures> {
  const events = options.events ?? 10_000
  // Importing nock switches interception on; only the Segment runs want it.
  nock.restore()
  const now = Date.now()
  const { core, floor, sink } = coreWorkloads(events, now)
  const conversions = generateConversions(events, now)

  const segment = segmentHost()
  const settings = segmentSettings({ accessToken: DEMO.accessToken, refreshToken: DEMO.refreshToken })
  const segmentBatches = chunk(conversions.map((c) => toSegmentEvent(c))).map(asSegmentEvents)

  const destination = rudderDestination()
  const routerBatches = chunk(
    conversions.map((c) => rudderInput(toRudderMessage(c), rudderMetadata(c.index + 1, DEMO.accessToken), destination))
  )

  const emulator = await spawnEmulator()
  try {
    let delivered = 0
    const runSegment = intercepted(async () => {
      for (const batch of segmentBatches) {
        const [result] = (await segment.onBatch(batch, settings)) as Array<{ multistatus?: Array<{ status: number }> }>
        delivered += result.multistatus?.filter((entry) => entry.status === 200).length ?? 0
      }
      return events
    })
    const runRouter = async () => {
      for (const batch of routerBatches) {
        const output = await processRouterDest(batch)
        delivered += output
          .filter((entry) => entry.statusCode === 200 && entry.batchedRequest)
          .reduce((n, entry) => n + entry.metadata.length, 0)
      }
      return events
    }
    // Every event must go through each host for the figures to mean anything.
    await runSegment()
    if (delivered !== events) throw new Error(`the Segment path delivered ${delivered} of ${events} events`)
    delivered = 0
    await runRouter()
    if (delivered !== events) throw new Error(`the RudderStack router batched ${delivered} of ${events} events`)
    const runE2e = e2eWorkload(emulator, conversions.map(toNeutralInput))
    const requests = await requestsPer1000Events(emulator, runE2e)
    const figures = await interleavedAsync(
      {
        core,
        floor,
        segment: runSegment,
        rudderstack: runRouter,
        e2e: runE2e
      },
      options.rounds ?? 5,
      options.minMs ?? 300
    )
    if (sink() === 0) throw new Error('unreachable')
    return {
      core_events_per_s: Math.round(figures.core),
      floor_events_per_s: Math.round(figures.floor),
      core_to_floor_ratio: ratio(figures.core, figures.floor),
      segment_events_per_s: Math.round(figures.segment),
      segment_to_core_ratio: ratio(figures.segment, figures.core),
      rudderstack_events_per_s: Math.round(figures.rudderstack),
      rudderstack_to_core_ratio: ratio(figures.rudderstack, figures.core),
      e2e_events_per_s: Math.round(figures.e2e),
      e2e_to_core_ratio: ratio(figures.e2e, figures.core),
      e2e_path: `core client (deliverOfflineConversions, CampaignClient on fetch, ${E2E_CONCURRENCY} Apply calls of 1,000 in flight) to the emulator in a child process over loopback`,
      requests_per_1000_events: requests,
      side_by_side_events: events
    }
  } finally {
    await emulator.close()
  }
}
