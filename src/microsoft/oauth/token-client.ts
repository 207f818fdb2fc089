import type { Environment } from '../endpoints'
import { requestTokens, type TokenRequestOptions, type TokenSet } from './token-endpoint'

export interface OAuthClientCredentials {
  clientId: string
  /** Web apps (confidential clients) only; a public client must not send one. */
  clientSecret?: string
  refreshToken: string
  environment?: Environment
}

/** The refresh-token grant at the Microsoft identity platform. client_credentials cannot work for Microsoft Ads. */
export async function refreshWithGrant(
  credentials: OAuthClientCredentials,
  options: TokenRequestOptions = {}
): Promise<TokenSet> {
  const { clientId, clientSecret, environment, refreshToken } = credentials
  return requestTokens(
    { clientId, clientSecret, environment, grant: { grant_type: 'refresh_token', refresh_token: refreshToken } },
    options
  )
}
