import {
  checkCredentialFormats,
  INVALID_SETTINGS_REASON,
  parseConsentDefault,
  parsePhoneCountry,
  plainText,
  rejected,
  registerSecret,
  requiredCredentials,
  SECRET_CREDENTIALS
} from 'msads-conversions'
import type {
  CampaignAuth,
  CoreOptions,
  CredentialField,
  CredentialProblem,
  CredentialValues,
  Environment,
  FieldNames,
  OAuthClientCredentials,
  Outcome
} from 'msads-conversions'
import type { Settings } from '../generated-types'
import { DEVELOPER_TOKEN_ENV } from '../constants'

/** The OAuth values Segment's platform holds for an oauth2 destination (`auth`); any may be absent. */
export interface PlatformAuth {
  accessToken?: string
  refreshToken?: string
  clientId?: string
  clientSecret?: string
}

/**
 * The credentials a Campaign Management call (offline conversions, adjustments, goals, the tag key) needs. With an
 * access token from the platform, Segment refreshes it itself (refreshAccessToken), so the OAuth client is not
 * needed; without one, the destination mints its own.
 */
export function campaignCredentials(auth?: PlatformAuth): readonly CredentialField[] {
  return requiredCredentials('campaign', { accessToken: Boolean(auth?.accessToken) })
}

const text = (value: unknown): string => plainText(value)?.trim() ?? ''

/**
 * The settings as the core's credential checks read them, trimmed (a pasted value often ends in a space). The
 * OAuth client, refresh token and developer token come from the platform when it has them (the developer token from
 * Segment's environment), else from the self-hosting settings.
 */
export function credentialValues(settings: Settings, auth?: PlatformAuth): CredentialValues {
  return {
    customer_id: text(settings.customer_id),
    account_id: text(settings.account_id),
    developer_token: text(process.env[DEVELOPER_TOKEN_ENV]) || text(settings.developer_token),
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

/** The rejected outcome of a setting outside the credentials that the core's rule refuses. */
function settingProblemOutcome(setting: string, problem: string): Outcome {
  return rejected(INVALID_SETTINGS_REASON, `Check the destination settings: ${setting} ${problem}.`, {
    field: setting,
    rule: 'format'
  })
}

/**
 * `settingsOutcome` for the actions that send events, which also read the default phone country and the consent
 * default: a value the core refuses rejects every event, rather than rejecting each national phone number later for
 * a reason the admin cannot see, or reading an unknown consent default as either choice.
 */
export function eventSettingsOutcome(
  settings: Settings,
  required: readonly CredentialField[],
  auth?: PlatformAuth
): Outcome | undefined {
  const invalid = settingsOutcome(settings, required, auth)
  if (invalid) return invalid
  const phone = parsePhoneCountry(settings.default_phone_country).problem
  if (phone) return settingProblemOutcome('default_phone_country', phone)
  const consent = parseConsentDefault(settings.consent_default).problem
  if (consent) return settingProblemOutcome('consent_default', consent)
  return undefined
}

/** Keeps the pasted secrets out of anything the core logs. */
export function registerSettingsSecrets(settings: Settings, auth?: PlatformAuth): void {
  const values = credentialValues(settings)
  const secrets = SECRET_CREDENTIALS.map((field) => values[field])
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

export function coreOptions(settings: Settings, fieldNames?: FieldNames): CoreOptions {
  const { country } = parsePhoneCountry(settings.default_phone_country)
  return {
    // eventSettingsOutcome has refused a consent default the core cannot read before any event gets here.
    consentDefault: parseConsentDefault(settings.consent_default).consentDefault,
    ...(country ? { defaultPhoneCountry: country } : {}),
    ...(text(settings.uet_tag_id) ? { uetTagId: text(settings.uet_tag_id) } : {}),
    ...(fieldNames ? { fieldNames } : {})
  }
}
