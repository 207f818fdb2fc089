// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * Restate changes the value of a conversion; Retract cancels it (its count and value).
   */
  adjustment_type: string
  /**
   * Name of the conversion goal of the original conversion, exactly as it appears in Microsoft Advertising: an offline conversion goal, or a UET goal for conversions sent by the UET tag or the Conversions API.
   */
  conversion_name: string
  /**
   * The transaction id of the original conversion, by default the order_id property. With it, the adjustment applies to a conversion sent through the UET tag or the Conversions API (an online adjustment) unless Conversion Time and a click id, email or phone are also mapped.
   */
  transaction_id?: string
  /**
   * Time of the original offline conversion, exactly as it was sent: by default the conversion_time property, which a refund or order update carries as the timestamp of its Order Completed event. With it and the same click id, email or phone as the original, the adjustment applies to that offline conversion; when it is empty, to an online conversion by Transaction ID.
   */
  conversion_time?: string | number
  /**
   * When the change happened, by default the event timestamp. Not before the conversion, not in the future. Required: the same adjustment sent again must carry the same time, so it is never taken from the clock.
   */
  adjustment_time: string | number
  /**
   * The new value of the conversion, required for a Restate. By default the revenue property, else value, else total. Not used for a Retract.
   */
  adjustment_value?: number
  /**
   * ISO 4217 code of the value, such as USD or EUR. When empty, Microsoft uses the currency of the conversion goal.
   */
  currency?: string
  /**
   * The msclkid of the ad click that led to the conversion (32 hexadecimal characters). Leave empty to let the destination find it, in this order: the integrations object (filled by a browser plugin), properties.msclkid, the msclkid parameter of the page URL, then the _uetmsclkid cookie (see Click ID Sources). A value of the wrong shape is rejected, never replaced by another one.
   */
  microsoft_click_id?: string
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
   * Email address of the person who converted. It is normalised (trimmed, lower-cased, dots and +alias removed from the local part) and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
   */
  email?: string
  /**
   * Phone number of the person who converted, with its country code (for example +14255551234). It is formatted as E.164 and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
   */
  phone?: string
  /**
   * Whether the person allowed advertising storage (Google-style ad_storage). When denied, the event is skipped and nothing is sent to Microsoft. By default read from context.consent.ad_storage, else from the Advertising category of Segment Consent Management (context.consent.categoryPreferences.Advertising); point it at your own category name (for example a OneTrust category id) if it differs. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_storage_consent?: string
  /**
   * Whether the person allowed their data to be sent for advertising (Google-style ad_user_data). When denied, hashed email and phone (and IP address and user agent for the Conversions API) are left out; a conversion with a click id is still sent. By default read from context.consent.ad_user_data, else from the Advertising category of Segment Consent Management. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_user_data_consent?: string
  /**
   * Send events to Microsoft in batches. Microsoft recommends full batches; each event still gets its own status.
   */
  enable_batching?: boolean
  /**
   * Maximum number of events in one request to Microsoft (at most 1,000). Actual batches may be smaller.
   */
  batch_size?: number
}
