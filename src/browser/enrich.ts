import { INTEGRATION_NAME, MODULE_VERSION } from './constants'
import { type CaptureOptions, captureClickId, getClickId } from './capture'

type Fields = Record<string, unknown>

/** The part of a Segment or RudderStack event this module touches. */
export interface EnrichableEvent {
  properties?: Fields
  integrations?: Fields
}

/** `properties` with `msclkid` added, unless it already has one (then it is returned as is). */
export function withClickId(properties?: Fields, clickId = getClickId()): Fields | undefined {
  return clickId && !properties?.msclkid ? { ...properties, msclkid: clickId.msclkid } : properties
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

/** An analytics.js (analytics-next) enrichment plugin: `analytics.register(segmentPlugin())`. */
export function segmentPlugin(options?: CaptureOptions): AnalyticsPlugin {
  const enrich = <Ctx extends { event: EnrichableEvent }>(ctx: Ctx): Ctx => {
    enrichEvent(ctx.event)
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
