/**
 * The core speaks HTTP through a Transport so that each host can bring its own client:
 * actions-core's `request` in Segment, axios in rudder-transformer, fetch in the command line.
 */
/**
 * A Uint8Array over a plain ArrayBuffer (what fetch accepts as a body), written so that TypeScript before 5.7, which
 * has no generic typed arrays (action-destinations builds with 5.5), reads it too.
 */
export type Bytes = ReturnType<Uint8Array['slice']>

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  url: string
  headers: Record<string, string>
  /** Text (JSON, a form), or bytes for a binary upload such as a zipped Bulk file. */
  body?: string | Bytes
  timeoutMs?: number
}

export interface HttpResponse {
  status: number
  /** Header names in lower case. */
  headers: Record<string, string>
  body: string
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>

export type TransportFailure = 'timeout' | 'network'

/** Thrown by a transport when no HTTP response arrived at all. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string
  ) {
    super(message)
    this.name = 'TransportError'
  }
}

export const DEFAULT_TIMEOUT_MS = 30_000

/** Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), if it has one. */
export function retryAfterSeconds(headers: Record<string, string>, nowMs = Date.now()): number | undefined {
  const raw = headers['retry-after']
  if (!raw) return undefined
  const seconds = Number(raw)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(raw)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - nowMs) / 1000))
}
