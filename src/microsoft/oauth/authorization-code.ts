import { createHash, randomBytes } from 'crypto'
import { resolveEndpoints, type Environment } from '../endpoints'
import { requestTokens, type TokenRequestOptions, type TokenSet } from './token-endpoint'

/** The sign-in of a Microsoft Advertising user (authorization code grant with PKCE), which issues the first refresh token. */
export interface AuthorizationRequest {
  clientId: string
  redirectUri: string
  environment?: Environment
  /** Echoed back on the redirect; compare it to refuse a code that was not asked for. */
  state: string
  /** PKCE: the verifier stays here, its S256 challenge goes into the URL. */
  codeVerifier: string
}

function base64Url(buffer: Buffer): string {
  return buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A fresh state and PKCE verifier for one sign-in. */
export function newAuthorizationRequest(
  clientId: string,
  redirectUri: string,
  environment?: Environment
): AuthorizationRequest {
  return {
    clientId,
    redirectUri,
    environment,
    state: base64Url(randomBytes(16)),
    codeVerifier: base64Url(randomBytes(32))
  }
}

export function pkceChallenge(verifier: string): string {
  return base64Url(createHash('sha256').update(verifier).digest())
}

/** The consent URL to open in a browser: the authorize endpoint with the Microsoft Advertising scope. */
export function authorizeUrl(request: AuthorizationRequest): string {
  const endpoints = resolveEndpoints(request.environment ?? 'production')
  const url = new URL(endpoints.authorizeUrl)
  url.searchParams.set('client_id', request.clientId)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('redirect_uri', request.redirectUri)
  url.searchParams.set('response_mode', 'query')
  url.searchParams.set('scope', endpoints.scope)
  url.searchParams.set('state', request.state)
  url.searchParams.set('code_challenge', pkceChallenge(request.codeVerifier))
  url.searchParams.set('code_challenge_method', 'S256')
  url.searchParams.set('prompt', 'select_account')
  return url.toString()
}

export class AuthorizationRedirectError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AuthorizationRedirectError'
  }
}

/**
 * The code from what the user pasted: the code itself, or the whole redirect URL (whose state must match and
 * whose error, if any, is reported in plain words).
 */
export function codeFromRedirect(pasted: string, expectedState: string): string {
  const text = pasted.trim()
  if (!/^https?:\/\//i.test(text)) {
    if (!text) throw new AuthorizationRedirectError('No code was given.')
    return text
  }
  const url = new URL(text)
  const params = url.searchParams
  const error = params.get('error')
  if (error) {
    throw new AuthorizationRedirectError(
      `The sign-in failed: ${error}${params.get('error_description') ? `: ${params.get('error_description')}` : ''}`
    )
  }
  const state = params.get('state')
  if (state !== expectedState)
    throw new AuthorizationRedirectError(
      'The redirect URL is not the answer to this sign-in (its state does not match); start again.'
    )
  const code = params.get('code')
  if (!code) throw new AuthorizationRedirectError('The redirect URL has no code parameter.')
  return code
}

/** Redeems the code at the token endpoint (authorization_code grant); the answer holds the first refresh token. */
export async function exchangeAuthorizationCode(
  request: AuthorizationRequest & { clientSecret?: string; code: string },
  options: TokenRequestOptions = {}
): Promise<TokenSet> {
  const { clientId, clientSecret, environment, code, redirectUri, codeVerifier } = request
  const grant = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: codeVerifier
  } as const
  return requestTokens({ clientId, clientSecret, environment, grant }, options)
}
