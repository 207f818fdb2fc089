import { jsonReply, type EmulatorRequest, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { NO_STORE, entraError, missingParameter } from './entra-error'
import { grantedScope, scopeGrantsAds } from './scope'
import { verifierMatches } from './token-store'

const SUPPORTED_GRANTS = new Set(['refresh_token', 'authorization_code'])

function tokenReply(state: EmulatorState, clientId: string, scope: string): Reply {
  const { options } = state
  const issued = state.tokens.issue(
    clientId,
    state.now(),
    options.accessTokenLifetimeSeconds,
    options.refreshTokenLifetimeSeconds
  )
  return jsonReply(
    200,
    {
      token_type: 'Bearer',
      scope: grantedScope(scope),
      expires_in: issued.expiresIn,
      ext_expires_in: issued.expiresIn,
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken
    },
    NO_STORE
  )
}

function refreshGrant(form: URLSearchParams, clientId: string, state: EmulatorState): Reply {
  const refreshToken = form.get('refresh_token')
  if (!refreshToken) return missingParameter('refresh_token')
  const scope = form.get('scope')
  if (!scope)
    return entraError(400, 'invalid_scope', 70011, "The provided request must include a 'scope' input parameter.")
  if (!scopeGrantsAds(scope))
    return entraError(
      400,
      'invalid_scope',
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' does not include msads.manage.`
    )
  switch (state.tokens.checkRefresh(refreshToken, clientId, state.now())) {
    case 'expired':
      return entraError(
        400,
        'invalid_grant',
        700082,
        'The refresh token has expired due to inactivity. The token was issued on a date past the refresh token lifetime.'
      )
    case 'unknown':
    case 'revoked':
    case 'other_client':
      return entraError(
        400,
        'invalid_grant',
        70008,
        'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'
      )
    case 'valid':
      break
  }
  if (state.options.revokeRotatedRefreshTokens) state.tokens.revokeRefresh(refreshToken)
  state.tokens.refreshesIssued += 1
  return tokenReply(state, clientId, scope)
}

function codeGrant(form: URLSearchParams, clientId: string, state: EmulatorState): Reply {
  const value = form.get('code')
  if (!value) return missingParameter('code')
  const redirectUri = form.get('redirect_uri')
  if (!redirectUri) return missingParameter('redirect_uri')
  const code = state.tokens.code(value)
  if (!code || code.clientId !== clientId || code.expiresAt <= state.now()) {
    return entraError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'
    )
  }
  if (code.redeemed)
    return entraError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'
    )
  if (code.redirectUri !== redirectUri) {
    return entraError(
      400,
      'invalid_grant',
      70000,
      "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code."
    )
  }
  if (!verifierMatches(code, form.get('code_verifier'))) {
    return entraError(
      400,
      'invalid_grant',
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.'
    )
  }
  code.redeemed = true
  state.tokens.codesRedeemed += 1
  return tokenReply(state, clientId, form.get('scope') || code.scope)
}

/**
 * POST /{tenant}/oauth2/v2.0/token for a confidential client: the refresh-token grant (rotating the refresh
 * token) and the authorization-code grant. client_credentials cannot work for Microsoft Advertising.
 */
export function handleToken(request: EmulatorRequest, tenant: string, state: EmulatorState): Reply {
  const form = new URLSearchParams(request.body)
  const grant = form.get('grant_type')
  if (!grant) return missingParameter('grant_type')
  if (!SUPPORTED_GRANTS.has(grant)) {
    return entraError(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grant}'. Microsoft Advertising needs a signed-in user: use authorization_code, then refresh_token.`
    )
  }
  const clientId = form.get('client_id')
  if (!clientId) return missingParameter('client_id')
  const credentials = state.seed.credentials
  if (clientId !== credentials.clientId) {
    return entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`
    )
  }
  const secret = form.get('client_secret')
  if (!secret)
    return entraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
    )
  if (secret !== credentials.clientSecret) {
    return entraError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`
    )
  }
  return grant === 'refresh_token' ? refreshGrant(form, clientId, state) : codeGrant(form, clientId, state)
}
