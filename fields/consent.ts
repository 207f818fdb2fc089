import type { InputField } from '@segment/actions-core'

const ACCEPTED_VALUES =
  'Accepted values: granted or denied (also true/false, G/D, yes/no). When the event carries no value, the Consent Default setting applies.'

function specificThenCategory(specific: string, category: string): object {
  return { '@if': { exists: { '@path': specific }, then: { '@path': specific }, else: { '@path': category } } }
}

// Segment's Consent Management writes booleans per category; "Advertising" is the usual name for ad use.
const ADVERTISING_CATEGORY = '$.context.consent.categoryPreferences.Advertising'

/** ad_storage: may this event be used for advertising at all? Denied means nothing is sent. */
export const adStorageConsent: InputField = {
  label: 'Ad Storage Consent',
  description: `Whether the person allowed advertising storage (Google-style ad_storage). When denied, the event is skipped and nothing is sent to Microsoft. By default read from context.consent.ad_storage, else from the Advertising category of Segment Consent Management (context.consent.categoryPreferences.Advertising); point it at your own category name (for example a OneTrust category id) if it differs. ${ACCEPTED_VALUES}`,
  type: 'string',
  default: specificThenCategory('$.context.consent.ad_storage', ADVERTISING_CATEGORY)
}

/** ad_user_data: may personal data (hashed email and phone, IP, user agent) be sent? */
export const adUserDataConsent: InputField = {
  label: 'Ad User Data Consent',
  description: `Whether the person allowed their data to be sent for advertising (Google-style ad_user_data). When denied, hashed email and phone (and IP address and user agent for the Conversions API) are left out; a conversion with a click id is still sent. By default read from context.consent.ad_user_data, else from the Advertising category of Segment Consent Management. ${ACCEPTED_VALUES}`,
  type: 'string',
  default: specificThenCategory('$.context.consent.ad_user_data', ADVERTISING_CATEGORY)
}
