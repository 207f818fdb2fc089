import { createHash, timingSafeEqual } from 'crypto'
import type { IncomingMessage } from 'http'
import { isLoopbackHost } from '../caller-auth'

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/**
 * A browser cannot add a Bearer header, but it asks for Basic credentials by itself: the admin page takes the caller
 * token as the Basic password (any user name), compared in constant time.
 */
export function basicAuthorized(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization
  if (typeof header !== 'string' || !/^Basic\s+/i.test(header)) return false
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8')
  const password = decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : ''
  return timingSafeEqual(digest(password), digest(token))
}

/** Without a caller token the admin page answers only this machine. */
export function fromLoopback(request: IncomingMessage): boolean {
  return isLoopbackHost(request.socket.remoteAddress ?? '')
}

/**
 * A form post from another site would carry the browser's Basic credentials: the test conversion is taken only from
 * a page of this server (Origin, else Referer, naming this Host).
 */
export function sameOrigin(request: IncomingMessage): boolean {
  const source = request.headers.origin ?? request.headers.referer
  if (typeof source !== 'string') return false
  try {
    return new URL(source).host === request.headers.host
  } catch {
    return false
  }
}

/** `/`, `/admin/...`: the admin page's paths (after the account prefix). */
export function isAdminPath(path: string): boolean {
  return path === '/' || path === '/admin/test-conversion'
}
