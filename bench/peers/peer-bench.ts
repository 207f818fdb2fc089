import {
  defaultValues,
  Destination,
  type ActionDefinition,
  type DestinationDefinition,
  type JSONObject,
  type SegmentEvent
} from '@segment/actions-core'
import nock from 'nock'
import segmentDestination from '../../destinations/segment'
import trackConversion from '../../destinations/segment/trackConversion'
import uetCapiEvent from '../../destinations/segment/uetCapiEvent'
import { ENDPOINT_ENV } from '../../src/microsoft/endpoints'
import { chunk } from '../../src/microsoft/chunk'
import { ratio } from '../core'
import { DEMO, segmentSettings } from '../hosts'
import { interleavedAsync, median } from '../measure'
import { EVENT_NAME, generateConversions, GOAL_NAME, toSegmentEvent, type GeneratedConversion } from '../workload'
import { loadMsBingCapi, PEER_PACKAGE, PEER_VERSION } from './peer-package'

export interface PeerFigures {
  peer: string
  peer_events: number
  ms_bing_capi_events_per_s: number
  uet_capi_events_per_s: number
  track_conversion_events_per_s: number
  uet_capi_to_ms_bing_capi_ratio: number
  track_conversion_to_ms_bing_capi_ratio: number
  ms_bing_capi_own_us_per_event: number
  uet_capi_own_us_per_event: number
  track_conversion_own_us_per_event: number
  uet_capi_own_to_ms_bing_capi_own_ratio: number
  track_conversion_own_to_ms_bing_capi_own_ratio: number
  ms_bing_capi_request_bytes_per_event: number
  uet_capi_request_bytes_per_event: number
  track_conversion_request_bytes_per_event: number
}

export interface PeerOptions {
  events?: number
  rounds?: number
  minMs?: number
}

const UET_TAG_ID = '187000123'
const CAPI_ORIGIN = 'https://capi.uet.microsoft.com'
/** Microsoft's REST endpoints of this project, pointed at nock for the run. */
const INTERCEPTED_ORIGIN = 'http://microsoft.peers.invalid'

/** The same "Order Completed" for every path: email, phone, click id, value, currency and two products. */
function peerEvent(conversion: GeneratedConversion, nowMs: number): Record<string, unknown> {
  const event = toSegmentEvent(conversion)
  const properties = event.properties as Record<string, unknown>
  // ms-bing-capi accepts only upper-case ISO 4217 codes; the events must be valid on every path.
  properties.currency = conversion.currency.toUpperCase()
  properties.products = [
    { product_id: `sku-${conversion.index}-a`, price: 10.5, quantity: 1 },
    { product_id: `sku-${conversion.index}-b`, price: 4.25, quantity: 2 }
  ]
  // The Conversions API takes events of the last 7 days only; both CAPI paths need a recent time.
  const recent = new Date(nowMs - (conversion.index % 3_600) * 1_000).toISOString()
  return {
    ...event,
    timestamp: recent,
    context: {
      ...(event.context as Record<string, unknown>),
      page: { url: `https://shop.example.com/checkout?o=${conversion.orderId}` }
    }
  }
}

function peerSettings(): JSONObject {
  return {
    UetTag: UET_TAG_ID,
    ApiToken: 'peer-bench-token',
    adStorageConsent: 'G',
    subscriptions: [
      {
        partnerAction: 'sendEvent',
        subscribe: `type = "track" and event = "${EVENT_NAME}"`,
        mapping: peerPurchaseMapping
      }
    ]
  }
}

let peerPurchaseMapping: JSONObject = {}

function ourSettings(partnerAction: 'uetCapiEvent' | 'trackConversion'): JSONObject {
  const base = segmentSettings({ accessToken: DEMO.accessToken, refreshToken: DEMO.refreshToken }) as Record<
    string,
    unknown
  >
  const mapping =
    partnerAction === 'uetCapiEvent'
      ? { ...defaultValues(uetCapiEvent.fields), eventType: 'custom', eventName: 'purchase' }
      : { ...defaultValues(trackConversion.fields), conversion_name: GOAL_NAME }
  return {
    ...base,
    uet_tag_id: UET_TAG_ID,
    uet_capi_token: 'peer-bench-token',
    subscriptions: [{ partnerAction, subscribe: `type = "track" and event = "${EVENT_NAME}"`, mapping }]
  }
}

interface Intercepted {
  /** The last request body each endpoint received, as nock parsed it. */
  last: { capi?: unknown; apply?: unknown }
  stop: () => void
}

/** Microsoft answered in-process: every CAPI event counted, every Apply item accepted. */
function interceptMicrosoft(): Intercepted {
  const last: Intercepted['last'] = {}
  const previous = process.env[ENDPOINT_ENV.all]
  process.env[ENDPOINT_ENV.all] = INTERCEPTED_ORIGIN
  if (!nock.isActive()) nock.activate()
  const answerCapi = (_uri: string, body: unknown): [number, string, Record<string, string>] => {
    last.capi = body
    const received = (body as { data?: unknown[] }).data?.length ?? 0
    return [200, JSON.stringify({ eventsReceived: received }), { 'Content-Type': 'application/json' }]
  }
  nock(CAPI_ORIGIN)
    .persist()
    .post(/\/v1\/.*\/events/)
    .reply(answerCapi)
  nock(INTERCEPTED_ORIGIN)
    .persist()
    .post(/\/v1\/.*\/events/)
    .reply(answerCapi)
  nock(INTERCEPTED_ORIGIN)
    .persist()
    .post('/CampaignManagement/v13/OfflineConversions/Apply')
    .reply((_uri, body) => {
      last.apply = body
      return [200, '{"PartialErrors":[]}', { 'Content-Type': 'application/json', TrackingId: 'peer-bench' }]
    })
  return {
    last,
    stop: () => {
      nock.cleanAll()
      nock.restore()
      if (previous === undefined) delete process.env[ENDPOINT_ENV.all]
      else process.env[ENDPOINT_ENV.all] = previous
    }
  }
}

/** The bytes of one request body divided by the events it carries. */
function bytesPerEvent(body: unknown, items: 'data' | 'OfflineConversions'): number {
  if (!body) return 0
  const count = (body as Record<string, unknown[]>)[items]?.length ?? 1
  return Math.round(Buffer.byteLength(JSON.stringify(body)) / count)
}

/** Wall time spent inside an action's perform functions, and the events they were handed. */
interface OwnClock {
  ns: number
  events: number
}

/**
 * The definition with every action's perform and performBatch timed into `clock`: everything after actions-core
 * hands the action its mapped payloads (the destination's own code, its request through actions-core's client and
 * nock, its answer), the same wrapper for every destination.
 */
function timedDefinition(definition: DestinationDefinition<any>, clock: OwnClock): DestinationDefinition<any> {
  const timed =
    <A extends unknown[], R>(perform: (...args: A) => Promise<R> | R, count: (...args: A) => number) =>
    async (...args: A): Promise<R> => {
      const started = process.hrtime.bigint()
      try {
        return await perform(...args)
      } finally {
        clock.ns += Number(process.hrtime.bigint() - started)
        clock.events += count(...args)
      }
    }
  const actions = Object.fromEntries(
    Object.entries(definition.actions).map(([name, action]: [string, ActionDefinition<any, any>]) => [
      name,
      {
        ...action,
        perform: timed(action.perform, () => 1),
        ...(action.performBatch
          ? { performBatch: timed(action.performBatch, (_request, data) => (data.payload as unknown[]).length) }
          : {})
      }
    ])
  )
  return { ...definition, actions }
}

type MultiStatus = Array<{ multistatus?: Array<{ status: number }> }>

/** Runs every batch through `onBatch` and counts the events answered 200. */
function batchRunner(
  destination: Destination<any>,
  settings: JSONObject,
  batches: SegmentEvent[][]
): () => Promise<number> {
  return async () => {
    let ok = 0
    for (const batch of batches) {
      const results = (await destination.onBatch(batch, settings)) as MultiStatus
      for (const result of results) ok += result.multistatus?.filter((entry) => entry.status === 200).length ?? 0
    }
    return ok
  }
}

export type PeerPath = 'ms_bing_capi' | 'uet_capi' | 'track_conversion'

export interface PeerRuns {
  runs: Record<PeerPath, () => Promise<number>>
  /** The time each path's action took per event in its last run, in microseconds. */
  ownMicrosPerEvent: (path: PeerPath) => number
  /** The bytes per event of the last request body each path sent (after it ran once). */
  bytesPerEvent: (path: PeerPath) => number
  stop: () => void
}

/** The three paths on the same generated events, Microsoft intercepted until `stop()`. */
export function preparePeerRuns(events: number): PeerRuns {
  const definition = loadMsBingCapi()
  const purchasePreset = definition.presets?.find((preset) => preset.name === 'Send Purchase Event')
  if (!purchasePreset || !('mapping' in purchasePreset))
    throw new Error('ms-bing-capi has no "Send Purchase Event" preset')
  peerPurchaseMapping = purchasePreset.mapping as JSONObject

  const nowMs = Date.now()
  const batches = chunk(
    generateConversions(events, nowMs).map((c) => peerEvent(c, nowMs))
  ) as unknown as SegmentEvent[][]
  const clocks: Record<PeerPath, OwnClock> = {
    ms_bing_capi: { ns: 0, events: 0 },
    uet_capi: { ns: 0, events: 0 },
    track_conversion: { ns: 0, events: 0 }
  }
  const last: Record<PeerPath, number> = { ms_bing_capi: 0, uet_capi: 0, track_conversion: 0 }
  /** Each run's own time per event, from the clock's start and end around it. */
  const measured = (path: PeerPath, run: () => Promise<number>) => async () => {
    const before = { ...clocks[path] }
    const done = await run()
    const events = clocks[path].events - before.events
    last[path] = events ? (clocks[path].ns - before.ns) / 1000 / events : 0
    return done
  }
  const peer = new Destination(timedDefinition(definition, clocks.ms_bing_capi))
  const uet = new Destination(timedDefinition(segmentDestination, clocks.uet_capi))
  const track = new Destination(timedDefinition(segmentDestination, clocks.track_conversion))
  const intercepted = interceptMicrosoft()
  return {
    runs: {
      ms_bing_capi: measured('ms_bing_capi', batchRunner(peer, peerSettings(), batches)),
      uet_capi: measured('uet_capi', batchRunner(uet, ourSettings('uetCapiEvent'), batches)),
      track_conversion: measured('track_conversion', batchRunner(track, ourSettings('trackConversion'), batches))
    },
    ownMicrosPerEvent: (path) => last[path],
    bytesPerEvent: (path) =>
      path === 'track_conversion'
        ? bytesPerEvent(intercepted.last.apply, 'OfflineConversions')
        : bytesPerEvent(intercepted.last.capi, 'data'),
    stop: intercepted.stop
  }
}

/**
 * Segment's published ms-bing-capi `sendEvent` against this project's `uetCapiEvent` and `trackConversion`, all
 * through actions-core's `Destination.onBatch` with 1,000 events per batch, on the same generated events, in
 * alternating rounds in one process. Microsoft is answered in-process by nock for every path alike.
 */
export async function benchPeers(options: PeerOptions = {}): Promise<PeerFigures> {
  const events = options.events ?? 10_000
  const { runs, bytesPerEvent: bytesOf, ownMicrosPerEvent: ownOf, stop } = preparePeerRuns(events)
  try {
    // Every event must go through each path, or the figures mean nothing.
    const bytes: Record<PeerPath, number> = { ms_bing_capi: 0, uet_capi: 0, track_conversion: 0 }
    for (const name of Object.keys(runs) as PeerPath[]) {
      const ok = await runs[name]()
      if (ok !== events) throw new Error(`${name} answered 200 for ${ok} of ${events} events`)
      bytes[name] = bytesOf(name)
    }
    // Each run's own time per event is sampled after it, and the median of the samples taken, as for throughput.
    const own: Record<PeerPath, number[]> = { ms_bing_capi: [], uet_capi: [], track_conversion: [] }
    const sampled = Object.fromEntries(
      (Object.keys(runs) as PeerPath[]).map((name) => [
        name,
        async () => {
          const done = await runs[name]()
          own[name].push(ownOf(name))
          return done
        }
      ])
    )
    const figures = await interleavedAsync(sampled, options.rounds ?? 5, options.minMs ?? 300)
    const ownUs = (name: PeerPath) => Number(median(own[name]).toFixed(2))
    return {
      peer: `${PEER_PACKAGE}@${PEER_VERSION} dist/destinations/ms-bing-capi (sendEvent, "Send Purchase Event" preset)`,
      peer_events: events,
      ms_bing_capi_events_per_s: Math.round(figures.ms_bing_capi),
      uet_capi_events_per_s: Math.round(figures.uet_capi),
      track_conversion_events_per_s: Math.round(figures.track_conversion),
      uet_capi_to_ms_bing_capi_ratio: ratio(figures.uet_capi, figures.ms_bing_capi),
      track_conversion_to_ms_bing_capi_ratio: ratio(figures.track_conversion, figures.ms_bing_capi),
      ms_bing_capi_own_us_per_event: ownUs('ms_bing_capi'),
      uet_capi_own_us_per_event: ownUs('uet_capi'),
      track_conversion_own_us_per_event: ownUs('track_conversion'),
      uet_capi_own_to_ms_bing_capi_own_ratio: ratio(ownUs('uet_capi'), ownUs('ms_bing_capi')),
      track_conversion_own_to_ms_bing_capi_own_ratio: ratio(ownUs('track_conversion'), ownUs('ms_bing_capi')),
      ms_bing_capi_request_bytes_per_event: bytes.ms_bing_capi,
      uet_capi_request_bytes_per_event: bytes.uet_capi,
      track_conversion_request_bytes_per_event: bytes.track_conversion
    }
  } finally {
    stop()
  }
}
