import { CREDENTIAL_FIELDS } from '../../microsoft/credential-formats'
import { SECRET_CREDENTIALS } from '../../microsoft/credential-requirements'
import { registerSecret } from '../../support/redact'

/** The destination settings, under the Segment destination's keys (the config file uses the same keys). */
export const SETTING_KEYS = [...CREDENTIAL_FIELDS, 'consent_default', 'default_phone_country'] as const

export type SettingKey = (typeof SETTING_KEYS)[number]
export type CliSettings = Partial<Record<SettingKey, string>>

/** The environment variable of each setting. */
export const SETTING_ENV: Record<SettingKey, string> = {
  customer_id: 'MSADS_CUSTOMER_ID',
  account_id: 'MSADS_ACCOUNT_ID',
  developer_token: 'MSADS_DEVELOPER_TOKEN',
  client_id: 'MSADS_CLIENT_ID',
  client_secret: 'MSADS_CLIENT_SECRET',
  refresh_token: 'MSADS_REFRESH_TOKEN',
  uet_tag_id: 'MSADS_UET_TAG_ID',
  uet_capi_token: 'MSADS_UET_CAPI_TOKEN',
  environment: 'MSADS_ENVIRONMENT',
  consent_default: 'MSADS_CONSENT_DEFAULT',
  default_phone_country: 'MSADS_DEFAULT_PHONE_COUNTRY'
}

/** Settings that are not credentials: the embedded emulator and the dry run keep them as the user gave them. */
export const NON_CREDENTIAL_KEYS: readonly SettingKey[] = ['environment', 'consent_default', 'default_phone_country']
/** The credentials whose presence means "talk to Microsoft" rather than "run on the embedded emulator". */
export const CREDENTIAL_KEYS: readonly SettingKey[] = SETTING_KEYS.filter((key) => !NON_CREDENTIAL_KEYS.includes(key))

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key)
}

/** Keeps every secret of these settings out of anything the package logs. */
export function registerSettingSecrets(settings: CliSettings): void {
  for (const key of SECRET_CREDENTIALS) registerSecret(settings[key])
}

export function hasCredentials(settings: CliSettings): boolean {
  return CREDENTIAL_KEYS.some((key) => Boolean(settings[key]))
}
