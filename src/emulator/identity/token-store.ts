import { createHash } from 'crypto'
import { opaqueToken } from '../support/ids'
import type { SeedCredentials } from '../seed'

export type AccessCheck = 'valid' | 'expired' | 'unknown'
export type RefreshCheck = 'valid' | 'expired' | 'revoked' | 'unknown' | 'other_client'

interface AccessEntry {
  expiresAt: number
}

interface RefreshEntry {
  clientId: string
  expiresAt: number
  revoked: boolean
}

export interface AuthorizationCode {
  clientId: string
  redirectUri: string
  scope: string
  expiresAt: number
  codeChallenge?: string
  codeChallengeMethod?: string
  redeemed: boolean
}

export interface IssuedTokens {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

const CODE_LIFETIME_MS = 10 * 60_000

/** Tokens the identity endpoint issued, and the seed's own, with their lifetimes. */
export class TokenStore {
  private readonly access = new Map<string, AccessEntry>()
  private readonly refresh = new Map<string, RefreshEntry>()
  private readonly codes = new Map<string, AuthorizationCode>()
  refreshesIssued = 0
  codesRedeemed = 0

  constructor(credentials: SeedCredentials) {
    this.access.set(credentials.accessToken, { expiresAt: Number.POSITIVE_INFINITY })
    this.refresh.set(credentials.refreshToken, {
      clientId: credentials.clientId,
      expiresAt: Number.POSITIVE_INFINITY,
      revoked: false
    })
  }

  checkAccess(token: string, now: number): AccessCheck {
    const entry = this.access.get(token)
    if (!entry) return 'unknown'
    return entry.expiresAt > now ? 'valid' : 'expired'
  }

  /** Makes one access token expired from now on. */
  expireAccess(token: string, now: number): void {
    const entry = this.access.get(token)
    if (entry) entry.expiresAt = Math.min(entry.expiresAt, now)
  }

  /** Every access token known so far (the seed's included) is expired from now on. */
  expireAllAccess(now: number): number {
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, now)
    return this.access.size
  }

  checkRefresh(token: string, clientId: string, now: number): RefreshCheck {
    const entry = this.refresh.get(token)
    if (!entry) return 'unknown'
    if (entry.clientId !== clientId) return 'other_client'
    if (entry.revoked) return 'revoked'
    return entry.expiresAt > now ? 'valid' : 'expired'
  }

  revokeRefresh(token: string): void {
    const entry = this.refresh.get(token)
    if (entry) entry.revoked = true
  }

  /** A new access token and a new (rotated) refresh token. */
  issue(clientId: string, now: number, accessLifetimeSeconds: number, refreshLifetimeSeconds: number): IssuedTokens {
    const accessToken = opaqueToken('EwAemu.')
    const refreshToken = opaqueToken('M.emu.')
    this.access.set(accessToken, { expiresAt: now + accessLifetimeSeconds * 1000 })
    this.refresh.set(refreshToken, { clientId, expiresAt: now + refreshLifetimeSeconds * 1000, revoked: false })
    return { accessToken, refreshToken, expiresIn: accessLifetimeSeconds }
  }

  createCode(details: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>, now: number): string {
    const code = opaqueToken('C.emu.')
    this.codes.set(code, { ...details, expiresAt: now + CODE_LIFETIME_MS, redeemed: false })
    return code
  }

  code(code: string): AuthorizationCode | undefined {
    return this.codes.get(code)
  }
}

/** The PKCE check: the verifier must hash (S256) or equal (plain) the challenge sent to the authorize endpoint. */
export function verifierMatches(code: AuthorizationCode, verifier: string | null): boolean {
  if (!code.codeChallenge) return true
  if (!verifier) return false
  if ((code.codeChallengeMethod ?? 'plain') === 'S256') {
    return createHash('sha256').update(verifier).digest('base64url') === code.codeChallenge
  }
  return verifier === code.codeChallenge
}
