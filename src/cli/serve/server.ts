import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo, Socket } from 'net'
import { redactText } from '../../support/redact'
import type { CliSettings } from '../config/settings'
import { RequestError } from '../host/settings-guard'
import { SEGMENT_ACTIONS, isSegmentAction, type SegmentHost } from '../host/segment-host'
import type { CliMetrics } from '../metrics/cli-metrics'
import { parseActionRequest } from './action-request'
import { sendError, sendJson, sendText } from './http-reply'
import { readJsonBody } from './json-body'

/**
 * A handler of the /rudderstack/... routes: the path after /rudderstack, the parsed body and the request headers
 * (rudder-server declares features such as the filter code in them) in, a JSON answer out.
 */
export type RudderstackRoutes = (
  path: string,
  body: unknown,
  headers?: Record<string, string | string[] | undefined>
) => Promise<{ status: number; body: unknown }>

export interface ServeContext {
  segment: SegmentHost
  /** The settings for requests that bring none: from the environment or config, or the emulator's demo ones. */
  serverSettings: CliSettings
  metrics: CliMetrics
  maxBodyBytes: number
  mode: 'embedded' | 'configured'
  rudderstack?: RudderstackRoutes
}

function routeLabel(method: string, pathname: string): string {
  if (pathname.startsWith('/actions/')) return 'actions'
  if (pathname.startsWith('/rudderstack/')) return 'rudderstack'
  if (pathname === '/health' || pathname === '/metrics') return pathname.slice(1)
  return 'unknown'
}

async function handle(context: ServeContext, request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
  const method = request.method ?? 'GET'
  if (pathname === '/health') {
    if (method !== 'GET' && method !== 'HEAD') throw new RequestError(405, 'method_not_allowed', 'Use GET /health.')
    return sendJson(response, 200, { ok: true, mode: context.mode, actions: SEGMENT_ACTIONS, rudderstack: Boolean(context.rudderstack) })
  }
  if (pathname === '/metrics') {
    if (method !== 'GET') throw new RequestError(405, 'method_not_allowed', 'Use GET /metrics.')
    return sendText(response, 200, await context.metrics.registry.metrics(), context.metrics.registry.contentType)
  }
  const action = /^\/actions\/([^/]+)\/?$/.exec(pathname)
  if (action) {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', `Use POST ${pathname}.`)
    const name = decodeURIComponent(action[1])
    if (!isSegmentAction(name)) throw new RequestError(404, 'unknown_action', `There is no action "${redactText(name)}". Actions: ${SEGMENT_ACTIONS.join(', ')}.`)
    const run = parseActionRequest(name, await readJsonBody(request, context.maxBodyBytes), context.serverSettings)
    const results = await context.segment.run(run)
    return sendJson(response, 200, { action: name, mode: run.mode, results })
  }
  if (pathname === '/rudderstack' || pathname.startsWith('/rudderstack/')) {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', `Use POST ${pathname}.`)
    if (!context.rudderstack) {
      throw new RequestError(501, 'not_implemented', 'The RudderStack routes need the RudderStack destination (destinations/rudderstack), which this build does not include yet.')
    }
    const answer = await context.rudderstack(
      pathname.slice('/rudderstack'.length),
      await readJsonBody(request, context.maxBodyBytes),
      request.headers
    )
    return sendJson(response, answer.status, answer.body)
  }
  throw new RequestError(404, 'unknown_route', `No route ${method} ${redactText(pathname)}. Routes: POST /actions/{${SEGMENT_ACTIONS.join('|')}}, POST /rudderstack/..., GET /health, GET /metrics.`)
}

/** The `msads serve` HTTP server: every bad request gets a JSON 4xx, and nothing a client sends stops it. */
export function createServeServer(context: ServeContext): Server {
  const server = createServer((request, response) => {
    let pathname = '/'
    try {
      pathname = new URL(request.url ?? '/', 'http://msads.invalid').pathname
    } catch {
      pathname = '/'
    }
    const route = routeLabel(request.method ?? 'GET', pathname)
    response.on('finish', () => context.metrics.httpRequests.inc({ route, status: String(response.statusCode) }))
    handle(context, request, response, pathname).catch((error: unknown) => {
      if (error instanceof RequestError) {
        sendError(response, error.status, error.code, redactText(error.message), error.status === 413 ? { Connection: 'close' } : {})
        if (error.status === 413 || error.code === 'incomplete_body') request.resume()
        return
      }
      sendError(response, 500, 'internal_error', `The server could not handle the request: ${redactText(String((error as Error)?.message ?? error))}`)
    })
  })
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })
  return server
}

export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${shownHost}:${address.port}`
}
