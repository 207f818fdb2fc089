import type { CapiEventInput, FieldNames } from 'msads-conversions'
import { clickIdSources, consentSignals } from '../translate/inputs'
import type { Payload } from './generated-types'

/** The core's neutral field names in this action's vocabulary, for its messages. */
export const CAPI_FIELD_NAMES: FieldNames = {
  event_type: 'eventType',
  event_id: 'eventId',
  event_name: 'eventName',
  event_time: 'eventTime',
  event_source_url: 'eventSourceUrl',
  page_load_id: 'pageLoadId',
  referrer_url: 'referrerUrl',
  page_title: 'pageTitle',
  keywords: 'keywords',
  user_data: 'userData',
  microsoft_click_id: 'userData.msclkid',
  email: 'userData.em',
  phone: 'userData.ph',
  client_ip_address: 'userData.clientIpAddress',
  client_user_agent: 'userData.clientUserAgent',
  custom_data: 'customData',
  transaction_id: 'customData.transactionId',
  conversion_value: 'customData.value',
  currency: 'customData.currency',
  page_type: 'customData.pageType',
  items: 'items',
  hotel_data: 'hotelData'
}

/** The mapped fields as the core's neutral CAPI event; items and hotel data join customData as Microsoft nests them. */
export function toCapiEventInput(payload: Payload): CapiEventInput {
  const user = payload.userData ?? {}
  const custom = payload.customData ?? {}
  return {
    eventType: payload.eventType,
    eventId: payload.eventId,
    eventName: payload.eventName,
    eventTime: payload.eventTime,
    eventSourceUrl: payload.eventSourceUrl,
    pageLoadId: payload.pageLoadId,
    referrerUrl: payload.referrerUrl,
    pageTitle: payload.pageTitle,
    keywords: payload.keywords,
    userData: {
      clickId: clickIdSources(user.msclkid, payload.click_id_sources),
      email: user.em,
      phone: user.ph,
      anonymousId: user.anonymousId,
      externalId: user.externalId,
      clientIpAddress: user.clientIpAddress,
      clientUserAgent: user.clientUserAgent,
      idfa: user.idfa,
      gaid: user.gaid
    },
    // Field by field rather than spread: every input has the same shape, which the core reads fastest.
    customData: {
      eventCategory: custom.eventCategory,
      eventLabel: custom.eventLabel,
      eventValue: custom.eventValue,
      searchTerm: custom.searchTerm,
      transactionId: custom.transactionId,
      value: custom.value,
      currency: custom.currency,
      items: payload.items?.length ? payload.items : undefined,
      itemIds: custom.itemIds,
      pageType: custom.pageType,
      ecommTotalValue: custom.ecommTotalValue,
      ecommCategory: custom.ecommCategory,
      hotelData: payload.hotelData
    },
    consent: consentSignals(payload)
  }
}
