// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * pageLoad for a page view (needs Event Source URL), custom for any other event.
   */
  eventType: string
  /**
   * Unique id of the event. Microsoft counts an event once when the UET tag on the page sent the same event_id with the same event name, so use the id your site gives the UET tag: by default the event_id property (where the msads browser module puts the id it shares with the UET tag), else the Segment messageId (which only the server knows, so it cannot match a browser event). Events of a batch with the same Event ID are sent once.
   */
  eventId?: string
  /**
   * Name of the event (the event action of a UET goal), by default the track event name or the page name.
   */
  eventName?: string
  /**
   * When the event happened, by default the event timestamp. Microsoft accepts the last 7 days.
   */
  eventTime?: string | number
  /**
   * URL of the page where the event happened; required for a pageLoad event.
   */
  eventSourceUrl?: string
  /**
   * A UUID shared by the pageLoad event of a page and the custom events sent from that page, by default the page_load_id property (which the msads browser module adds). A value that is not a UUID is dropped with a warning.
   */
  pageLoadId?: string
  /**
   * URL of the previous page. Microsoft drops a malformed one.
   */
  referrerUrl?: string
  /**
   * Title of the page.
   */
  pageTitle?: string
  /**
   * Keywords of the page, comma-separated.
   */
  keywords?: string
  /**
   * Who did it. At least one of msclkid, em, ph, anonymousId, externalId, idfa or gaid is needed. Email and phone are hashed before they leave Segment; em, ph, clientIpAddress and clientUserAgent are left out when ad_user_data consent is denied.
   */
  userData?: {
    /**
     * The msclkid of the ad click. Left empty, it is looked up as listed under Click ID Sources.
     */
    msclkid?: string
    /**
     * Email address of the person who converted. It is normalised (trimmed, lower-cased, dots and +alias removed from the local part) and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
     */
    em?: string
    /**
     * Phone number of the person who converted, with its country code (for example +14255551234). It is formatted as E.164 and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
     */
    ph?: string
    /**
     * The visitor's anonymous id, by default the Segment anonymousId, so that an anonymous event is accepted. Microsoft matches it to ad clicks when it is the UET visitor id (the vid of Microsoft's ID-sync pixel): map that here where you have it.
     */
    anonymousId?: string
    /**
     * Your id for the person, by default the Segment userId.
     */
    externalId?: string
    /**
     * IP address of the browser.
     */
    clientIpAddress?: string
    /**
     * User agent of the browser.
     */
    clientUserAgent?: string
    /**
     * Apple advertising id.
     */
    idfa?: string
    /**
     * Google advertising id.
     */
    gaid?: string
  }
  /**
   * Where to look for the Microsoft Click ID when the Microsoft Click ID field is empty, in this order. Change a path if your site stores the click id elsewhere.
   */
  click_id_sources?: {
    /**
     * The msclkid a browser plugin put in the integrations object of the event.
     */
    integrations?: string
    /**
     * The msclkid event property.
     */
    properties?: string
    /**
     * A URL whose msclkid query parameter holds the click id, usually the landing page URL.
     */
    page_url?: string
    /**
     * The value of the msads_msclkid cookie that this package's browser module sets, else of the _uetmsclkid cookie that the UET tag sets (prefixes and suffixes are removed), when your source forwards cookies in context.cookies.
     */
    cookie?: string
  }
  /**
   * What happened: event details, revenue and e-commerce data. Items and hotel data are separate fields.
   */
  customData?: {
    /**
     * Category of the event (the event category of a UET goal).
     */
    eventCategory?: string
    /**
     * Label of the event (the event label of a UET goal).
     */
    eventLabel?: string
    /**
     * Value of the event (the event value of a UET goal).
     */
    eventValue?: number
    /**
     * What the person searched for.
     */
    searchTerm?: string
    /**
     * Your id for the order or lead, by default the order_id property. Two events of a batch with the same transaction id and conversion name are sent once.
     */
    transactionId?: string
    /**
     * Value of the conversion, a number of at least 0. By default the revenue property, else value, else total. When empty, Microsoft uses the value of the conversion goal.
     */
    value?: number
    /**
     * ISO 4217 code of the value, such as USD or EUR. When empty, Microsoft uses the currency of the conversion goal.
     */
    currency?: string
    /**
     * IDs of the products concerned.
     */
    itemIds?: string[]
    /**
     * Kind of page, for dynamic remarketing.
     */
    pageType?: string
    /**
     * Total value of the products, for dynamic remarketing.
     */
    ecommTotalValue?: number
    /**
     * Category of the products, for dynamic remarketing.
     */
    ecommCategory?: string
  }
  /**
   * The products concerned (customData.items), by default from the products property. Prices may have decimals.
   */
  items?: {
    /**
     * Product id.
     */
    id?: string
    /**
     * Product name.
     */
    name?: string
    /**
     * Unit price, for example 19.99.
     */
    price?: number
    /**
     * Number of units.
     */
    quantity?: number
  }[]
  /**
   * Hotel booking details (customData.hotelData).
   */
  hotelData?: {
    /**
     * Total price of the stay, for example 420.50.
     */
    totalPrice?: number
    /**
     * Price before taxes and fees.
     */
    basePrice?: number
    /**
     * YYYY-MM-DD.
     */
    checkinDate?: string
    /**
     * YYYY-MM-DD.
     */
    checkoutDate?: string
    /**
     * Number of nights.
     */
    lengthOfStay?: number
    /**
     * Your id of the hotel.
     */
    partnerHotelId?: string
    /**
     * Link of the booking.
     */
    bookingHref?: string
  }
  /**
   * Whether the person allowed advertising storage (Google-style ad_storage). When denied, the event is skipped and nothing is sent to Microsoft. By default read from context.consent.ad_storage, else from the Advertising category of Segment Consent Management (context.consent.categoryPreferences.Advertising); point it at your own category name (for example a OneTrust category id) if it differs. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_storage_consent?: string
  /**
   * Whether the person allowed their data to be sent for advertising (Google-style ad_user_data). When denied, hashed email and phone (and IP address and user agent for the Conversions API) are left out; a conversion with a click id is still sent. By default read from context.consent.ad_user_data, else from the Advertising category of Segment Consent Management. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_user_data_consent?: string
  /**
   * Sent with each request. When on, Microsoft records the valid events of a request and reports the invalid ones, each with its own status; when off, one invalid event makes Microsoft refuse the whole request and the other events are sent again.
   */
  continueOnValidationError?: boolean
  /**
   * Who sends the events, as Microsoft asks third parties to say. Sent with each request.
   */
  dataProvider?: string
  /**
   * Send events to Microsoft in batches. Microsoft recommends full batches; each event still gets its own status.
   */
  enable_batching?: boolean
  /**
   * Maximum number of events in one request to Microsoft (at most 1,000). Actual batches may be smaller.
   */
  batch_size?: number
}
