import { TokenManager, type OAuthClientCredentials, type RefreshTokenStore } from '../../microsoft/oauth'
import type { Transport } from '../../microsoft/http'
import type { TokenSource } from '../../microsoft/token-source'
import type { CliSettings } from '../config/settings'
import type { Outcome } from '../../outcome'
import { fingerprint } from '../config/token-file'
import type { CliMetrics } from '../metrics/cli-metrics'

/** How long a refused refresh is answered from memory: a person must act, and a minute later it is tried again. */
const REFUSAL_MEMORY_MS = 60_000

/** The OAuth client of a set of settings. */
export function oauthCredentialsOf(settings: CliSettings): OAuthClientCredentials {
  return {
    clientId: settings.client_id ?? '',
    clientSecret: settings.client_secret || undefined,
    refreshToken: settings.refresh_token ?? '',
    environment: settings.environment === 'sandbox' ? 'sandbox' : 'production'
  }
}

/**
 * The command line as the OAuth host: it holds the access tokens (cached, single flight), keeps Microsoft's
 * rotated refresh token in the token file, and counts refreshes for the metrics.
 */
export class HostTokens {
  private readonly manager: TokenManager

  constructor(options: { store?: RefreshTokenStore; metrics?: CliMetrics; transport?: Transport } = {}) {
    this.manager = new TokenManager({
      store: options.store,
      transport: options.transport,
      onRefresh: () => options.metrics?.tokenRefreshes.inc({ result: 'ok' })
    })
    this.metrics = options.metrics
  }

  private readonly metrics?: CliMetrics
  /** Refusals no retry can fix (a revoked grant, a wrong secret), remembered briefly so batches do not hammer the identity platform. */
  private readonly refusals = new Map<string, { error: unknown; until: number }>()

  private key(settings: CliSettings): string {
    const credentials = oauthCredentialsOf(settings)
    return `${credentials.environment}|${credentials.clientId}|${fingerprint(credentials.refreshToken)}|${fingerprint(credentials.clientSecret ?? '')}`
  }

  private async counted(settings: CliSettings, run: () => Promise<string>): Promise<string> {
    const key = this.key(settings)
    const refusal = this.refusals.get(key)
    if (refusal && refusal.until > Date.now()) throw refusal.error
    try {
      return await run()
    } catch (error) {
      this.metrics?.tokenRefreshes.inc({ result: 'failed' })
      const outcome = (error as { outcome?: Outcome }).outcome
      if (
        outcome &&
        (outcome.outcome === 'rejected' || (outcome.outcome === 'auth' && outcome.authAction === 'inactive'))
      ) {
        this.refusals.set(key, { error, until: Date.now() + REFUSAL_MEMORY_MS })
      }
      throw error
    }
  }

  accessToken(settings: CliSettings): Promise<string> {
    return this.counted(settings, () => this.manager.getAccessToken(oauthCredentialsOf(settings)))
  }

  /** After Microsoft refused `failedToken`: one refresh, shared by every caller that saw the same refusal. */
  refreshAfterFailure(settings: CliSettings, failedToken: string): Promise<string> {
    return this.counted(settings, () => this.manager.refreshAfterFailure(oauthCredentialsOf(settings), failedToken))
  }

  /**
   * These settings' access token as the clients take it (`auth.accessToken` of CampaignClient and BulkClient, or
   * `withFreshToken` / `sendItemsWithFreshToken`): refreshed once after a refusal, every caller sharing the refresh.
   */
  source(settings: CliSettings): TokenSource {
    return {
      get: () => this.accessToken(settings),
      refreshAfterRefusal: (refused) => this.refreshAfterFailure(settings, refused)
    }
  }
}
