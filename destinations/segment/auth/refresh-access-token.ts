import {
  ErrorCodes,
  InvalidAuthenticationError,
  RetryableError,
  type RefreshAccessTokenResult,
  type RequestClient
} from '@segment/actions-core'
import { credentialsAtFault, refreshWithGrant, type CredentialField, type Outcome } from 'msads-conversions'
import type { Settings } from '../generated-types'
import { describeOutcome, outcomeOfError } from '../translate/outcome'
import { credentialValues, oauthCredentials, settingsOutcome } from '../translate/settings'
import { requestTransport } from '../translate/transport'

interface RefreshInput {
  settings: Settings
  auth?: { refreshToken?: string }
}

function refreshError(outcome: Outcome): Error {
  if (outcome.outcome === 'retry') return new RetryableError(describeOutcome(outcome), 503)
  const fields = credentialsAtFault('token', outcome)
  const check = fields.length ? `check ${fields.join(' or ')}. ` : ''
  const code = fields.includes('refresh_token') ? ErrorCodes.REFRESH_TOKEN_EXPIRED : ErrorCodes.OAUTH_REFRESH_FAILED
  return new InvalidAuthenticationError(`Could not refresh the Microsoft Advertising access token: ${check}${describeOutcome(outcome)}`, code)
}

/**
 * The refresh-token grant (the core's), returning Microsoft's rotated refresh token for Segment to keep. The
 * platform's newest refresh token is tried first; if Microsoft refuses it and the admin has pasted another one
 * since, that one is tried too.
 */
export async function refreshAccessToken(request: RequestClient, { settings, auth }: RefreshInput): Promise<RefreshAccessTokenResult> {
  const stored = auth?.refreshToken?.trim()
  const pasted = credentialValues(settings).refresh_token as string
  const required: CredentialField[] = stored ? ['client_id', 'client_secret'] : ['client_id', 'client_secret', 'refresh_token']
  const invalid = settingsOutcome(settings, required)
  if (invalid) throw new InvalidAuthenticationError(invalid.message, ErrorCodes.OAUTH_REFRESH_FAILED)

  const transport = requestTransport(request)
  const candidates = [...new Set([stored, pasted].filter((token): token is string => Boolean(token)))]
  let failure: Outcome | undefined
  for (const refreshToken of candidates) {
    try {
      const tokens = await refreshWithGrant(oauthCredentials(settings, refreshToken), { transport })
      return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }
    } catch (error) {
      failure = outcomeOfError(error)
      if (!credentialsAtFault('token', failure).includes('refresh_token')) break
    }
  }
  throw refreshError(failure as Outcome)
}
