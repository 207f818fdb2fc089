import { sha256Hex } from '../../conversions/sha256'
import { silentLogger, type Logger } from '../../support/logger'
import type { Transport } from '../http'
import { refreshWithGrant, type OAuthClientCredentials } from './token-client'
import { OAuthError, type TokenSet } from './token-endpoint'

/** Where a rotated refresh token is kept between runs (a 0600 file in the command line). */
export interface RefreshTokenStore {
  load(credentials: OAuthClientCredentials): Promise<string | undefined>
  save(credentials: OAuthClientCredentials, refreshToken: string): Promise<void>
}

export interface TokenManagerOptions {
  transport?: Transport
  store?: RefreshTokenStore
  now?: () => number
  /** Refresh this long before expiry. */
  skewMs?: number
  logger?: Logger
  /** Called after each refresh that reached the identity platform, for metrics. */
  onRefresh?: () => void
}

interface Entry {
  tokens?: TokenSet
  refreshToken?: string
  inflight?: Promise<TokenSet>
}

/**
 * Access tokens per credential: cached until shortly before expiry, refreshed one at a time (every concurrent
 * caller shares the one refresh in flight), with the rotated refresh token kept and persisted.
 */
export class TokenManager {
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number
  private readonly skewMs: number
  private readonly logger: Logger

  constructor(private readonly options: TokenManagerOptions = {}) {
    this.now = options.now ?? Date.now
    this.skewMs = options.skewMs ?? 120_000
    this.logger = options.logger ?? silentLogger
  }

  /**
   * Every credential that decides the token: a caller with the same client and refresh token but another (wrong)
   * client secret must not be served the token that the right secret obtained. Secrets enter only as a digest.
   */
  private key(credentials: OAuthClientCredentials): string {
    const digest = sha256Hex(JSON.stringify([credentials.refreshToken, credentials.clientSecret ?? null])).slice(0, 32)
    return `${credentials.environment ?? 'production'}|${credentials.clientId}|${digest}`
  }

  private entry(credentials: OAuthClientCredentials): Entry {
    const key = this.key(credentials)
    let entry = this.entries.get(key)
    if (!entry) {
      entry = {}
      this.entries.set(key, entry)
    }
    return entry
  }

  /** A valid access token, from the cache when it is not about to expire. */
  async getAccessToken(credentials: OAuthClientCredentials): Promise<string> {
    const entry = this.entry(credentials)
    if (entry.tokens && entry.tokens.expiresAt - this.skewMs > this.now()) return entry.tokens.accessToken
    return (await this.refresh(credentials)).accessToken
  }

  /**
   * Refreshes after Microsoft refused `failedAccessToken`. When another caller has already replaced that token,
   * its new one is returned without a second refresh.
   */
  async refreshAfterFailure(credentials: OAuthClientCredentials, failedAccessToken?: string): Promise<string> {
    const entry = this.entry(credentials)
    if (entry.tokens && failedAccessToken && entry.tokens.accessToken !== failedAccessToken)
      return entry.tokens.accessToken
    if (entry.tokens && (!failedAccessToken || entry.tokens.accessToken === failedAccessToken)) entry.tokens = undefined
    return (await this.refresh(credentials)).accessToken
  }

  /** The newest refresh token known for these credentials (rotated ones included). */
  currentRefreshToken(credentials: OAuthClientCredentials): string {
    return this.entry(credentials).refreshToken ?? credentials.refreshToken
  }

  /** Single flight: concurrent callers share one request to the identity platform. */
  refresh(credentials: OAuthClientCredentials): Promise<TokenSet> {
    const entry = this.entry(credentials)
    if (!entry.inflight) {
      entry.inflight = this.doRefresh(credentials, entry).finally(() => {
        entry.inflight = undefined
      })
    }
    return entry.inflight
  }

  private async doRefresh(credentials: OAuthClientCredentials, entry: Entry): Promise<TokenSet> {
    const refreshToken = entry.refreshToken ?? (await this.options.store?.load(credentials)) ?? credentials.refreshToken
    let used = refreshToken
    let tokens: TokenSet
    try {
      tokens = await this.grant(credentials, refreshToken)
    } catch (error) {
      // Another process sharing the store may have rotated the chain, and Microsoft may have revoked the token this
      // one held: the store's newest token is tried once before the refusal stands.
      const newer = isRefusedGrant(error) ? await this.options.store?.load(credentials) : undefined
      if (!newer || newer === refreshToken) throw error
      this.logger.info('refresh token refused; using the newer one in the token store', {
        clientId: credentials.clientId
      })
      used = newer
      tokens = await this.grant(credentials, newer)
    }
    // The rotated token is saved before anything uses the new access token: a process that dies, or a store that
    // cannot be written, must not leave the only copy of the newest token in memory.
    if (tokens.refreshToken !== used) {
      await this.options.store?.save(credentials, tokens.refreshToken)
      this.logger.info('refresh token rotated and kept', { clientId: credentials.clientId })
    }
    entry.refreshToken = tokens.refreshToken
    entry.tokens = tokens
    return tokens
  }

  private async grant(credentials: OAuthClientCredentials, refreshToken: string): Promise<TokenSet> {
    const tokens = await refreshWithGrant(
      { ...credentials, refreshToken },
      { transport: this.options.transport, now: this.now }
    )
    this.options.onRefresh?.()
    return tokens
  }
}

function isRefusedGrant(error: unknown): boolean {
  return error instanceof OAuthError && error.outcome.reason === 'invalid_grant'
}
