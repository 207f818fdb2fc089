import type {
  CapiCustomData,
  CapiEvent,
  CapiEventType,
  CapiHotelData,
  CapiItem,
  CapiPageType,
  CapiUserData
} from '../microsoft/models/capi'
import { deriveCapiEventId } from '../microsoft/capi-event-id'
import { skipped, type OutcomeWarning } from '../outcome'
import {
  buildContext,
  optionalText,
  warningFor,
  withViolations,
  type BuildContext,
  type Violations
} from './build-context'
import type { BuildResult } from './build-result'
import { clickIdAsUuid } from './click-id'
import { CONSENT_REASONS, resolveConsent } from './consent'
import { CONSENT_DEFAULT } from './consent-default'
import { resolveIdentity, settleUnusable } from './identity'
import { InputError, type FieldNames, type NeutralField } from './input-error'
import type { CapiCustomDataInput, CapiEventInput, CapiHotelDataInput } from './inputs'
import { parseCurrency } from './money'
import { CAPI_MAX_AGE_DAYS, checkWindow, notYetDue, parseTime, toMicrosoftTime } from './time'

const EVENT_TYPES: Record<string, CapiEventType> = {
  pageload: 'pageLoad',
  page_load: 'pageLoad',
  page: 'pageLoad',
  custom: 'custom'
}
const PAGE_TYPES = new Set<CapiPageType>(['home', 'category', 'product', 'searchresults', 'cart', 'purchase', 'other'])
const UUID = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/i

function parseEventType(value: unknown): CapiEventType {
  if (value === undefined || value === null || value === '')
    throw new InputError('event_type', 'required', 'is required (pageLoad or custom)')
  const type = typeof value === 'string' ? EVENT_TYPES[value.trim().toLowerCase()] : undefined
  if (!type) throw new InputError('event_type', 'enum', 'must be pageLoad or custom')
  return type
}

const HTTP_SCHEME = /^https?:\/\//i
// URL.canParse (Node 18.17 and later) checks without building a URL object, which cost more than the rest of the event.
const { canParse } = URL as unknown as { canParse?: (value: string) => boolean }

function isHttpUrl(value: string): boolean {
  // Text that starts with the scheme parses with that scheme or not at all.
  if (canParse !== undefined && HTTP_SCHEME.test(value)) return canParse(value)
  try {
    const parsed = new URL(value)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
  } catch {
    return false
  }
}

function url(value: unknown, field: NeutralField): string | undefined {
  const text = optionalText(value, field)
  if (text !== undefined && !isHttpUrl(text)) throw new InputError(field, 'url', 'must be an absolute http(s) URL')
  return text
}

/** A number that may be negative (CAPI values are not constrained like offline conversion values). */
function number(value: unknown, field: NeutralField): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value
  if (typeof amount !== 'number' || !Number.isFinite(amount))
    throw new InputError(field, 'type', 'must be a finite number')
  return amount
}

function isoDate(value: unknown, field: NeutralField): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    parseTime(value.trim(), field)
    return value.trim()
  }
  return toMicrosoftTime(parseTime(value, field)).slice(0, 10)
}

function items(value: unknown): CapiItem[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw new InputError('items', 'type', 'must be a list')
  return value.map((raw, index) => {
    if (!raw || typeof raw !== 'object') throw new InputError('items', 'type', `[${index}] must be an object`)
    const entry = raw as Record<string, unknown>
    const item: CapiItem = {}
    const id = optionalText(entry.id, 'items')
    const name = optionalText(entry.name, 'items')
    const price = number(entry.price, 'items')
    const quantity = number(entry.quantity, 'items')
    if (id !== undefined) item.id = id
    if (name !== undefined) item.name = name
    if (price !== undefined) item.price = price
    if (quantity !== undefined) item.quantity = quantity
    return item
  })
}

function textList(value: unknown, field: NeutralField): string[] | undefined {
  if (value === undefined || value === null) return undefined
  const list = Array.isArray(value) ? value : [value]
  return list.map((entry) => optionalText(entry, field)).filter((entry): entry is string => entry !== undefined)
}

/**
 * Microsoft's rule for an optional field it cannot accept (UET Conversions API guide, "Batch uploads and validation
 * behavior"): the field is dropped with a warning and the event still counts. The same is done here before sending.
 */
class Dropped {
  /** Allocated on the first warning: nearly every event has none. */
  list: OutcomeWarning[] | undefined

  constructor(private readonly names?: FieldNames) {}

  /** `fn(value, field)`, or undefined with a warning when it breaks a rule. */
  keep<T>(
    fn: (value: unknown, field: NeutralField) => T | undefined,
    value: unknown,
    field: NeutralField
  ): T | undefined {
    try {
      return fn(value, field)
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      ;(this.list ??= []).push(
        warningFor(error.field, error.rule, `${error.detail}; it was dropped and the event sent without it`, this.names)
      )
      return undefined
    }
  }
}

/** Each hotel field and the rule it is read by; a field that breaks its rule is dropped with a warning. */
const HOTEL_FIELDS: ReadonlyArray<[keyof CapiHotelDataInput, (value: unknown, field: NeutralField) => unknown]> = [
  ['totalPrice', number],
  ['basePrice', number],
  ['checkinDate', isoDate],
  ['checkoutDate', isoDate],
  ['lengthOfStay', number],
  ['partnerHotelId', optionalText],
  ['bookingHref', optionalText]
]

function hotelData(input: CapiHotelDataInput | undefined, dropped: Dropped): CapiHotelData | undefined {
  if (!input) return undefined
  // Only fields with a value, so that the record holds no undefined keys.
  const hotel: Record<string, unknown> = {}
  for (const [key, rule] of HOTEL_FIELDS) {
    const value = dropped.keep(rule, input[key], 'hotel_data')
    if (value !== undefined) hotel[key] = value
  }
  return Object.keys(hotel).length > 0 ? hotel : undefined
}

function pageType(value: unknown): CapiPageType | undefined {
  const type = optionalText(value, 'page_type')?.toLowerCase()
  if (type !== undefined && !PAGE_TYPES.has(type as CapiPageType)) {
    throw new InputError(
      'page_type',
      'enum',
      'must be one of home, category, product, searchresults, cart, purchase, other'
    )
  }
  return type as CapiPageType | undefined
}

function customData(
  input: CapiCustomDataInput | undefined,
  v: Violations,
  dropped: Dropped
): CapiCustomData | undefined {
  if (!input || typeof input !== 'object') return undefined
  // Set field by field in one order, so every record has the same shape; undefined means not sent.
  const data: CapiCustomData = {}
  const eventCategory = v.apply(optionalText, input.eventCategory, 'custom_data', undefined)
  if (eventCategory !== undefined) data.eventCategory = eventCategory
  const eventLabel = v.apply(optionalText, input.eventLabel, 'custom_data', undefined)
  if (eventLabel !== undefined) data.eventLabel = eventLabel
  const eventValue = v.apply(number, input.eventValue, 'custom_data', undefined)
  if (eventValue !== undefined) data.eventValue = eventValue
  const searchTerm = v.apply(optionalText, input.searchTerm, 'custom_data', undefined)
  if (searchTerm !== undefined) data.searchTerm = searchTerm
  const transactionId = v.apply(optionalText, input.transactionId, 'transaction_id', undefined)
  if (transactionId !== undefined) data.transactionId = transactionId
  const value = v.apply(number, input.value, 'conversion_value', undefined)
  if (value !== undefined) data.value = value
  const currency = dropped.keep(parseCurrency, input.currency, 'currency')
  if (currency !== undefined) data.currency = currency
  const list = dropped.keep(items, input.items, 'items')
  if (list !== undefined) data.items = list
  const itemIds = dropped.keep(textList, input.itemIds, 'items')
  if (itemIds !== undefined) data.itemIds = itemIds
  const type = dropped.keep(pageType, input.pageType, 'page_type')
  if (type !== undefined) data.pageType = type
  const ecommTotalValue = dropped.keep(number, input.ecommTotalValue, 'custom_data')
  if (ecommTotalValue !== undefined) data.ecommTotalValue = ecommTotalValue
  const ecommCategory = dropped.keep(optionalText, input.ecommCategory, 'custom_data')
  if (ecommCategory !== undefined) data.ecommCategory = ecommCategory
  const hotel = hotelData(input.hotelData, dropped)
  if (hotel !== undefined) data.hotelData = hotel
  return Object.keys(data).length > 0 ? data : undefined
}

/** The userData fields not derived from the identity (click id, hashed email and phone). */
type PlainUserField = Exclude<keyof CapiUserData, 'msclkid' | 'em' | 'ph'>

/** userData fields sent as given (trimmed); `personal` ones only with ad_user_data consent. */
const PLAIN_USER_FIELDS: ReadonlyArray<{ key: PlainUserField; field: NeutralField; personal: boolean }> = [
  { key: 'anonymousId', field: 'user_data', personal: false },
  { key: 'externalId', field: 'user_data', personal: false },
  { key: 'clientIpAddress', field: 'client_ip_address', personal: true },
  { key: 'clientUserAgent', field: 'client_user_agent', personal: true },
  { key: 'idfa', field: 'user_data', personal: false },
  { key: 'gaid', field: 'user_data', personal: false }
]
/** The userData fields that identify the user to Microsoft. */
const IDENTIFIERS = ['msclkid', 'em', 'ph', 'anonymousId', 'externalId', 'idfa', 'gaid'] as const

// A loop rather than `IDENTIFIERS.some(…)`: this runs for every event, and the closure would be an allocation each.
function identifies(userData: CapiUserData): boolean {
  for (const key of IDENTIFIERS) if (userData[key] !== undefined) return true
  return false
}

/** CAPI `eventTime`: epoch seconds, now when none was mapped, within Microsoft's 7 days. */
function eventTimeOf(value: unknown, nowMs: number, clockSkewMs: number | undefined): number {
  const ms = value === undefined || value === null || value === '' ? nowMs : parseTime(value, 'event_time')
  return Math.floor(checkWindow(ms, 'event_time', { nowMs, maxAgeDays: CAPI_MAX_AGE_DAYS, clockSkewMs }) / 1000)
}

function pageLoadIdOf(value: unknown, field: NeutralField): string | undefined {
  const id = optionalText(value, field)
  if (id !== undefined && !UUID.test(id)) throw new InputError(field, 'uuid', 'is not a UUID')
  return id
}

function capiEventWith(input: CapiEventInput, context: BuildContext, v: Violations): BuildResult<CapiEvent> {
  const { options, nowMs } = context
  const consent = resolveConsent(input.consent, options.consentDefault ?? CONSENT_DEFAULT)
  if (consent.adStorage === 'denied') {
    return {
      ok: false,
      outcome: skipped(CONSENT_REASONS.adStorageDenied, 'Skipped: ad_storage consent is denied, so nothing was sent.')
    }
  }
  const adUserData = consent.adUserData === 'granted'
  const dropped = new Dropped(options.fieldNames)

  const eventType = v.apply(parseEventType, input.eventType, undefined, undefined)
  const eventTime = v.apply(eventTimeOf, input.eventTime, nowMs, options.clockSkewMs)
  const eventId = v.apply(optionalText, input.eventId, 'event_id', undefined)
  const eventName = v.apply(optionalText, input.eventName, 'event_name', undefined)
  const eventSourceUrl = v.apply(url, input.eventSourceUrl, 'event_source_url', undefined)
  if (
    eventType === 'pageLoad' &&
    eventSourceUrl === undefined &&
    !v.errors.some((e) => e.field === 'event_source_url')
  ) {
    v.add('event_source_url', 'required', 'is required for a pageLoad event')
  }
  const referrerUrl = dropped.keep(url, input.referrerUrl, 'referrer_url')
  const pageLoadId = dropped.keep(pageLoadIdOf, input.pageLoadId, 'page_load_id')
  const pageTitle = v.apply(optionalText, input.pageTitle, 'page_title', undefined)
  const keywords = v.apply(optionalText, input.keywords, 'keywords', undefined)

  const user = input.userData ?? {}
  const identity = resolveIdentity(user, adUserData, v, options.defaultPhoneCountry)
  const userData: CapiUserData = {}
  if (identity.clickId) userData.msclkid = clickIdAsUuid(identity.clickId)
  if (identity.hashedEmail) userData.em = identity.hashedEmail
  if (identity.hashedPhone) userData.ph = identity.hashedPhone
  let withheld = identity.withheldForConsent
  for (const { key, field, personal } of PLAIN_USER_FIELDS) {
    const value = v.apply(optionalText, user[key], field, undefined)
    if (value !== undefined && personal && !adUserData) withheld = true
    else if (value !== undefined) userData[key] = value
  }
  const custom = customData(input.customData, v, dropped)

  const identified = identifies(userData)
  // Microsoft drops an invalid em or ph with a warning; with nothing else to identify the user, it is the error.
  if (identity.unusable) settleUnusable(identity, identified, v, (dropped.list ??= []), options.fieldNames)
  if (!v.any && !identified && !identity.unusable) {
    if (withheld) {
      return {
        ok: false,
        outcome: skipped(
          CONSENT_REASONS.adUserDataDenied,
          'Skipped: ad_user_data consent is denied and no other identifier remains for userData.'
        )
      }
    }
    v.add(
      'user_data',
      'identifier_required',
      'needs at least one of msclkid, email, phone, anonymousId, externalId, idfa or gaid'
    )
  }
  if (v.any) return { ok: false, outcome: v.toOutcome(options.fieldNames) }
  const held = notYetDue('event_time', eventTime! * 1000, nowMs, options.fieldNames)
  if (held) return { ok: false, outcome: held }

  // Key order follows Microsoft's documentation, which keeps request snapshots readable.
  const event = { eventType: eventType!, eventTime: eventTime!, eventId: '' } as CapiEvent
  if (eventName !== undefined) event.eventName = eventName
  if (eventSourceUrl !== undefined) event.eventSourceUrl = eventSourceUrl
  if (pageLoadId !== undefined) event.pageLoadId = pageLoadId
  if (referrerUrl !== undefined) event.referrerUrl = referrerUrl
  if (pageTitle !== undefined) event.pageTitle = pageTitle
  if (keywords !== undefined) event.keywords = keywords
  event.adStorageConsent = 'G'
  event.userData = userData
  if (custom) event.customData = custom
  // Every event carries an eventId, so that any resend is one Microsoft deduplicates (tag + eventId + eventName).
  event.eventId = eventId ?? deriveCapiEventId(event, options.uetTagId)

  const result: Extract<BuildResult<CapiEvent>, { ok: true }> = {
    ok: true,
    group: 'capi',
    record: event,
    dedupeKeys: [{ kind: 'capi', id: event.eventId, scope: eventName ?? '', time: 0 }]
  }
  if (dropped.list !== undefined && dropped.list.length > 0) result.warnings = dropped.list
  return result
}

/** One neutral input to one UET Conversions API event, or the outcome that explains why not. */
export function buildCapiEvent(input: CapiEventInput, context: BuildContext = buildContext()): BuildResult<CapiEvent> {
  return withViolations(capiEventWith, input, context)
}
