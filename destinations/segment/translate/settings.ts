import {
  checkCredentialFormats,
  INVALID_SETTINGS_REASON,
  invalidSettingsOutcome,
  parsePhoneCountry,
  rejected,
  registerSecret,
  type CampaignAuth,
  type CoreOptions,
  type CredentialField,
  type CredentialValues,
  type Environment,
  type FieldNames,
  type OAuthClientCredentials,
  type Outcome
} from 'msads-conversions'
import type { Settings } from '../generated-types'

/** What the Campaign Management calls (offline conversions, adjustments, goals, the tag key) need. */
export const CAMPAIGN_CREDENTIALS: readonly CredentialField[] = [
  'customer_id',
  'account_id',
  'developer_token',
  'client_id',
  'client_secret',
  'refresh_token',
  'environment'
]

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value))

/** The settings as the core's credential checks read them, trimmed (a pasted value often ends in a space). */
export function credentialValues(settings: Settings): CredentialValues {
  return {
    customer_id: text(settings.customer_id),
    account_id: text(settings.account_id),
    developer_token: text(settings.developer_token),
    client_id: text(settings.client_id),
    client_secret: text(settings.client_secret),
    refresh_token: text(settings.refresh_token),
    uet_tag_id: text(settings.uet_tag_id),
    uet_capi_token: text(settings.uet_capi_token),
    environment: text(settings.environment) || 'production'
  }
}

export function environmentOf(settings: Settings): Environment {
  return text(settings.environment) === 'sandbox' ? 'sandbox' : 'production'
}

/** The rejected outcome every event gets when the settings `required` by an action are missing or malformed. */
export function settingsOutcome(settings: Settings, required: readonly CredentialField[]): Outcome | undefined {
  const problems = checkCredentialFormats(credentialValues(settings), required)
  return problems.length ? invalidSettingsOutcome(problems) : undefined
}

/**
 * `settingsOutcome` for the actions that send events, which also read the default phone country: a value that is
 * not a country rejects every event, rather than rejecting each national phone number later for a reason the
 * admin cannot see.
 */
export function eventSettingsOutcome(settings: Settings, required: readonly CredentialField[]): Outcome | undefined {
  const invalid = settingsOutcome(settings, required)
  if (invalid) return invalid
  const { problem } = parsePhoneCountry(settings.default_phone_country)
  if (!problem) return undefined
  return rejected(INVALID_SETTINGS_REASON, `Check the destination settings: default_phone_country ${problem}.`, {
    field: 'default_phone_country',
    rule: 'format'
  })
}

/** Keeps the pasted secrets out of anything the core logs. */
export function registerSettingsSecrets(settings: Settings): void {
  for (const value of [settings.developer_token, settings.client_secret, settings.refresh_token, settings.uet_capi_token]) registerSecret(text(value))
}

/** The OAuth client of the settings, with the refresh token to use (the newest the platform kept, else the pasted one). */
export function oauthCredentials(settings: Settings, refreshToken?: string): OAuthClientCredentials {
  const values = credentialValues(settings)
  return {
    clientId: values.client_id as string,
    clientSecret: (values.client_secret as string) || undefined,
    refreshToken: refreshToken || (values.refresh_token as string),
    environment: environmentOf(settings)
  }
}

export function campaignIdentity(settings: Settings): Omit<CampaignAuth, 'accessToken'> {
  const values = credentialValues(settings)
  return { developerToken: values.developer_token as string, customerId: values.customer_id as string, accountId: values.account_id as string }
}

/**
 * The admin's consent default. The setting is required in Segment's UI, so it is absent only in configurations
 * made before it existed (and in tests); those keep sending, as they did. A value that is neither is read as
 * denied, the safe reading.
 */
function consentDefaultOf(value: unknown): 'granted' | 'denied' {
  const choice = text(value).toLowerCase()
  return choice === '' || choice === 'granted' ? 'granted' : 'denied'
}

export function coreOptions(settings: Settings, fieldNames?: FieldNames): CoreOptions {
  const { country } = parsePhoneCountry(settings.default_phone_country)
  return {
    consentDefault: consentDefaultOf(settings.consent_default),
    ...(country ? { defaultPhoneCountry: country } : {}),
    ...(fieldNames ? { fieldNames } : {})
  }
}
