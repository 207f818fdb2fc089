import { hashEmail } from '../../src/conversions/email'
import { seededRandom } from '../../src/support/prng'
import { generateConversions, GOAL_NAME, toRudderMessage, toSegmentEvent, type GeneratedConversion } from '../workload'

/** A goal the emulator does not have: Microsoft refuses such items (5606), after the core let them through. */
export const UNKNOWN_GOAL = 'Trial Converted'
/** The RudderStack event mapped to the unknown goal. */
export const UNKNOWN_GOAL_EVENT = 'Trial Started'

/** The track events of the other kinds, as the destinations' presets and defaults name them. */
export const ADJUSTMENT_EVENTS = { Restate: 'Order Updated', Retract: 'Order Refunded' } as const
export const CAPI_TRACK_EVENT = 'Product Viewed'

export type Expectation = 'delivered' | 'rejected' | 'skipped'

/** What Microsoft receives for the event: an offline conversion, an offline adjustment, or a CAPI event. */
export type SoakKind = 'conversion' | 'adjustment' | 'capi'
export const SOAK_KINDS: readonly SoakKind[] = ['conversion', 'adjustment', 'capi']

export interface SoakAdjustment {
  type: 'Restate' | 'Retract'
  /** The index of the conversion of the same run that it adjusts (its click id and conversion time). */
  of: number
  /** Explicit, so that a resend is the same adjustment. */
  adjustmentTime: string
}

/** One soak event: a generated conversion, possibly spoiled on purpose or turned into another kind, and its fate. */
export interface SoakEvent extends GeneratedConversion {
  kind: SoakKind
  goal: string
  adStorageDenied: boolean
  expect: Expectation
  /** The field the core must name when it rejects the event. */
  invalidField?: string
  adjustment?: SoakAdjustment
  /** A CAPI event: a page load (Segment/RudderStack page event) or a custom event (a track event). */
  capi?: 'pageLoad' | 'custom'
}

/** Shares of the deliberately bad events: every outcome kind must appear in a soak. */
export const SHARES = { invalid: 0.04, consentDenied: 0.03, unknownGoal: 0.01 }
/** Shares of the other kinds, drawn from a PRNG of their own so the conversions' spoiling stays as it was. */
export const KIND_SHARES = { adjustment: 0.06, capi: 0.1 }
/** Microsoft's Conversions API takes events of the last 7 days: CAPI events fall in the last 6. */
const CAPI_WINDOW_MS = 6 * 86_400_000

const INVALID_FIELDS = ['email', 'conversion_time', 'currency', 'microsoft_click_id'] as const

function spoil(
  conversion: GeneratedConversion,
  field: (typeof INVALID_FIELDS)[number],
  nowMs: number
): GeneratedConversion {
  switch (field) {
    case 'email':
      return { ...conversion, email: `not-an-email-${conversion.index}`, clickId: undefined, phone: undefined }
    case 'conversion_time':
      return { ...conversion, conversionTime: new Date(nowMs - 120 * 86_400_000).toISOString() }
    case 'currency':
      return { ...conversion, currency: 'DOLLARS' }
    case 'microsoft_click_id':
      return { ...conversion, clickId: `zz-not-a-click-id-${conversion.index}` }
  }
}

function conversionEvent(conversion: GeneratedConversion, draw: number, i: number, nowMs: number): SoakEvent {
  const base = { kind: 'conversion' as const, goal: GOAL_NAME, adStorageDenied: false }
  if (draw < SHARES.invalid) {
    const field = INVALID_FIELDS[i % INVALID_FIELDS.length]
    return { ...spoil(conversion, field, nowMs), ...base, expect: 'rejected', invalidField: field }
  }
  if (draw < SHARES.invalid + SHARES.consentDenied)
    return { ...conversion, ...base, adStorageDenied: true, expect: 'skipped' }
  if (draw < SHARES.invalid + SHARES.consentDenied + SHARES.unknownGoal)
    return { ...conversion, ...base, goal: UNKNOWN_GOAL, expect: 'rejected' }
  return { ...conversion, ...base, expect: 'delivered' }
}

/**
 * The soak's mix under a seed: offline conversions (with their deliberate shares of bad events), adjustments
 * (Restate or Retract, by click id and conversion time, of a delivered conversion earlier in the same run, each
 * conversion adjusted at most once) and CAPI events (page loads and custom track events of the last 6 days).
 */
export function soakEvents(count: number, nowMs: number, seed: number): SoakEvent[] {
  const random = seededRandom(seed ^ 0x5eed)
  const kinds = seededRandom(seed ^ 0xad1c)
  const adjustable: SoakEvent[] = []
  return generateConversions(count, nowMs, seed).map((conversion, i) => {
    const event = conversionEvent(conversion, random(), i, nowMs)
    const kindDraw = kinds()
    const timeDraw = kinds()
    if (kindDraw < KIND_SHARES.adjustment && adjustable.length) {
      const original = adjustable.splice(Math.floor(timeDraw * adjustable.length), 1)[0]
      const since = Date.parse(original.conversionTime)
      const adjustmentTime = new Date(
        since + Math.floor((nowMs - 60_000 - since) * (0.1 + 0.8 * timeDraw))
      ).toISOString()
      const type = kindDraw < KIND_SHARES.adjustment / 2 ? 'Retract' : 'Restate'
      return {
        ...conversion,
        kind: 'adjustment',
        goal: GOAL_NAME,
        adStorageDenied: false,
        expect: 'delivered',
        email: original.email,
        phone: undefined,
        clickId: original.clickId,
        conversionTime: original.conversionTime,
        currency: original.currency,
        adjustment: { type, of: original.index, adjustmentTime }
      }
    }
    if (kindDraw < KIND_SHARES.adjustment + KIND_SHARES.capi) {
      const eventTime = new Date(nowMs - 60_000 - Math.floor(timeDraw * CAPI_WINDOW_MS)).toISOString()
      const capi = kindDraw < KIND_SHARES.adjustment + KIND_SHARES.capi / 2 ? 'pageLoad' : 'custom'
      return {
        ...conversion,
        kind: 'capi',
        goal: GOAL_NAME,
        adStorageDenied: false,
        expect: 'delivered',
        conversionTime: eventTime,
        capi
      }
    }
    if (event.expect === 'delivered' && event.clickId !== undefined) adjustable.push(event)
    return event
  })
}

/** The page a CAPI event happened on: how the emulator's stored CAPI event names it. */
export function capiPageUrl(event: SoakEvent): string {
  return `https://shop.example.com/soak/${event.index}`
}

/** How the emulator's stored item of the event's kind names it (for conversions: the click id, else the email hash). */
export function identityOf(event: SoakEvent): string {
  if (event.kind === 'adjustment') return `${event.adjustment!.type}|${event.clickId!.toLowerCase()}`
  if (event.kind === 'capi') return capiPageUrl(event)
  return event.clickId !== undefined ? event.clickId.toLowerCase() : (hashEmail(event.email) as string)
}

export function storedIdentity(item: { MicrosoftClickId?: string | null; HashedEmailAddress?: string | null }): string {
  return item.MicrosoftClickId ? item.MicrosoftClickId.toLowerCase() : String(item.HashedEmailAddress)
}

export function storedAdjustmentIdentity(item: {
  AdjustmentType?: string | null
  MicrosoftClickId?: string | null
}): string {
  return `${item.AdjustmentType}|${String(item.MicrosoftClickId).toLowerCase()}`
}

export function storedCapiIdentity(item: { eventSourceUrl?: string | null }): string {
  return String(item.eventSourceUrl)
}

function segmentBase(event: SoakEvent, timestamp: string): Record<string, unknown> {
  return {
    messageId: `segment-${event.index}`,
    anonymousId: `anon-${event.index}`,
    userId: `user-${event.index}`,
    timestamp
  }
}

/** An order change: the original conversion's click id and time, the change's own time as the event's timestamp. */
function adjustmentEvent(event: SoakEvent): Record<string, unknown> {
  const { type, adjustmentTime } = event.adjustment!
  const properties: Record<string, unknown> = { msclkid: event.clickId, conversion_time: event.conversionTime }
  if (type === 'Restate') Object.assign(properties, { revenue: event.value, currency: event.currency })
  return {
    type: 'track',
    event: ADJUSTMENT_EVENTS[type],
    ...segmentBase(event, adjustmentTime),
    properties,
    context: {}
  }
}

function capiEvent(event: SoakEvent): Record<string, unknown> {
  const page = { url: capiPageUrl(event), title: `Product ${event.index}` }
  const context = { page, traits: { email: event.email } }
  const base = segmentBase(event, event.conversionTime)
  if (event.capi === 'pageLoad')
    return { type: 'page', name: 'Product', ...base, properties: { url: page.url }, context }
  return {
    type: 'track',
    event: CAPI_TRACK_EVENT,
    ...base,
    properties: { revenue: event.value, currency: event.currency },
    context
  }
}

export function segmentEvent(event: SoakEvent): Record<string, unknown> {
  if (event.kind === 'adjustment') return adjustmentEvent(event)
  if (event.kind === 'capi') return capiEvent(event)
  const segment = toSegmentEvent(event, event.adStorageDenied ? { consent: { ad_storage: 'denied' } } : {})
  return { ...segment, properties: { ...(segment.properties as object), goal: event.goal } }
}

export function rudderMessage(event: SoakEvent): Record<string, unknown> {
  if (event.kind !== 'conversion') {
    const segment = segmentEvent(event)
    return { ...segment, messageId: `rudder-${event.index}`, channel: 'web', originalTimestamp: segment.timestamp }
  }
  const message = toRudderMessage(
    event,
    event.adStorageDenied ? { consentManagement: { deniedConsentIds: ['C0004'], provider: 'oneTrust' } } : {}
  )
  return event.goal === UNKNOWN_GOAL ? { ...message, event: UNKNOWN_GOAL_EVENT } : message
}
