import type { FieldNames } from 'msads-conversions'

/**
 * The destination type. Not `BINGADS_OFFLINE_CONVERSIONS`: rudder-server lists that name among its async (batch
 * router) destinations, so its jobs never reach a router transform or the delivery proxy. A new name in the same
 * family lets both live side by side, and the record field names below keep warehouse mappings portable.
 */
export const DESTINATION_TYPE = 'BINGADS_CONVERSIONS'

/** Keys under which an event's integrations object may address this destination (rudder-transformer canonical names). */
export const INTEGRATION_NAMES = [
  'BINGADS_CONVERSIONS',
  'bingads_conversions',
  'BingAds Conversions',
  'Bing Ads Conversions',
  'Microsoft Ads Conversions'
] as const

/** Sent as CAPI `dataProvider`, which Microsoft asks third-party senders to set. */
export const CAPI_DATA_PROVIDER = 'RudderStack'

/** `endpointPath` of CAPI requests: rudder-server throttles and counts deliveries per endpoint path. */
export const CAPI_ENDPOINT_PATH = 'capi/events'

/** Most goals one event may fan out to; keeps one job well inside one request of at most 1,000 items. */
export const MAX_GOALS_PER_EVENT = 20

/** Reverse-ETL field names, as RudderStack's existing Bing Ads offline conversions destination names them. */
export const RECORD_FIELD_NAMES: FieldNames = {
  conversion_name: 'conversionName',
  conversion_time: 'conversionTime',
  microsoft_click_id: 'microsoftClickId',
  email: 'email',
  phone: 'phone',
  conversion_value: 'conversionValue',
  currency: 'conversionCurrencyCode',
  external_attribution_model: 'externalAttributionModel',
  external_attribution_credit: 'externalAttributionCredit',
  adjustment_time: 'adjustedConversionTime',
  adjustment_value: 'conversionValue',
  transaction_id: 'transactionId'
}

/** Where a track or page event's values come from, so that messages name the event's own paths. */
export const EVENT_FIELD_NAMES: FieldNames = {
  conversion_name: 'eventsToConversionGoals',
  conversion_time: 'timestamp',
  microsoft_click_id: 'properties.msclkid',
  email: 'traits.email',
  phone: 'traits.phone',
  conversion_value: 'properties.revenue',
  currency: 'properties.currency',
  transaction_id: 'properties.order_id',
  adjustment_type: 'adjustmentEvents',
  adjustment_time: 'timestamp',
  adjustment_value: 'properties.revenue',
  event_name: 'event',
  event_time: 'timestamp',
  event_source_url: 'context.page.url',
  referrer_url: 'context.page.referrer',
  page_title: 'context.page.title',
  client_ip_address: 'context.ip',
  client_user_agent: 'context.userAgent',
  items: 'properties.products',
  page_type: 'properties.pageType',
  user_data: 'userId, traits.email, traits.phone or msclkid',
  uet_tag_id: 'uetTagId'
}
