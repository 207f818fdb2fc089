import type { RequestClient } from '@segment/actions-core'
import {
  CampaignClient,
  CapiClient,
  TokenManager,
  fixedToken,
  oauthTokenSource,
  registerSecret
} from 'msads-conversions'
import type { CapiRequestOptions, TokenSource } from 'msads-conversions'
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
 * The Campaign Management access token. When the platform supplies one, an Apply refusal comes back as a 401 outcome
 * and Segment refreshes it (refreshAccessToken); calls outside Segment's refresh loop (`refreshPlatformToken`) and
 * self-hosting settings mint and refresh their own.
 */
function accessToken(context: CallContext, refreshPlatformToken: boolean): TokenSource {
  const credentials = oauthCredentials(context.settings, context.auth)
  const own = oauthTokenSource(sessionOf(context).tokens, credentials)
  const platformToken = context.auth?.accessToken
  if (!platformToken) return own
  registerSecret(platformToken)
  if (!refreshPlatformToken || !credentials.clientId || !credentials.refreshToken) return fixedToken(platformToken)
  return {
    get: () => Promise.resolve(platformToken),
    refreshAfterRefusal: (refused) => own.refreshAfterRefusal(refused)
  }
}

export function campaignClient(context: CallContext, refreshPlatformToken = false): CampaignClient {
  registerSettingsSecrets(context.settings, context.auth)
  return new CampaignClient({
    auth: { ...campaignIdentity(context.settings), accessToken: accessToken(context, refreshPlatformToken) },
    environment: environmentOf(context.settings),
    transport: requestTransport(context.request)
  })
}

/**
 * A non-Apply call (goals, tags, the tag key) outside Segment's refresh loop (dynamic fields, hooks, the tag key
 * for CAPI): when the token is refused and an OAuth client is known, the client refreshes it and makes the call
 * once more.
 */
export function callCampaign<T>(context: CallContext, call: (client: CampaignClient) => Promise<T>): Promise<T> {
  return call(campaignClient(context, true))
}

/**
 * The tag's Conversions API token: the pasted one, else fetched once per invocation, and fetched again once after the
 * Conversions API refused it.
 */
function tagToken(context: CallContext): { token: TokenSource; fetched: boolean } {
  const values = credentialValues(context.settings, context.auth)
  if (values.uet_capi_token) return { token: fixedToken(values.uet_capi_token as string), fetched: false }
  const session = sessionOf(context)
  const get = () => {
    session.tagKey ??= callCampaign(context, (client) => client.getUetTagAuthKey(values.uet_tag_id as string)).then(
      (value) => {
        registerSecret(value)
        return value
      }
    )
    session.tagKey.catch(() => (session.tagKey = undefined))
    return session.tagKey
  }
  const refreshAfterRefusal = async (refused: string) => {
    if ((await session.tagKey?.catch(() => undefined)) === refused) session.tagKey = undefined
    const fresh = await get()
    return fresh === refused ? undefined : fresh
  }
  return { token: { get, refreshAfterRefusal }, fetched: true }
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
