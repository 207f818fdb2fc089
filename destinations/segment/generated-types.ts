// Generated file. DO NOT MODIFY IT BY HAND.

export interface Settings {
  /**
   * Numeric ID of the Microsoft Advertising customer (the manager of the account). Sign in at ui.ads.microsoft.com: it is the cid= number in the address bar, also shown under Settings > Accounts & Billing.
   */
  customer_id: string
  /**
   * Numeric ID of the ad account that receives the conversions: the aid= number in the address bar of ui.ads.microsoft.com, also shown under Settings > Accounts & Billing. Not the account number (such as F123ABCD).
   */
  account_id: string
  /**
   * Leave empty in Segment: Segment's own developer token is used. Only when you run the destination yourself: your Microsoft Advertising API developer token, from the Developer Portal (developers.ads.microsoft.com > Account > Request Token). For the sandbox, Microsoft publishes the token BBD37VB98.
   */
  developer_token?: string
  /**
   * Leave empty in Segment: the OAuth connection supplies it. Only when you run the destination yourself (for example with msads serve): the Application (client) ID of your app registration in the Microsoft Entra admin center (App registrations > your app > Overview), registered as a Web app so it can hold a client secret.
   */
  client_id?: string
  /**
   * Leave empty in Segment: the OAuth connection supplies it. Only when you run the destination yourself: a client secret of the same app registration (Certificates & secrets > New client secret). Paste the secret's Value, which is shown only once, not its Secret ID.
   */
  client_secret?: string
  /**
   * Leave empty in Segment: the OAuth connection keeps the token. Only when you run the destination yourself: the refresh token issued when a Microsoft Advertising user with access to the account signed in to your app and granted the scope https://ads.microsoft.com/msads.manage offline_access (for example with msads auth login).
   */
  oauth_refresh_token?: string
  /**
   * Numeric ID of the UET tag that receives Conversions API events, from Tools > UET tag in Microsoft Advertising. Needed only for the UET Conversions API Event action.
   */
  uet_tag_id?: string
  /**
   * The Conversions API token of the UET tag (UET tag > Edit > Set up tagging > Use Conversions API > Copy token). Leave empty to have the destination fetch it with the account credentials.
   */
  uet_capi_token?: string
  /**
   * Production, or Sandbox for Microsoft's test environment (which needs sandbox credentials and the sandbox developer token).
   */
  environment: string
  /**
   * Two-letter country code (such as US or GB) for phone numbers mapped without their international prefix, such as (425) 555-0100. Leave empty if every number starts with + and its country code; a number that cannot be read is rejected.
   */
  default_phone_country?: string
  /**
   * What to assume for events that carry no consent signal (no ad_storage or ad_user_data value and no Segment Consent Management category). Denied skips such events; choose it where opt-in consent is required (EEA, UK, Switzerland). Granted, the default, sends them. Any other value is a settings error: every event is rejected, naming this setting.
   */
  consent_default?: string
}
