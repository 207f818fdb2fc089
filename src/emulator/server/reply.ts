import type { IncomingHttpHeaders } from 'http'

/** A request as the route handlers see it: the whole body already read as text. */
export interface EmulatorRequest {
  method: string
  pathname: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: string
  /** The body's bytes, for a binary upload (a zipped Bulk file); the server always sets them. */
  bytes?: Buffer
}

/** What a handler answers; the server writes it. */
export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

const JSON_TYPE = 'application/json; charset=utf-8'

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(value) }
}

export function textReply(status: number, text: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body: text }
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { Location: location, 'Cache-Control': 'no-store' }, body: '' }
}

export function header(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
