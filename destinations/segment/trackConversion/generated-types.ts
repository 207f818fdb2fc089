// Generated file. DO NOT MODIFY IT BY HAND.

export interface Payload {
  /**
   * Name of an offline conversion goal of the account, exactly as it appears in Microsoft Advertising (Tools > Conversion goals). Pick one from the list, or type a name.
   */
  conversion_name: string
  /**
   * When the conversion happened, by default the event timestamp. Any ISO-8601 time or epoch is read (without a zone it is UTC). Microsoft accepts the last 90 days, not the future, and not before the click.
   */
  conversion_time: string | number
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
   * Value of the conversion, a number of at least 0. By default the revenue property, else value, else total. When empty, Microsoft uses the value of the conversion goal.
   */
  conversion_value?: number
  /**
   * ISO 4217 code of the value, such as USD or EUR. When empty, Microsoft uses the currency of the conversion goal.
   */
  currency?: string
  /**
   * Email address of the person who converted. It is normalised (trimmed, lower-cased, dots and +alias removed from the local part) and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
   */
  email?: string
  /**
   * Phone number of the person who converted, with its country code (for example +14255551234). It is formatted as E.164 and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.
   */
  phone?: string
  /**
   * Name of your own attribution model, for goals set up for external attribution (an API-only goal setting). Leave empty otherwise.
   */
  external_attribution_model?: string
  /**
   * The share of the conversion credited to this click by your model: more than 0 and at most 1. Only with External Attribution Model.
   */
  external_attribution_credit?: number
  /**
   * Whether the person allowed advertising storage (Google-style ad_storage). When denied, the event is skipped and nothing is sent to Microsoft. By default read from context.consent.ad_storage, else from the Advertising category of Segment Consent Management (context.consent.categoryPreferences.Advertising); point it at your own category name (for example a OneTrust category id) if it differs. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_storage_consent?: string
  /**
   * Whether the person allowed their data to be sent for advertising (Google-style ad_user_data). When denied, hashed email and phone (and IP address and user agent for the Conversions API) are left out; a conversion with a click id is still sent. By default read from context.consent.ad_user_data, else from the Advertising category of Segment Consent Management. Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.
   */
  ad_user_data_consent?: string
  /**
   * Your id for the order or lead, by default the order_id property. Two events of a batch with the same transaction id and conversion name are sent once.
   */
  transaction_id?: string
  /**
   * Send events to Microsoft in batches. Microsoft recommends full batches; each event still gets its own status.
   */
  enable_batching?: boolean
  /**
   * Maximum number of events in one request to Microsoft (at most 1,000). Actual batches may be smaller.
   */
  batch_size?: number
}
// Generated file. DO NOT MODIFY IT BY HAND.

export interface OnMappingSaveInputs {
  /**
   * Name of the offline conversion goal; use the same name in the Conversion Name field of the mapping.
   */
  conversion_name: string
  /**
   * What the conversion is, as Microsoft Advertising categorises goals.
   */
  goal_category?: string
  /**
   * How long after the ad click a conversion still counts, from 1 to 90 days. Offline conversions can be uploaded up to 90 days after the click.
   */
  conversion_window_days?: number
}
// Generated file. DO NOT MODIFY IT BY HAND.

export interface OnMappingSaveOutputs {
  /**
   * ID of the offline conversion goal.
   */
  goal_id: string
  /**
   * Name of the offline conversion goal.
   */
  conversion_name: string
  /**
   * Whether the goal was created when the mapping was saved.
   */
  created: boolean
}
