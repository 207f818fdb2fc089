import { ErrorCodes, InvalidAuthenticationError, RetryableError } from '@segment/actions-core'
import type { RefreshAccessTokenResult, RequestClient } from '@segment/actions-core'
import { credentialsAtFault, describeOutcome, refreshWithGrant, requiredCredentials } from 'msads-conversions'
import type { Outcome } from 'msads-conversions'
import type { Settings } from '../generated-types'
import { outcomeOfError } from '../translate/outcome'
import { oauthCredentials, settingName, settingsOutcome } from '../translate/settings'
import type { PlatformAuth } from '../translate/settings'
import { requestTransport } from '../translate/transport'

interface RefreshInput {
  settings: Settings
  auth?: PlatformAuth
}

function refreshError(outcome: Outcome, auth?: PlatformAuth): Error {
  if (outcome.outcome === 'retry') return new RetryableError(describeOutcome(outcome), 503)
  const fields = credentialsAtFault('token', outcome)
  const check = fields.length ? `check ${fields.map((field) => settingName(field, auth)).join(' or ')}. ` : ''
  const code = fields.includes('refresh_token') ? ErrorCodes.REFRESH_TOKEN_EXPIRED : ErrorCodes.OAUTH_REFRESH_FAILED
  return new InvalidAuthenticationError(
    `Could not refresh the Microsoft Advertising access token: ${check}${describeOutcome(outcome)}`,
    code
  )
}

/**
 * The refresh-token grant (the core's), returning Microsoft's rotated refresh token for Segment to keep. The
 * OAuth client is the platform's (auth.clientId, auth.clientSecret), else the self-hosting settings'. The
 * platform's newest refresh token is tried first; if Microsoft refuses it and a self-hosting refresh token is
 * set, that one is tried too.
 */
export async function refreshAccessToken(
  request: RequestClient,
  { settings, auth }: RefreshInput
): Promise<RefreshAccessTokenResult> {
  const stored = auth?.refreshToken?.trim()
  const pasted = settings.oauth_refresh_token?.trim()
  // The platform's refresh token, when it has one, stands in for the pasted one (credentialValues).
  const invalid = settingsOutcome(settings, requiredCredentials('token_refresh'), auth)
  if (invalid) throw new InvalidAuthenticationError(invalid.message, ErrorCodes.OAUTH_REFRESH_FAILED)

  const transport = requestTransport(request)
  const candidates = [...new Set([stored, pasted].filter((token): token is string => Boolean(token)))]
  let failure: Outcome | undefined
  for (const refreshToken of candidates) {
    try {
      const tokens = await refreshWithGrant(oauthCredentials(settings, auth, refreshToken), { transport })
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }
    } catch (error) {
      failure = outcomeOfError(error)
      if (!credentialsAtFault('token', failure).includes('refresh_token')) break
    }
  }
  throw refreshError(failure as Outcome, auth)
}
