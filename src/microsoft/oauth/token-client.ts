import { z } from 'zod'
import type { Outcome } from '../../outcome'
import { registerSecret } from '../../support/redact'
import { outcomeForTransportError } from '../classify'
import { resolveEndpoints, type Environment } from '../endpoints'
import { fetchTransport, retryAfterSeconds, type HttpResponse, type Transport } from '../http'
import { outcomeForIdentityError } from './identity-errors'

export interface OAuthClientCredentials {
  clientId: string
  /** Web apps (confidential clients) only; a public client must not send one. */
  clientSecret?: string
  refreshToken: string
  environment?: Environment
}

export interface TokenSet {
  accessToken: string
  /** Microsoft rotates the refresh token on every refresh: keep this one, discard the old. */
  refreshToken: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/** A failed refresh, classified. The message is safe to show: it never holds a token or secret. */
export class OAuthError extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.message)
    this.name = 'OAuthError'
  }
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
  token_type: z.string().optional(),
  scope: z.string().optional()
})

const ErrorResponse = z
  .object({ error: z.string().optional(), error_description: z.string().optional(), error_codes: z.array(z.number()).optional() })
  .passthrough()

/** The refresh-token grant at the Microsoft identity platform. client_credentials cannot work for Microsoft Ads. */
export async function refreshWithGrant(
  credentials: OAuthClientCredentials,
  options: { transport?: Transport; now?: () => number; timeoutMs?: number } = {}
): Promise<TokenSet> {
  const endpoints = resolveEndpoints(credentials.environment ?? 'production')
  const form = new URLSearchParams({
    client_id: credentials.clientId,
    grant_type: 'refresh_token',
    refresh_token: credentials.refreshToken,
    scope: endpoints.scope
  })
  if (credentials.clientSecret) form.set('client_secret', credentials.clientSecret)
  registerSecret(credentials.refreshToken)
  registerSecret(credentials.clientSecret)

  const transport = options.transport ?? fetchTransport
  let response
  try {
    response = await transport({
      method: 'POST',
      url: endpoints.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
      timeoutMs: options.timeoutMs ?? 15_000
    })
  } catch (error) {
    throw new OAuthError(outcomeForTransportError(error))
  }

  return tokensFromResponse(response, credentials.refreshToken, options.now)
}

/**
 * The identity platform's answer to a token request (any grant) as a TokenSet, or an OAuthError with the classified
 * outcome. `previousRefreshToken` is kept when the answer carries no new one.
 */
export function tokensFromResponse(response: HttpResponse, previousRefreshToken: string | undefined, now: () => number = Date.now): TokenSet {
  let json: unknown
  try {
    json = response.body ? JSON.parse(response.body) : {}
  } catch {
    json = {}
  }
  if (response.status >= 200 && response.status < 300) {
    const parsed = TokenResponse.safeParse(json)
    const refreshToken = parsed.success ? (parsed.data.refresh_token ?? previousRefreshToken) : undefined
    if (parsed.success && refreshToken) {
      const expiresIn = Number(parsed.data.expires_in ?? 3600)
      const tokens: TokenSet = {
        accessToken: parsed.data.access_token,
        refreshToken,
        expiresAt: now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1000
      }
      registerSecret(tokens.accessToken)
      registerSecret(tokens.refreshToken)
      return tokens
    }
    throw new OAuthError({
      outcome: 'retry',
      reason: 'unreadable_token_response',
      status: 502,
      message: parsed.success ? 'The identity platform answered without a refresh token; request the offline_access scope.' : 'The identity platform answered without an access token.'
    })
  }
  const error = ErrorResponse.safeParse(json)
  throw new OAuthError(outcomeForIdentityError(response.status, error.success ? error.data : {}, retryAfterSeconds(response.headers)))
}
