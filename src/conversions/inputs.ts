import type { CountryCode } from 'libphonenumber-js/min'
import type { GoalFacts } from './goal-facts'
import type { ClickIdSources } from './click-id'
import type { ConsentSignals, ConsentState } from './consent'
import type { FieldNames } from './input-error'

/**
 * The neutral input: what any host hands the core. Values are `unknown` on purpose: hosts pass what the user
 * mapped, and the core validates every value, so bad input becomes a rejected outcome, never an exception.
 */
export interface OfflineConversionInput {
  conversionName?: unknown
  conversionTime?: unknown
  clickId?: ClickIdSources
  email?: unknown
  phone?: unknown
  value?: unknown
  currency?: unknown
  externalAttributionModel?: unknown
  externalAttributionCredit?: unknown
  /** Not sent to Microsoft (OfflineConversion has no such field); used to drop the same order twice in a batch. */
  transactionId?: unknown
  consent?: ConsentSignals
}

/**
 * A restatement or retraction. Offline when it names the conversion by click id or hash and conversion time;
 * online (UET/CAPI conversions) when it names it by transaction id.
 */
export interface AdjustmentInput {
  adjustmentType?: unknown
  conversionName?: unknown
  conversionTime?: unknown
  /** When the change happened; `sourceTime` when absent, and required when both are. Never the clock. */
  adjustmentTime?: unknown
  /** The time the source gave the event (its timestamp), the adjustment time when none is mapped. */
  sourceTime?: unknown
  adjustmentValue?: unknown
  currency?: unknown
  clickId?: ClickIdSources
  email?: unknown
  phone?: unknown
  transactionId?: unknown
  consent?: ConsentSignals
}

export interface CapiUserDataInput {
  clickId?: ClickIdSources
  email?: unknown
  phone?: unknown
  anonymousId?: unknown
  externalId?: unknown
  clientIpAddress?: unknown
  clientUserAgent?: unknown
  idfa?: unknown
  gaid?: unknown
}

export interface CapiItemInput {
  id?: unknown
  name?: unknown
  price?: unknown
  quantity?: unknown
}

export interface CapiHotelDataInput {
  totalPrice?: unknown
  basePrice?: unknown
  checkinDate?: unknown
  checkoutDate?: unknown
  lengthOfStay?: unknown
  partnerHotelId?: unknown
  bookingHref?: unknown
}

export interface CapiCustomDataInput {
  eventCategory?: unknown
  eventLabel?: unknown
  eventValue?: unknown
  searchTerm?: unknown
  transactionId?: unknown
  value?: unknown
  currency?: unknown
  items?: unknown
  itemIds?: unknown
  pageType?: unknown
  ecommTotalValue?: unknown
  ecommCategory?: unknown
  hotelData?: CapiHotelDataInput
}

export interface CapiEventInput {
  eventType?: unknown
  eventId?: unknown
  eventName?: unknown
  /** Defaults to now. */
  eventTime?: unknown
  eventSourceUrl?: unknown
  pageLoadId?: unknown
  referrerUrl?: unknown
  pageTitle?: unknown
  keywords?: unknown
  userData?: CapiUserDataInput
  customData?: CapiCustomDataInput
  consent?: ConsentSignals
}

/** Settings of the core that a host or an admin chooses. */
export interface CoreOptions {
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number
  /** Country for phone numbers written without an international prefix. */
  defaultPhoneCountry?: CountryCode
  /** What to assume when an event carries no consent signal; CONSENT_DEFAULT (granted) when not given. */
  consentDefault?: ConsentState
  /** Host names for the neutral fields, used in messages. */
  fieldNames?: FieldNames
  clockSkewMs?: number
  /** What is known of the account's goals (enhanced conversions); unknown goals are left to Microsoft. */
  goalFacts?: GoalFacts
  /** The UET tag CAPI events go to: part of the eventId derived for an event that maps none. */
  uetTagId?: string
}
