import { redirectReply, type EmulatorRequest, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { entraError, missingParameter } from './entra-error'
import { scopeGrantsAds } from './scope'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Native and command-line apps redirect to a loopback address, on any port. */
function isLoopback(uri: string): boolean {
  if (!URL.canParse(uri)) return false
  const url = new URL(uri)
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)
}

function back(redirectUri: string, params: Record<string, string | null>): Reply {
  const url = new URL(redirectUri)
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value)
  return redirectReply(url.toString())
}

/**
 * GET /{tenant}/oauth2/v2.0/authorize, as a test double: the seed's user signs in and consents at once, and the
 * browser is sent straight back to redirect_uri with a code (or an error) and the state.
 */
export function handleAuthorize(request: EmulatorRequest, state: EmulatorState): Reply {
  const query = request.query
  const clientId = query.get('client_id')
  if (!clientId) return missingParameter('client_id')
  if (clientId !== state.seed.credentials.clientId) {
    return entraError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory.`
    )
  }
  const redirectUri = query.get('redirect_uri')
  if (!redirectUri) return missingParameter('redirect_uri')
  if (!isLoopback(redirectUri)) {
    return entraError(
      400,
      'invalid_request',
      50011,
      `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application.`
    )
  }
  const stateParam = query.get('state')
  if (query.get('response_type') !== 'code') {
    return back(redirectUri, {
      error: 'unsupported_response_type',
      error_description: 'AADSTS700054: response_type must be code.',
      state: stateParam
    })
  }
  const scope = query.get('scope') ?? ''
  if (!scopeGrantsAds(scope)) {
    return back(redirectUri, {
      error: 'invalid_scope',
      error_description: `AADSTS70011: The provided value for the input parameter 'scope' is not valid.`,
      state: stateParam
    })
  }
  const challenge = query.get('code_challenge') ?? undefined
  const method = query.get('code_challenge_method') ?? undefined
  if (method && method !== 'S256' && method !== 'plain') {
    return back(redirectUri, {
      error: 'invalid_request',
      error_description: 'AADSTS501491: Invalid code_challenge_method.',
      state: stateParam
    })
  }
  const code = state.tokens.createCode(
    { clientId, redirectUri, scope, codeChallenge: challenge, codeChallengeMethod: method },
    state.now()
  )
  return back(redirectUri, { code, state: stateParam })
}
