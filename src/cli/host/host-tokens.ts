import { TokenManager, type OAuthClientCredentials, type RefreshTokenStore } from '../../microsoft/oauth'
import type { Transport } from '../../microsoft/http'
import type { CliSettings } from '../config/settings'
import type { CliMetrics } from '../metrics/cli-metrics'

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

  private async counted(run: () => Promise<string>): Promise<string> {
    try {
      return await run()
    } catch (error) {
      this.metrics?.tokenRefreshes.inc({ result: 'failed' })
      throw error
    }
  }

  accessToken(settings: CliSettings): Promise<string> {
    return this.counted(() => this.manager.getAccessToken(oauthCredentialsOf(settings)))
  }

  /** After Microsoft refused `failedToken`: one refresh, shared by every caller that saw the same refusal. */
  refreshAfterFailure(settings: CliSettings, failedToken: string): Promise<string> {
    return this.counted(() => this.manager.refreshAfterFailure(oauthCredentialsOf(settings), failedToken))
  }
}
