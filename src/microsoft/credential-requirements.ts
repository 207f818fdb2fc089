import type { CredentialField } from './credential-formats'

/** What every Campaign Management and Bulk call carries besides its access token. */
export const ACCOUNT_CREDENTIALS: readonly CredentialField[] = [
  'customer_id',
  'account_id',
  'developer_token',
  'environment'
]

/** What minting an access token takes: the app registration and the refresh token its user's sign-in issued. */
export const OAUTH_CREDENTIALS: readonly CredentialField[] = ['client_id', 'client_secret', 'refresh_token']

/** The credentials that are secrets: every host registers them, so no log line, message or snapshot repeats one. */
export const SECRET_CREDENTIALS: readonly CredentialField[] = [
  'developer_token',
  'client_secret',
  'refresh_token',
  'uet_capi_token'
]

/** The jobs that need credentials: a Campaign Management (or Bulk) call, a UET Conversions API event, a token refresh. */
export type CredentialJob = 'campaign' | 'uet_capi' | 'token_refresh'

/** What a host already holds, which spares the settings that would otherwise provide it. */
export interface HeldCredentials {
  /** An access token the host keeps fresh itself (Segment's OAuth connection): no token is minted here. */
  accessToken?: boolean
  /** The UET tag's Conversions API token: without it, the tag's key is fetched with the account's credentials. */
  capiToken?: boolean
}

/** The credentials a job needs, given what the host already holds. */
export function requiredCredentials(job: CredentialJob, held: HeldCredentials = {}): CredentialField[] {
  switch (job) {
    case 'token_refresh':
      return [...OAUTH_CREDENTIALS]
    case 'campaign':
      return held.accessToken ? [...ACCOUNT_CREDENTIALS] : [...ACCOUNT_CREDENTIALS, ...OAUTH_CREDENTIALS]
    case 'uet_capi':
      return held.capiToken ? ['uet_tag_id'] : ['uet_tag_id', ...requiredCredentials('campaign', held)]
  }
}
