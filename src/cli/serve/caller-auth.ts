import { createHash, timingSafeEqual } from 'crypto'
import { readFileSync } from 'fs'
import type { IncomingMessage } from 'http'
import { isIP } from 'net'
import { registerSecret } from '../../support/redact'
import { CallerAuthError } from '../errors'

const MIN_TOKEN_LENGTH = 16

/** The caller token: `--token-file` (its first line) wins over MSADS_SERVE_TOKEN; undefined when neither is set. */
export function callerToken(options: { tokenFile?: string; env: NodeJS.ProcessEnv }): string | undefined {
  let token: string | undefined
  if (options.tokenFile) {
    try {
      token = readFileSync(options.tokenFile, 'utf8').split(/\r?\n/)[0].trim()
    } catch (error) {
      throw new CallerAuthError(
        `Cannot read the token file ${options.tokenFile}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`
      )
    }
    if (!token) throw new CallerAuthError(`The token file ${options.tokenFile} is empty.`)
  } else {
    token = options.env.MSADS_SERVE_TOKEN?.trim() || undefined
  }
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new CallerAuthError(
      `The caller token must be at least ${MIN_TOKEN_LENGTH} characters long (e.g. openssl rand -hex 32).`
    )
  }
  registerSecret(token)
  return token
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (bare === 'localhost') return true
  if (isIP(bare) === 4) return bare.startsWith('127.')
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare)
  return false
}

/** Refuses to listen beyond this machine without a token, unless the operator says so. */
export function checkExposure(host: string, token: string | undefined, allowUnauthenticated: boolean): void {
  if (token || allowUnauthenticated || isLoopbackHost(host)) return
  throw new CallerAuthError(
    `Refusing to listen on ${host} without caller authentication: set MSADS_SERVE_TOKEN (or --token-file FILE), ` +
      'or pass --allow-unauthenticated when something in front of the server authenticates callers.'
  )
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/**
 * Whether the request carries `Authorization: Bearer <token>`. Both sides are hashed first so that the comparison
 * takes the same time whatever the length or content of what the caller sent.
 */
export function isAuthorized(request: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true
  const header = request.headers.authorization
  const presented =
    typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : ''
  return timingSafeEqual(digest(presented), digest(token))
}
