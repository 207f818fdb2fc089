import type { RequestClient } from '@segment/actions-core'
import { CampaignClient, CapiClient, MicrosoftApiError, TokenManager, registerSecret } from 'msads-conversions'
import type { CampaignClientOptions, CapiRequestOptions } from 'msads-conversions'
import type { Settings } from '../generated-types'
import {
  campaignIdentity,
  credentialValues,
  environmentOf,
  oauthCredentials,
  registerSettingsSecrets
} from './settings'
import type { PlatformAuth } from './settings'
import { requestTransport } from './transport'

/**
 * What one invocation (a perform, a batch, a dynamic field, a hook) keeps, and nothing outlives it: the access
 * tokens minted from the self-hosting settings when the platform holds none, and the UET tag key it fetched.
 */
interface Session {
  tokens: TokenManager
  tagKey?: Promise<string>
}

/** What every call to Microsoft needs from an actions-core invocation. */
export interface CallContext {
  request: RequestClient
  settings: Settings
  auth?: PlatformAuth
  session?: Session
}

/** The invocation's session; its token requests go through the action's `request`, like every other call. */
function sessionOf(context: CallContext): Session {
  context.session ??= { tokens: new TokenManager({ transport: requestTransport(context.request) }) }
  return context.session
}

/**
 * The Campaign Management access token. When the platform supplies one, a refusal comes back as a 401 outcome and
 * Segment refreshes it (refreshAccessToken); otherwise the destination mints and refreshes its own.
 */
function accessToken(
  context: CallContext
): Pick<CampaignClientOptions['auth'], 'accessToken'> & Pick<CampaignClientOptions, 'onAuthFailure'> {
  const platformToken = context.auth?.accessToken
  if (platformToken) {
    registerSecret(platformToken)
    return { accessToken: platformToken }
  }
  const credentials = oauthCredentials(context.settings, context.auth)
  const { tokens } = sessionOf(context)
  return {
    accessToken: () => tokens.getAccessToken(credentials),
    onAuthFailure: async (_outcome, refusedAccessToken) => {
      await tokens.refreshAfterFailure(credentials, refusedAccessToken)
      return true
    }
  }
}

export function campaignClient(context: CallContext): CampaignClient {
  registerSettingsSecrets(context.settings, context.auth)
  const { accessToken: token, onAuthFailure } = accessToken(context)
  return new CampaignClient({
    auth: { ...campaignIdentity(context.settings), accessToken: token },
    environment: environmentOf(context.settings),
    transport: requestTransport(context.request),
    ...(onAuthFailure ? { onAuthFailure } : {})
  })
}

function isRefreshableAuthFailure(error: unknown): boolean {
  return (
    error instanceof MicrosoftApiError && error.outcome.outcome === 'auth' && error.outcome.authAction === 'refresh'
  )
}

/**
 * A non-Apply call (goals, tags, the tag key) outside Segment's refresh loop (dynamic fields, hooks, the tag key
 * for CAPI): when the token is refused and an OAuth client is known, the token is refreshed here and the call
 * made once more.
 */
export async function callCampaign<T>(context: CallContext, call: (client: CampaignClient) => Promise<T>): Promise<T> {
  try {
    return await call(campaignClient(context))
  } catch (error) {
    const credentials = oauthCredentials(context.settings, context.auth)
    if (!isRefreshableAuthFailure(error) || !credentials.clientId || !credentials.refreshToken) throw error
    await sessionOf(context).tokens.refreshAfterFailure(credentials)
    // Without the platform's token the client takes the one just refreshed, kept in the session under the same credentials.
    return call(campaignClient({ ...context, auth: { ...context.auth, accessToken: '' } }))
  }
}

/** The tag's Conversions API token: the pasted one, else fetched once per invocation. */
function tagToken(context: CallContext): { token: string | (() => Promise<string>); fetched: boolean } {
  const values = credentialValues(context.settings, context.auth)
  if (values.uet_capi_token) return { token: values.uet_capi_token as string, fetched: false }
  const session = sessionOf(context)
  const token = () => {
    session.tagKey ??= callCampaign(context, (client) => client.getUetTagAuthKey(values.uet_tag_id as string)).then(
      (value) => {
        registerSecret(value)
        return value
      }
    )
    session.tagKey.catch(() => (session.tagKey = undefined))
    return session.tagKey
  }
  return { token, fetched: true }
}

export interface TagClient {
  client: CapiClient
  /** Call after a delivery whose token was refused, so a fetched key is fetched again next time. */
  forgetFetchedToken: () => void
}

export function capiClient(context: CallContext, options: CapiRequestOptions): TagClient {
  registerSettingsSecrets(context.settings, context.auth)
  const { token, fetched } = tagToken(context)
  const client = new CapiClient({
    tagId: credentialValues(context.settings).uet_tag_id as string,
    token,
    transport: requestTransport(context.request),
    ...options
  })
  return {
    client,
    forgetFetchedToken: () => {
      if (fetched && context.session) context.session.tagKey = undefined
    }
  }
}
