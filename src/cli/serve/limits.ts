import type { Server } from 'http'
import type { Socket } from 'net'

/** The resource bounds of `msads serve`; every one has a command-line option. */
export interface ServeLimits {
  /** Largest request body (413 past it). */
  maxBodyBytes: number
  /** Bytes of request bodies held at once, across all requests (503 past it). */
  maxBufferedBytes: number
  /** Open connections at once; one more is answered 503 and closed. */
  maxConnections: number
  /** Time for a client to send its headers. */
  headersTimeoutMs: number
  /** Time for a client to send its whole request (headers and body). */
  bodyTimeoutMs: number
  /** Time for the server to answer a request it has read; past it, a 503 with a retryable outcome. */
  answerTimeoutMs: number
  /** Seconds a 503 asks the caller to wait (Retry-After). */
  retryAfterSeconds: number
}

export const DEFAULT_LIMITS: ServeLimits = {
  maxBodyBytes: 5 * 1024 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxConnections: 4096,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  // Past the core's 30 s Microsoft timeout, so that what Microsoft answers late is still reported as it is.
  answerTimeoutMs: 60_000,
  retryAfterSeconds: 5
}

/** The request bodies held in memory, across requests: a reader reserves before it keeps a chunk. */
export class BodyBudget {
  private used = 0
  private highest = 0

  constructor(readonly capacity: number) {}

  /** False when the bytes do not fit: the request is answered 503 and its body dropped. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.capacity) return false
    this.used += bytes
    if (this.used > this.highest) this.highest = this.used
    return true
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes)
  }

  get inUse(): number {
    return this.used
  }

  /** The most ever held at once. */
  get peak(): number {
    return this.highest
  }
}

const FULL = (retryAfterSeconds: number): string => {
  const body = '{"error":{"status":503,"code":"server_full","message":"Too many open connections; retry later."}}\n'
  return (
    'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
    `Retry-After: ${retryAfterSeconds}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  )
}

/**
 * Applies the connection bounds to a node:http server: the header and request timeouts (checked every second,
 * not every 30 s as Node does by default), and the connection cap, past which a connection is answered 503 and
 * closed instead of being silently dropped.
 */
export function applyConnectionLimits(server: Server, limits: ServeLimits): { open: () => number } {
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = limits.bodyTimeoutMs
  server.keepAliveTimeout = 5_000
  const open = new Set<Socket>()
  // node:http's own connection listener is called only for the connections under the cap.
  const httpListeners = server.listeners('connection') as Array<(socket: Socket) => void>
  server.removeAllListeners('connection')
  server.on('connection', (socket: Socket) => {
    if (open.size >= limits.maxConnections) {
      socket.on('error', () => socket.destroy())
      socket.end(FULL(limits.retryAfterSeconds))
      setTimeout(() => socket.destroy(), 1_000).unref()
      return
    }
    open.add(socket)
    socket.once('close', () => open.delete(socket))
    for (const listener of httpListeners) listener.call(server, socket)
  })
  return { open: () => open.size }
}

/** createServer options: timeouts are checked every second (Node's default is every 30 s). */
export const SERVER_OPTIONS = { connectionsCheckingInterval: 1_000 }
