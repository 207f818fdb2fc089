import type { GlobalSetting } from '@segment/actions-core'
import { CONSENT_DEFAULT } from 'msads-conversions'
import type { ConsentState } from 'msads-conversions'

/** The consent default's choices, each under its label; the values and the default are the core's. */
const CONSENT_DEFAULT_LABELS: Record<ConsentState, string> = {
  denied: 'Denied: skip events without a consent signal',
  granted: 'Granted: send events without a consent signal'
}

/** The destination settings. Each description says where an admin finds the value. */
export const settingsFields: Record<string, GlobalSetting> = {
  customer_id: {
    label: 'Customer ID',
    description:
      'Numeric ID of the Microsoft Advertising customer (the manager of the account). Sign in at ui.ads.microsoft.com: it is the cid= number in the address bar, also shown under Settings > Accounts & Billing.',
    type: 'string',
    required: true
  },
  account_id: {
    label: 'Account ID',
    description:
      'Numeric ID of the ad account that receives the conversions: the aid= number in the address bar of ui.ads.microsoft.com, also shown under Settings > Accounts & Billing. Not the account number (such as F123ABCD).',
    type: 'string',
    required: true
  },
  developer_token: {
    label: 'Developer Token (self-hosting only)',
    description:
      "Leave empty in Segment: Segment's own developer token is used. Only when you run the destination yourself: your Microsoft Advertising API developer token, from the Developer Portal (developers.ads.microsoft.com > Account > Request Token). For the sandbox, Microsoft publishes the token BBD37VB98.",
    type: 'password'
  },
  client_id: {
    label: 'Client ID (self-hosting only)',
    description:
      'Leave empty in Segment: the OAuth connection supplies it. Only when you run the destination yourself (for example with msads serve): the Application (client) ID of your app registration in the Microsoft Entra admin center (App registrations > your app > Overview), registered as a Web app so it can hold a client secret.',
    type: 'string'
  },
  client_secret: {
    label: 'Client Secret (self-hosting only)',
    description:
      "Leave empty in Segment: the OAuth connection supplies it. Only when you run the destination yourself: a client secret of the same app registration (Certificates & secrets > New client secret). Paste the secret's Value, which is shown only once, not its Secret ID.",
    type: 'password'
  },
  oauth_refresh_token: {
    label: 'Refresh Token (self-hosting only)',
    description:
      'Leave empty in Segment: the OAuth connection keeps the token. Only when you run the destination yourself: the refresh token issued when a Microsoft Advertising user with access to the account signed in to your app and granted the scope https://ads.microsoft.com/msads.manage offline_access (for example with msads auth login).',
    type: 'password'
  },
  uet_tag_id: {
    label: 'UET Tag ID',
    description:
      'Numeric ID of the UET tag that receives Conversions API events, from Tools > UET tag in Microsoft Advertising. Needed only for the UET Conversions API Event action.',
    type: 'string'
  },
  uet_capi_token: {
    label: 'UET Conversions API Token',
    description:
      'The Conversions API token of the UET tag (UET tag > Edit > Set up tagging > Use Conversions API > Copy token). Leave empty to have the destination fetch it with the account credentials.',
    type: 'password'
  },
  environment: {
    label: 'Environment',
    description:
      "Production, or Sandbox for Microsoft's test environment (which needs sandbox credentials and the sandbox developer token).",
    type: 'string',
    required: true,
    choices: [
      { label: 'Production', value: 'production' },
      { label: 'Sandbox', value: 'sandbox' }
    ],
    default: 'production'
  },
  default_phone_country: {
    label: 'Default Phone Country',
    description:
      'Two-letter country code (such as US or GB) for phone numbers mapped without their international prefix, such as (425) 555-0100. Leave empty if every number starts with + and its country code; a number that cannot be read is rejected.',
    type: 'string'
  },
  consent_default: {
    label: 'Consent Default',
    description:
      'What to assume for events that carry no consent signal (no ad_storage or ad_user_data value and no Segment Consent Management category). Denied skips such events; choose it where opt-in consent is required (EEA, UK, Switzerland). Granted, the default, sends them. Any other value is a settings error: every event is rejected, naming this setting.',
    type: 'string',
    default: CONSENT_DEFAULT,
    choices: Object.entries(CONSENT_DEFAULT_LABELS).map(([value, label]) => ({ label, value }))
  }
}
