import { createRequestClient, type ExecuteInput, type RequestClient } from '@segment/actions-core'
import {
  CampaignClient,
  CapiClient,
  MicrosoftApiError,
  TokenManager,
  registerSecret,
  type CampaignClientOptions,
  type CapiRequestOptions
} from 'msads-conversions'
import type { Settings } from '../generated-types'
import { campaignIdentity, credentialValues, environmentOf, oauthCredentials, registerSettingsSecrets } from './settings'
import { requestTransport } from './transport'

/** What every call to Microsoft needs from an actions-core invocation. */
export interface CallContext {
  request: RequestClient
  settings: Settings
  auth?: ExecuteInput<Settings, unknown>['auth']
}

/**
 * Access tokens minted from the settings when the platform holds none (no OAuth connection, or the command
 * line's local server): cached per credential, refreshed one at a time. Its requests carry no Segment headers.
 */
const newTokenManager = () => new TokenManager({ transport: requestTransport(createRequestClient()) })
let selfManagedTokens = newTokenManager()

/** UET tag keys fetched through UetTagAuthKey/Query, per environment, customer and tag. */
const tagKeys = new Map<string, Promise<string>>()

/** Forgets cached tokens and tag keys (after a settings change, and between tests). */
export function resetClientCaches(): void {
  tagKeys.clear()
  selfManagedTokens = newTokenManager()
}

/**
 * The Campaign Management access token. When the platform supplies one, a refusal comes back as a 401 outcome and
 * Segment refreshes it (refreshAccessToken); otherwise the destination mints and refreshes its own.
 */
function accessToken(context: CallContext): Pick<CampaignClientOptions['auth'], 'accessToken'> & Pick<CampaignClientOptions, 'onAuthFailure'> {
  const platformToken = context.auth?.accessToken
  if (platformToken) {
    registerSecret(platformToken)
    return { accessToken: platformToken }
  }
  const credentials = oauthCredentials(context.settings, context.auth?.refreshToken)
  return {
    accessToken: () => selfManagedTokens.getAccessToken(credentials),
    onAuthFailure: async (_outcome, refusedAccessToken) => {
      await selfManagedTokens.refreshAfterFailure(credentials, refusedAccessToken)
      return true
    }
  }
}

export function campaignClient(context: CallContext): CampaignClient {
  registerSettingsSecrets(context.settings)
  const { accessToken: token, onAuthFailure } = accessToken(context)
  return new CampaignClient({
    auth: { ...campaignIdentity(context.settings), accessToken: token },
    environment: environmentOf(context.settings),
    transport: requestTransport(context.request),
    ...(onAuthFailure ? { onAuthFailure } : {})
  })
}

function isRefreshableAuthFailure(error: unknown): boolean {
  return error instanceof MicrosoftApiError && error.outcome.outcome === 'auth' && error.outcome.authAction === 'refresh'
}

/**
 * A non-Apply call (goals, tags, the tag key) outside Segment's refresh loop (dynamic fields, hooks, the tag key
 * for CAPI): when the token is refused, it is refreshed here and the call made once more.
 */
export async function callCampaign<T>(context: CallContext, call: (client: CampaignClient) => Promise<T>): Promise<T> {
  try {
    return await call(campaignClient(context))
  } catch (error) {
    if (!isRefreshableAuthFailure(error)) throw error
    const refreshToken = context.auth?.refreshToken
    await selfManagedTokens.refreshAfterFailure(oauthCredentials(context.settings, refreshToken))
    // Without a platform token the client takes the one just refreshed, cached under the same credentials.
    return call(campaignClient({ ...context, auth: refreshToken ? { accessToken: '', refreshToken } : undefined }))
  }
}

function tagKeyCacheKey(settings: Settings): string {
  const values = credentialValues(settings)
  return `${environmentOf(settings)}|${values.customer_id}|${values.uet_tag_id}`
}

/** The tag's Conversions API token: the pasted one, else fetched once and kept in memory. */
function tagToken(context: CallContext): { token: string | (() => Promise<string>); fetched: boolean } {
  const pasted = credentialValues(context.settings).uet_capi_token as string
  if (pasted) return { token: pasted, fetched: false }
  const key = tagKeyCacheKey(context.settings)
  const tagId = credentialValues(context.settings).uet_tag_id as string
  const token = () => {
    let pending = tagKeys.get(key)
    if (!pending) {
      pending = callCampaign(context, (client) => client.getUetTagAuthKey(tagId)).then((value) => {
        registerSecret(value)
        return value
      })
      pending.catch(() => tagKeys.delete(key))
      tagKeys.set(key, pending)
    }
    return pending
  }
  return { token, fetched: true }
}

export interface TagClient {
  client: CapiClient
  /** Call after a delivery whose token was refused, so a fetched key is fetched again next time. */
  forgetFetchedToken(): void
}

export function capiClient(context: CallContext, options: CapiRequestOptions): TagClient {
  registerSettingsSecrets(context.settings)
  const { token, fetched } = tagToken(context)
  const client = new CapiClient({
    tagId: credentialValues(context.settings).uet_tag_id as string,
    token,
    transport: requestTransport(context.request),
    ...options
  })
  return { client, forgetFetchedToken: () => fetched && tagKeys.delete(tagKeyCacheKey(context.settings)) }
}
