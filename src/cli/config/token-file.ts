import { createHash } from 'crypto'
import { mkdir, readFile } from 'fs/promises'
import { dirname } from 'path'
import type { OAuthClientCredentials, RefreshTokenStore } from '../../microsoft/oauth'
import { registerSecret } from '../../support/redact'
import { fileWriteError, replaceFile } from '../../support/write-all'

/**
 * The token file: one refresh token per environment and app (client id), with the fingerprint of the refresh
 * token its chain started from. Microsoft rotates the refresh token on every refresh; the newest one is kept here,
 * readable by its owner only (0600), and never printed.
 */
interface TokenEntry {
  refreshToken: string
  /** SHA-256 prefix of the refresh token this chain descends from (the configured one, or the one a login issued). */
  origin: string
  updatedAt: string
}

interface TokenFileContent {
  version: 1
  tokens: Record<string, TokenEntry>
}

export const TOKEN_FILE_MODE = 0o600

export function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16)
}

function entryKey(environment: string | undefined, clientId: string): string {
  return `${environment ?? 'production'}|${clientId}`
}

export class TokenFile implements RefreshTokenStore {
  /** Writes are serialised so concurrent refreshes never interleave a read-modify-write. */
  private queue: Promise<unknown> = Promise.resolve()

  constructor(readonly path: string) {}

  private async read(): Promise<TokenFileContent> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return { version: 1, tokens: {} }
      throw new Error(`The token file ${this.path} could not be read (${code ?? 'error'}).`)
    }
    try {
      const parsed = JSON.parse(text) as Partial<TokenFileContent>
      const tokens = parsed && typeof parsed.tokens === 'object' && parsed.tokens ? parsed.tokens : {}
      for (const entry of Object.values(tokens)) registerSecret(entry?.refreshToken)
      return { version: 1, tokens }
    } catch {
      throw new Error(`The token file ${this.path} is not valid JSON; delete it and sign in again (msads auth login).`)
    }
  }

  private async write(content: TokenFileContent): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 })
      await replaceFile(this.path, `${JSON.stringify(content, null, 2)}\n`, TOKEN_FILE_MODE)
    } catch (error) {
      const failure = fileWriteError(this.path, error)
      throw new Error(
        `The token file ${this.path} could not be written (${failure.code}): the newest refresh token is not saved. ` +
          'Free space or fix the permissions, then run again.'
      )
    }
  }

  private update(change: (content: TokenFileContent) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const content = await this.read()
      change(content)
      await this.write(content)
    })
    this.queue = next.catch(() => undefined)
    return next
  }

  /** The refresh token kept for an app, whatever chain it belongs to (used when none is configured). */
  async stored(environment: string | undefined, clientId: string): Promise<string | undefined> {
    return (await this.read()).tokens[entryKey(environment, clientId)]?.refreshToken
  }

  /** The newest token of the configured token's chain; a different configured token (pasted anew) wins. */
  async load(credentials: OAuthClientCredentials): Promise<string | undefined> {
    const entry = (await this.read()).tokens[entryKey(credentials.environment, credentials.clientId)]
    if (!entry) return undefined
    const sameChain =
      entry.origin === fingerprint(credentials.refreshToken) || entry.refreshToken === credentials.refreshToken
    return sameChain ? entry.refreshToken : undefined
  }

  save(credentials: OAuthClientCredentials, refreshToken: string): Promise<void> {
    registerSecret(refreshToken)
    return this.update((content) => {
      const key = entryKey(credentials.environment, credentials.clientId)
      const previous = content.tokens[key]
      const continues =
        previous &&
        (previous.refreshToken === credentials.refreshToken ||
          previous.origin === fingerprint(credentials.refreshToken))
      content.tokens[key] = {
        refreshToken,
        origin: continues ? previous.origin : fingerprint(credentials.refreshToken),
        updatedAt: new Date().toISOString()
      }
    })
  }

  /** After a sign-in: the new token starts its own chain. */
  saveSignedIn(environment: string | undefined, clientId: string, refreshToken: string): Promise<void> {
    registerSecret(refreshToken)
    return this.update((content) => {
      content.tokens[entryKey(environment, clientId)] = {
        refreshToken,
        origin: fingerprint(refreshToken),
        updatedAt: new Date().toISOString()
      }
    })
  }
}
