import type {
  AdjustmentInput,
  CapiEventInput,
  ClickIdSources,
  FieldNames,
  OfflineConversionInput
} from 'msads-conversions'
import { EVENT_FIELD_NAMES } from './constants'
import { consentSignals } from './consent'
import type { RudderMessage } from './contracts/rudder-types'
import { eventKey } from './destination-config'
import type { DestinationSettings } from './destination-config'
import { integrationsObject } from './integrations-object'
import { filteredJob, invalidInput } from './job-errors'
import { bag, isPresent, pick } from './message-values'
import type { Bag } from './message-values'
import type { Part } from './parts'

/**
 * Event streams to neutral inputs. A track event counts for every goal `eventsToConversionGoals` maps it to;
 * if `adjustmentEvents` names it, it restates or retracts those goals' conversions instead. With CAPI on, it is
 * also sent to the UET Conversions API as a custom event. A page event goes to CAPI as a pageLoad.
 */

interface EventView {
  message: RudderMessage
  properties: Bag
  context: Bag
  page: Bag
}

function view(message: RudderMessage): EventView {
  const context = bag(message.context)
  return { message, properties: bag(message.properties), context, page: bag(context.page) }
}

/** The cookie in which Microsoft's UET tag keeps the click id. */
const UET_CLICK_ID_COOKIE = '_uetmsclkid'

function uetCookie(cookies: unknown): unknown {
  return bag(cookies)[UET_CLICK_ID_COOKIE]
}

function clickIdSources({ message, properties, context, page }: EventView): ClickIdSources {
  const { cookies, campaign } = context
  return {
    mapped: properties.microsoftClickId,
    integrations: integrationsObject(message),
    properties: properties.msclkid,
    pageUrl: page.url,
    campaign,
    cookie: typeof cookies === 'string' ? cookies : uetCookie(cookies)
  }
}

function identity({ message, properties, context }: EventView) {
  const traits = bag(message.traits)
  const contextTraits = bag(context.traits)
  const email = pick([
    ['traits.email', traits.email],
    ['context.traits.email', contextTraits.email],
    ['properties.email', properties.email]
  ])
  const phone = pick([
    ['traits.phone', traits.phone],
    ['context.traits.phone', contextTraits.phone],
    ['properties.phone', properties.phone]
  ])
  return { email, phone }
}

/** When the event happened: its timestamp as RudderStack sets it, else the client's original one. */
function timestampCandidates({ message }: EventView): Array<readonly [string, unknown]> {
  return [
    ['timestamp', message.timestamp],
    ['originalTimestamp', message.originalTimestamp]
  ]
}

/** The value: revenue, else value, else total, else price × quantity. */
function amount(properties: Bag): { value: unknown; path: string } {
  const direct = pick([
    ['properties.revenue', properties.revenue],
    ['properties.value', properties.value],
    ['properties.total', properties.total]
  ])
  if (isPresent(direct.value)) return direct
  if (isPresent(properties.price) && isPresent(properties.quantity)) {
    const price = Number(properties.price)
    const quantity = Number(properties.quantity)
    if (Number.isFinite(price) && Number.isFinite(quantity)) {
      // toFixed drops binary noise (9.99 × 3 = 29.970000000000002) without rounding real cents away.
      return { value: Number((price * quantity).toFixed(6)), path: 'properties.price × properties.quantity' }
    }
    return { value: properties.price, path: 'properties.price' }
  }
  return direct
}

function transactionId(properties: Bag) {
  return pick([
    ['properties.order_id', properties.order_id],
    ['properties.orderId', properties.orderId],
    ['properties.transactionId', properties.transactionId]
  ])
}

function currency(properties: Bag, settings: DestinationSettings) {
  return pick([
    ['properties.currency', properties.currency],
    ['defaultCurrency', settings.defaultCurrency]
  ])
}

/** Who converted, for how much, in which order: read alike for every part an event gives, with the paths read. */
function conversionData(event: EventView, settings: DestinationSettings) {
  const { email, phone } = identity(event)
  const value = amount(event.properties)
  const money = currency(event.properties, settings)
  const order = transactionId(event.properties)
  const fieldNames: FieldNames = {
    ...EVENT_FIELD_NAMES,
    email: email.path,
    phone: phone.path,
    conversion_value: value.path,
    adjustment_value: value.path,
    currency: money.path,
    transaction_id: order.path
  }
  return { email, phone, value, money, order, fieldNames }
}

function conversionParts(event: EventView, goals: readonly string[], settings: DestinationSettings): Part[] {
  const { properties, message } = event
  const time = pick([
    ['properties.conversionTime', properties.conversionTime],
    ['properties.conversion_time', properties.conversion_time],
    ...timestampCandidates(event)
  ])
  const data = conversionData(event, settings)
  const fieldNames: FieldNames = {
    ...data.fieldNames,
    conversion_time: time.path,
    external_attribution_model: 'properties.externalAttributionModel',
    external_attribution_credit: 'properties.externalAttributionCredit'
  }
  return goals.map((goal) => {
    const input: OfflineConversionInput = {
      conversionName: goal,
      conversionTime: time.value,
      clickId: clickIdSources(event),
      email: data.email.value,
      phone: data.phone.value,
      value: data.value.value,
      currency: data.money.value,
      externalAttributionModel: properties.externalAttributionModel,
      externalAttributionCredit: properties.externalAttributionCredit,
      transactionId: data.order.value,
      consent: consentSignals(message, settings)
    }
    return { kind: 'offline', label: `offline conversion for goal "${goal}"`, input, fieldNames }
  })
}

function adjustmentParts(
  event: EventView,
  type: string,
  goals: readonly string[],
  settings: DestinationSettings
): Part[] {
  const { properties, message } = event
  // The original conversion's time; the event's own timestamp is when the adjustment happened.
  const conversionTime = pick([
    ['properties.conversionTime', properties.conversionTime],
    ['properties.conversion_time', properties.conversion_time]
  ])
  const adjustmentTime = pick([['properties.adjustmentTime', properties.adjustmentTime], ...timestampCandidates(event)])
  const data = conversionData(event, settings)
  const fieldNames: FieldNames = {
    ...data.fieldNames,
    conversion_time: conversionTime.path,
    adjustment_time: adjustmentTime.path
  }
  return goals.map((goal) => {
    const input: AdjustmentInput = {
      adjustmentType: type,
      conversionName: goal,
      conversionTime: conversionTime.value,
      adjustmentTime: adjustmentTime.value,
      adjustmentValue: data.value.value,
      currency: data.money.value,
      clickId: clickIdSources(event),
      email: data.email.value,
      phone: data.phone.value,
      transactionId: data.order.value,
      consent: consentSignals(message, settings)
    }
    return { kind: 'adjustment', label: `${type} adjustment for goal "${goal}"`, input, fieldNames }
  })
}

/** `properties.products` as CAPI items; anything that is not a list of objects goes on as is, for the core to reject. */
function products(properties: Bag): unknown {
  const list = properties.products
  if (!Array.isArray(list)) return list
  return list.map((entry) => {
    if (!entry || typeof entry !== 'object') return entry
    const product = entry as Bag
    return {
      id: pick([
        ['product_id', product.product_id],
        ['sku', product.sku],
        ['id', product.id]
      ]).value,
      name: product.name,
      price: product.price,
      quantity: product.quantity
    }
  })
}

function capiPart(event: EventView, eventType: 'custom' | 'pageLoad', settings: DestinationSettings): Part {
  const { message, properties, context, page } = event
  const time = pick(timestampCandidates(event))
  const data = conversionData(event, settings)
  const sourceUrl = pick([
    ['context.page.url', page.url],
    ['properties.url', properties.url]
  ])
  // The msads browser module puts the id it shared with the UET tag in properties.event_id, and the page load's
  // id in properties.page_load_id; the messageId is only known on the server, so it never matches the tag's.
  const input: CapiEventInput = {
    eventType,
    eventId: isPresent(properties.event_id) ? properties.event_id : message.messageId,
    eventName: eventType === 'custom' ? message.event : undefined,
    eventTime: time.value,
    eventSourceUrl: sourceUrl.value,
    pageLoadId: properties.page_load_id,
    referrerUrl: page.referrer ?? properties.referrer,
    pageTitle: page.title ?? properties.title,
    userData: {
      clickId: clickIdSources(event),
      email: data.email.value,
      phone: data.phone.value,
      anonymousId: message.anonymousId,
      externalId: message.userId,
      clientIpAddress: context.ip ?? message.request_ip,
      clientUserAgent: context.userAgent
    },
    customData:
      eventType === 'custom'
        ? {
            eventCategory: properties.category,
            eventLabel: properties.label,
            searchTerm: properties.query,
            transactionId: data.order.value,
            value: data.value.value,
            currency: data.money.value,
            items: products(properties),
            pageType: properties.pageType
          }
        : undefined,
    consent: consentSignals(message, settings)
  }
  const fieldNames: FieldNames = { ...data.fieldNames, event_time: time.path, event_source_url: sourceUrl.path }
  const label = eventType === 'custom' ? 'UET Conversions API event' : 'UET Conversions API page load'
  return { kind: 'capi', label, input, fieldNames }
}

function sendsToCapi(eventName: string, settings: DestinationSettings): boolean {
  return (
    settings.sendTrackEventsToCapi &&
    (settings.capiEventNames.size === 0 || settings.capiEventNames.has(eventKey(eventName)))
  )
}

export function trackParts(message: RudderMessage, settings: DestinationSettings): Part[] {
  const name = typeof message.event === 'string' ? message.event.trim() : ''
  if (!name)
    throw invalidInput(
      'event is required for a track event: it selects the conversion goals in eventsToConversionGoals.',
      { field: 'event', rule: 'required' }
    )
  const event = view(message)
  const key = eventKey(name)
  const adjustment = settings.adjustmentByEvent.get(key)
  const goals = settings.goalsByEvent.get(key) ?? []
  const parts: Part[] = []
  if (adjustment) {
    const named = isPresent(event.properties.conversionName) ? [String(event.properties.conversionName).trim()] : goals
    if (named.length === 0) {
      throw invalidInput(
        `Event "${name}" is an adjustment event (${adjustment}) but names no goal: map it to its goals in eventsToConversionGoals, or send properties.conversionName.`,
        { field: 'conversionName', rule: 'required' }
      )
    }
    parts.push(...adjustmentParts(event, adjustment, named, settings))
  } else {
    parts.push(...conversionParts(event, goals, settings))
  }
  if (sendsToCapi(name, settings)) parts.push(capiPart(event, 'custom', settings))
  if (parts.length === 0) {
    throw filteredJob(
      `Event "${name}" is not mapped in eventsToConversionGoals or adjustmentEvents${settings.sendTrackEventsToCapi ? ' nor listed in capiEventNames' : ''}, so it was not sent.`,
      'event_not_mapped'
    )
  }
  return parts
}

export function pageParts(message: RudderMessage, settings: DestinationSettings): Part[] {
  if (!settings.sendPageEventsToCapi)
    throw filteredJob(
      'Page events are sent only to the UET Conversions API, and sendPageEventsToCapi is off.',
      'filtered'
    )
  return [capiPart(view(message), 'pageLoad', settings)]
}
