import { INTEGRATION_NAME, MODULE_VERSION, PAGE_LOAD_ID_PROPERTY } from './constants'
import { type CaptureOptions, captureClickId, getClickId } from './capture'
import { trackConversion } from './conversion'
import { idSync } from './id-sync'
import { getPageLoadId, startPageLoad } from './ids'
import { withClickId } from './with-click-id'

export { withClickId }

type Fields = Record<string, unknown>

/** The part of a Segment or RudderStack event this module touches. */
export interface EnrichableEvent {
  properties?: Fields
  integrations?: Fields
  type?: string
  event?: string
  anonymousId?: unknown
  context?: Fields
}

/** What the Segment plugin does beyond the click id. */
export interface SegmentPluginOptions extends CaptureOptions {
  /**
   * The track events that are also UET conversions (`true`: every track event). Each gets one id, pushed to the UET
   * tag as `event_id` of the event of the same name and added to the Segment event as `properties.event_id`.
   */
  uetEvents?: string[] | boolean
  /** The Microsoft Advertising customer id: fires the ID Sync pixel once per session with Segment's anonymousId. */
  customerId?: string | number
}

/**
 * `integrations` with `{ msclkid, clickTime }` under INTEGRATION_NAME. Left as is when that entry already has a click
 * id, is `false`, or is absent while `All` is `false`: adding it would turn the destination on for this event.
 */
export function withIntegration(integrations: Fields = {}, clickId = getClickId()): Fields {
  const own = integrations[INTEGRATION_NAME]
  if (!clickId || own === false || (own === undefined && integrations.All === false)) return integrations
  const entry = (own && typeof own === 'object' ? own : {}) as Fields
  return entry.msclkid ? integrations : { ...integrations, [INTEGRATION_NAME]: { ...entry, ...clickId } }
}

/**
 * Adds the click id to an analytics.js or RudderStack event in place. `properties` is only touched when the event has
 * it (track, page and screen events do; identify and group carry traits instead).
 */
export function enrichEvent<Event extends EnrichableEvent>(event: Event, clickId = getClickId()): Event {
  if (clickId) {
    if (event.properties) event.properties = withClickId(event.properties, clickId)
    event.integrations = withIntegration(event.integrations, clickId)
  }
  return event
}

/** The analytics-next plugin contract, as far as this plugin uses it. */
export interface AnalyticsPlugin {
  name: string
  type: 'enrichment'
  version: string
  isLoaded(): boolean
  load(): Promise<void>
  track<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
  page<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
  screen<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
  identify<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
  group<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
  alias<Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx
}

/**
 * An analytics.js (analytics-next) enrichment plugin: `analytics.register(segmentPlugin())`. With `uetEvents`, those
 * track events become conversions shared with the UET tag; with `customerId`, the first event fires the ID Sync.
 */
export function segmentPlugin(options: SegmentPluginOptions = {}): AnalyticsPlugin {
  const { uetEvents, customerId } = options
  let pageCalled = false
  const enrich = <Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx => {
    const event = ctx.event
    if (customerId) idSync({ customerId, anonymousId: event.anonymousId, consent: event.context?.consent })
    if (event.type === 'page') {
      // A later page call is a single-page app's navigation: a new page load.
      if (pageCalled) startPageLoad()
      pageCalled = true
      event.properties = { [PAGE_LOAD_ID_PROPERTY]: getPageLoadId(), ...event.properties }
    }
    const name = event.event ?? ''
    if (event.type === 'track' && (uetEvents === true || (Array.isArray(uetEvents) && uetEvents.includes(name)))) {
      event.properties = trackConversion(name, event.properties).properties
    }
    enrichEvent(event)
    return ctx
  }
  return {
    name: 'Microsoft Advertising Click ID',
    type: 'enrichment',
    version: MODULE_VERSION,
    isLoaded: () => true,
    load: async () => {
      captureClickId(options)
    },
    track: enrich,
    page: enrich,
    screen: enrich,
    identify: enrich,
    group: enrich,
    alias: enrich
  }
}

/** RudderStack JS SDK call options (`apiOptions`) with the click id added to `integrations`. */
export function rudderstackOptions(options?: Fields, clickId = getClickId()): Fields | undefined {
  return clickId ? { ...options, integrations: withIntegration(options?.integrations as Fields, clickId) } : options
}

/**
 * `[properties, options]` for the RudderStack JS SDK, to spread after the event name:
 * `rudderanalytics.track('Order Completed', ...rudderstackArgs({ revenue: 42 }))`.
 */
export function rudderstackArgs(properties?: Fields, options?: Fields): [Fields | undefined, Fields | undefined] {
  return [withClickId(properties), rudderstackOptions(options)]
}

/**
 * `[name, properties, options]` of a RudderStack conversion, to spread into `rudderanalytics.track`: the UET tag gets
 * the event `name` with one id as `event_id`, and the properties carry it as `event_id` (see `trackConversion`).
 */
export function rudderstackConversion(
  name: string,
  properties?: Fields,
  options?: Fields
): [string, Fields, Fields | undefined] {
  return [name, trackConversion(name, properties).properties, rudderstackOptions(options)]
}
