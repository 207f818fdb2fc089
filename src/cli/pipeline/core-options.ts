import { parseConsentDefault } from '../../conversions/consent-default'
import type { FieldNames } from '../../conversions/input-error'
import type { CoreOptions } from '../../conversions/inputs'
import { parsePhoneCountry } from '../../conversions/phone'
import type { CliSettings } from '../config/settings'

/**
 * The core's options from the command line's settings (consent default, default phone country, UET tag), built in
 * this one place for the CSV source; the Segment and RudderStack sources build theirs with their destination's rules.
 */
export function cliCoreOptions(settings: CliSettings, fieldNames?: FieldNames, now?: () => number): CoreOptions {
  const { country } = parsePhoneCountry(settings.default_phone_country)
  const tag = typeof settings.uet_tag_id === 'string' ? settings.uet_tag_id.trim() : ''
  return {
    consentDefault: parseConsentDefault(settings.consent_default).consentDefault,
    ...(country ? { defaultPhoneCountry: country } : {}),
    ...(tag ? { uetTagId: tag } : {}),
    ...(fieldNames ? { fieldNames } : {}),
    ...(now ? { now } : {})
  }
}
