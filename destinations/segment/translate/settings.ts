import {
  checkCredentialFormats,
  INVALID_SETTINGS_REASON,
  parsePhoneCountry,
  plainText,
  rejected,
  registerSecret,
  type CampaignAuth,
  type CoreOptions,
  type CredentialField,
  type CredentialProblem,
  type CredentialValues,
  type Environment,
  type FieldNames,
  type OAuthClientCredentials,
  type Outcome
} from 'msads-conversions'
import type { Settings } from '../generated-types'

/** The OAuth values Segment's platform holds for an oauth2 destination (`auth`); any may be absent. */
export interface PlatformAuth {
  accessToken?: string
  refreshToken?: string
  clientId?: string
  clientSecret?: string
}

/** What the Campaign Management calls (offline conversions, adjustments, goals, the tag key) need. */
const ACCOUNT_CREDENTIALS: readonly CredentialField[] = ['customer_id', 'account_id', 'developer_token', 'environment']
const OAUTH_CLIENT: readonly CredentialField[] = ['client_id', 'client_secret', 'refresh_token']

/**
 * The credentials a Campaign Management call needs. With an access token from the platform, Segment refreshes it
 * itself (refreshAccessToken), so the OAuth client is not needed; without one, the destination mints its own.
 */
export function campaignCredentials(auth?: PlatformAuth): readonly CredentialField[] {
  return auth?.accessToken ? ACCOUNT_CREDENTIALS : [...ACCOUNT_CREDENTIALS, ...OAUTH_CLIENT]
}

const text = (value: unknown): string => plainText(value)?.trim() ?? ''

/**
 * The settings as the core's credential checks read them, trimmed (a pasted value often ends in a space). The
 * OAuth client and refresh token come from the platform when it has them, else from the self-hosting settings.
 */
export function credentialValues(settings: Settings, auth?: PlatformAuth): CredentialValues {
  return {
    customer_id: text(settings.customer_id),
    account_id: text(settings.account_id),
    developer_token: text(settings.developer_token),
    client_id: text(auth?.clientId) || text(settings.client_id),
    client_secret: text(auth?.clientSecret) || text(settings.client_secret),
    refresh_token: text(auth?.refreshToken) || text(settings.oauth_refresh_token),
    uet_tag_id: text(settings.uet_tag_id),
    uet_capi_token: text(settings.uet_capi_token),
    environment: text(settings.environment) || 'production'
  }
}

/** The setting an admin fixes for each credential the core names (the platform's OAuth connection has no setting). */
export function settingName(field: CredentialField, auth?: PlatformAuth): string {
  if (field === 'client_id' && text(auth?.clientId)) return 'the OAuth connection (client id)'
  if (field === 'client_secret' && text(auth?.clientSecret)) return 'the OAuth connection (client secret)'
  if (field === 'refresh_token')
    return text(auth?.refreshToken) ? 'the OAuth connection (reconnect it)' : 'oauth_refresh_token'
  return field
}

export function environmentOf(settings: Settings): Environment {
  return text(settings.environment) === 'sandbox' ? 'sandbox' : 'production'
}

/** The rejected outcome every event gets when the settings `required` by an action are missing or malformed. */
export function settingsOutcome(
  settings: Settings,
  required: readonly CredentialField[],
  auth?: PlatformAuth
): Outcome | undefined {
  const problems = checkCredentialFormats(credentialValues(settings, auth), required)
  if (!problems.length) return undefined
  const [first] = problems
  return rejected(
    INVALID_SETTINGS_REASON,
    `Check the destination settings: ${describeSettingsProblems(problems, auth)}`,
    {
      field: settingName(first.field, auth),
      rule: first.message === 'is required' ? 'required' : 'format'
    }
  )
}

/** One sentence naming every problem by the setting to fix, e.g. "account_id must be …; client_id is required." */
export function describeSettingsProblems(problems: readonly CredentialProblem[], auth?: PlatformAuth): string {
  return `${problems.map((problem) => `${settingName(problem.field, auth)} ${problem.message}`).join('; ')}.`
}

/**
 * `settingsOutcome` for the actions that send events, which also read the default phone country: a value that is
 * not a country rejects every event, rather than rejecting each national phone number later for a reason the
 * admin cannot see.
 */
export function eventSettingsOutcome(
  settings: Settings,
  required: readonly CredentialField[],
  auth?: PlatformAuth
): Outcome | undefined {
  const invalid = settingsOutcome(settings, required, auth)
  if (invalid) return invalid
  const { problem } = parsePhoneCountry(settings.default_phone_country)
  if (!problem) return undefined
  return rejected(INVALID_SETTINGS_REASON, `Check the destination settings: default_phone_country ${problem}.`, {
    field: 'default_phone_country',
    rule: 'format'
  })
}

/** Keeps the pasted secrets out of anything the core logs. */
export function registerSettingsSecrets(settings: Settings, auth?: PlatformAuth): void {
  const secrets = [
    settings.developer_token,
    settings.client_secret,
    settings.oauth_refresh_token,
    settings.uet_capi_token
  ]
  for (const value of [...secrets, auth?.accessToken, auth?.refreshToken, auth?.clientSecret])
    registerSecret(text(value))
}

/**
 * The OAuth client (the platform's, else the self-hosting settings'), with the refresh token to use: the one
 * given, else the newest the platform kept, else the pasted one.
 */
export function oauthCredentials(
  settings: Settings,
  auth?: PlatformAuth,
  refreshToken?: string
): OAuthClientCredentials {
  const values = credentialValues(settings, auth)
  return {
    clientId: values.client_id as string,
    clientSecret: (values.client_secret as string) || undefined,
    refreshToken: refreshToken || (values.refresh_token as string),
    environment: environmentOf(settings)
  }
}

export function campaignIdentity(settings: Settings): Omit<CampaignAuth, 'accessToken'> {
  const values = credentialValues(settings)
  return {
    developerToken: values.developer_token as string,
    customerId: values.customer_id as string,
    accountId: values.account_id as string
  }
}

/**
 * The admin's consent default. Its default is granted (see the setting), so a configuration without it, made
 * before it existed, keeps sending as it did. A value that is neither is read as denied, the safe reading.
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
    ...(text(settings.uet_tag_id) ? { uetTagId: text(settings.uet_tag_id) } : {}),
    ...(fieldNames ? { fieldNames } : {})
  }
}
