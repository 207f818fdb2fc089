import type { CapiCustomData, CapiEvent, CapiEventType, CapiHotelData, CapiItem, CapiPageType, CapiUserData } from '../microsoft/models/capi'
import { skipped } from '../outcome'
import { buildContext, optionalText, withViolations, type BuildContext, type Violations } from './build-context'
import type { BuildResult } from './build-result'
import { CONSENT_REASONS, resolveConsent } from './consent'
import { resolveIdentity } from './identity'
import { InputError, type NeutralField } from './input-error'
import type { CapiCustomDataInput, CapiEventInput, CapiHotelDataInput } from './inputs'
import { parseAmount, parseCurrency } from './money'
import { CAPI_MAX_AGE_DAYS, checkWindow, parseTime, toMicrosoftTime } from './time'

const EVENT_TYPES: Record<string, CapiEventType> = { pageload: 'pageLoad', page_load: 'pageLoad', page: 'pageLoad', custom: 'custom' }
const PAGE_TYPES = new Set<CapiPageType>(['home', 'category', 'product', 'searchresults', 'cart', 'purchase', 'other'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function parseEventType(value: unknown): CapiEventType {
  if (value === undefined || value === null || value === '') throw new InputError('event_type', 'required', 'is required (pageLoad or custom)')
  const type = typeof value === 'string' ? EVENT_TYPES[value.trim().toLowerCase()] : undefined
  if (!type) throw new InputError('event_type', 'enum', 'must be pageLoad or custom')
  return type
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
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
  if (typeof amount !== 'number' || !Number.isFinite(amount)) throw new InputError(field, 'type', 'must be a finite number')
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

function hotelData(input: CapiHotelDataInput | undefined): CapiHotelData | undefined {
  if (!input) return undefined
  const hotel: CapiHotelData = {}
  const totalPrice = number(input.totalPrice, 'hotel_data')
  const basePrice = number(input.basePrice, 'hotel_data')
  const checkinDate = isoDate(input.checkinDate, 'hotel_data')
  const checkoutDate = isoDate(input.checkoutDate, 'hotel_data')
  const lengthOfStay = number(input.lengthOfStay, 'hotel_data')
  const partnerHotelId = optionalText(input.partnerHotelId, 'hotel_data')
  const bookingHref = optionalText(input.bookingHref, 'hotel_data')
  if (totalPrice !== undefined) hotel.totalPrice = totalPrice
  if (basePrice !== undefined) hotel.basePrice = basePrice
  if (checkinDate !== undefined) hotel.checkinDate = checkinDate
  if (checkoutDate !== undefined) hotel.checkoutDate = checkoutDate
  if (lengthOfStay !== undefined) hotel.lengthOfStay = lengthOfStay
  if (partnerHotelId !== undefined) hotel.partnerHotelId = partnerHotelId
  if (bookingHref !== undefined) hotel.bookingHref = bookingHref
  return Object.keys(hotel).length ? hotel : undefined
}

function customData(input: CapiCustomDataInput | undefined, v: Violations): CapiCustomData | undefined {
  if (!input) return undefined
  const data: CapiCustomData = {}
  const set = <K extends keyof CapiCustomData>(key: K, value: CapiCustomData[K] | undefined) => {
    if (value !== undefined) data[key] = value
  }
  set('eventCategory', v.check(() => optionalText(input.eventCategory, 'custom_data')))
  set('eventLabel', v.check(() => optionalText(input.eventLabel, 'custom_data')))
  set('eventValue', v.check(() => number(input.eventValue, 'custom_data')))
  set('searchTerm', v.check(() => optionalText(input.searchTerm, 'custom_data')))
  set('transactionId', v.check(() => optionalText(input.transactionId, 'transaction_id')))
  set('value', v.check(() => number(input.value, 'conversion_value')))
  set('currency', v.check(() => parseCurrency(input.currency)))
  set('items', v.check(() => items(input.items)))
  set('itemIds', v.check(() => textList(input.itemIds, 'items')))
  set(
    'pageType',
    v.check(() => {
      const type = optionalText(input.pageType, 'page_type')?.toLowerCase()
      if (type !== undefined && !PAGE_TYPES.has(type as CapiPageType)) {
        throw new InputError('page_type', 'enum', 'must be one of home, category, product, searchresults, cart, purchase, other')
      }
      return type
    })
  )
  set('ecommTotalValue', v.check(() => number(input.ecommTotalValue, 'custom_data')))
  set('ecommCategory', v.check(() => optionalText(input.ecommCategory, 'custom_data')))
  set('hotelData', v.check(() => hotelData(input.hotelData)))
  return Object.keys(data).length ? data : undefined
}

/** One neutral input to one UET Conversions API event, or the outcome that explains why not. */
export function buildCapiEvent(input: CapiEventInput, context: BuildContext = buildContext()): BuildResult<CapiEvent> {
  return withViolations(capiEventWith, input, context)
}

function capiEventWith(input: CapiEventInput, context: BuildContext, v: Violations): BuildResult<CapiEvent> {
  const { options, nowMs } = context
  const consent = resolveConsent(input.consent, options.consentDefault ?? 'granted')
  if (consent.adStorage === 'denied') {
    return { ok: false, outcome: skipped(CONSENT_REASONS.adStorageDenied, 'Skipped: ad_storage consent is denied, so nothing was sent.') }
  }
  const adUserData = consent.adUserData === 'granted'
  const warnings: string[] = []

  const eventType = v.check(() => parseEventType(input.eventType))
  const eventTime = v.check(() => {
    const ms = input.eventTime === undefined || input.eventTime === null || input.eventTime === '' ? nowMs : parseTime(input.eventTime, 'event_time')
    checkWindow(ms, 'event_time', { nowMs, maxAgeDays: CAPI_MAX_AGE_DAYS, clockSkewMs: options.clockSkewMs })
    return Math.floor(ms / 1000)
  })
  const eventId = v.check(() => optionalText(input.eventId, 'event_id'))
  const eventName = v.check(() => optionalText(input.eventName, 'event_name'))
  const eventSourceUrl = v.check(() => url(input.eventSourceUrl, 'event_source_url'))
  if (eventType === 'pageLoad' && eventSourceUrl === undefined && !v.errors.some((e) => e.field === 'event_source_url')) {
    v.add('event_source_url', 'required', 'is required for a pageLoad event')
  }
  let referrerUrl: string | undefined
  try {
    referrerUrl = url(input.referrerUrl, 'referrer_url')
  } catch {
    warnings.push('referrer_url was dropped: not an absolute http(s) URL')
  }
  let pageLoadId = v.check(() => optionalText(input.pageLoadId, 'page_load_id'))
  if (pageLoadId !== undefined && !UUID.test(pageLoadId)) {
    warnings.push('page_load_id was dropped: not a UUID')
    pageLoadId = undefined
  }
  const pageTitle = v.check(() => optionalText(input.pageTitle, 'page_title'))
  const keywords = v.check(() => optionalText(input.keywords, 'keywords'))

  const user = input.userData ?? {}
  const identity = resolveIdentity(user, adUserData, v, options.defaultPhoneCountry)
  const userData: CapiUserData = {}
  if (identity.clickId) userData.msclkid = identity.clickId
  if (identity.hashedEmail) userData.em = identity.hashedEmail
  if (identity.hashedPhone) userData.ph = identity.hashedPhone
  const plain: Array<[keyof CapiUserData, unknown, NeutralField, boolean]> = [
    ['anonymousId', user.anonymousId, 'user_data', false],
    ['externalId', user.externalId, 'user_data', false],
    ['clientIpAddress', user.clientIpAddress, 'client_ip_address', true],
    ['clientUserAgent', user.clientUserAgent, 'client_user_agent', true],
    ['idfa', user.idfa, 'user_data', false],
    ['gaid', user.gaid, 'user_data', false]
  ]
  let withheld = identity.withheldForConsent
  for (const [key, raw, field, personal] of plain) {
    const value = v.check(() => optionalText(raw, field))
    if (value === undefined) continue
    if (personal && !adUserData) {
      withheld = true
      continue
    }
    userData[key] = value
  }
  const custom = customData(input.customData, v)

  const identifiers = ['msclkid', 'em', 'ph', 'anonymousId', 'externalId', 'idfa', 'gaid'] as const
  if (!v.any && !identifiers.some((key) => userData[key] !== undefined)) {
    if (withheld) {
      return { ok: false, outcome: skipped(CONSENT_REASONS.adUserDataDenied, 'Skipped: ad_user_data consent is denied and no other identifier remains for userData.') }
    }
    v.add('user_data', 'identifier_required', 'needs at least one of msclkid, email, phone, anonymousId, externalId, idfa or gaid')
  }
  if (v.any) return { ok: false, outcome: v.toOutcome(options.fieldNames) }

  // Key order follows Microsoft's documentation, which keeps request snapshots readable.
  const event = { eventType: eventType!, eventTime: eventTime! } as CapiEvent
  if (eventId !== undefined) event.eventId = eventId
  if (eventName !== undefined) event.eventName = eventName
  if (eventSourceUrl !== undefined) event.eventSourceUrl = eventSourceUrl
  if (pageLoadId !== undefined) event.pageLoadId = pageLoadId
  if (referrerUrl !== undefined) event.referrerUrl = referrerUrl
  if (pageTitle !== undefined) event.pageTitle = pageTitle
  if (keywords !== undefined) event.keywords = keywords
  event.adStorageConsent = 'G'
  event.userData = userData
  if (custom) event.customData = custom

  return {
    ok: true,
    group: 'capi',
    record: event,
    dedupeKeys: eventId !== undefined ? [{ kind: 'capi', id: eventId, scope: '', minute: 0 }] : [],
    ...(warnings.length ? { warnings } : {})
  }
}
