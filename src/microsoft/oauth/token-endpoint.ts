import { z } from 'zod'
import type { Outcome } from '../../outcome'
import { registerSecret } from '../../support/redact'
import { outcomeForTransportError } from '../classify'
import { resolveEndpoints, type Environment } from '../endpoints'
import { fetchTransport } from '../fetch-transport'
import { retryAfterSeconds, type HttpResponse, type Transport } from '../http'
import { outcomeForIdentityError } from './identity-errors'

export interface TokenSet {
  accessToken: string
  /** Microsoft rotates the refresh token on every refresh: keep this one, discard the old. */
  refreshToken: string
  /** Epoch milliseconds. */
  expiresAt: number
}

/** A failed token request, classified. The message is safe to show: it never holds a token or secret. */
export class OAuthError extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.message)
    this.name = 'OAuthError'
  }
}

/** The two grants Microsoft Advertising accepts: the sign-in's code (with PKCE) and the refresh token it issued. */
export type TokenGrant =
  | { grant_type: 'authorization_code'; code: string; redirect_uri: string; code_verifier: string }
  | { grant_type: 'refresh_token'; refresh_token: string }

export interface TokenRequest {
  clientId: string
  /** Web apps (confidential clients) only; a public client must not send one. */
  clientSecret?: string
  environment?: Environment
  grant: TokenGrant
}

export interface TokenRequestOptions {
  transport?: Transport
  now?: () => number
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 15_000

/**
 * One POST to the Microsoft identity platform's token endpoint, for either grant, with the environment's Microsoft
 * Advertising scope. Every secret it sends is registered before it leaves, so no log line can repeat it.
 */
export async function requestTokens(request: TokenRequest, options: TokenRequestOptions = {}): Promise<TokenSet> {
  const endpoints = resolveEndpoints(request.environment ?? 'production')
  const { grant } = request
  const form = new URLSearchParams({ client_id: request.clientId, ...grant, scope: endpoints.scope })
  if (request.clientSecret) form.set('client_secret', request.clientSecret)
  registerSecret(grant.grant_type === 'refresh_token' ? grant.refresh_token : grant.code)
  registerSecret(request.clientSecret)

  let response
  try {
    response = await (options.transport ?? fetchTransport)({
      method: 'POST',
      url: endpoints.tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    })
  } catch (error) {
    throw new OAuthError(outcomeForTransportError(error))
  }
  const previousRefreshToken = grant.grant_type === 'refresh_token' ? grant.refresh_token : undefined
  return tokensFromResponse(response, previousRefreshToken, options.now)
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
  token_type: z.string().optional(),
  scope: z.string().optional()
})

const ErrorResponse = z
  .object({
    error: z.string().optional(),
    error_description: z.string().optional(),
    error_codes: z.array(z.number()).optional()
  })
  .passthrough()

/**
 * The identity platform's answer to a token request (any grant) as a TokenSet, or an OAuthError with the classified
 * outcome. `previousRefreshToken` is kept when the answer carries no new one.
 */
export function tokensFromResponse(
  response: HttpResponse,
  previousRefreshToken: string | undefined,
  now: () => number = Date.now
): TokenSet {
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
      message: parsed.success
        ? 'The identity platform answered without a refresh token; request the offline_access scope.'
        : 'The identity platform answered without an access token.'
    })
  }
  const error = ErrorResponse.safeParse(json)
  throw new OAuthError(
    outcomeForIdentityError(response.status, error.success ? error.data : {}, retryAfterSeconds(response.headers))
  )
}
