import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { Socket } from 'net'
import { readBody } from '../../support/read-body'
import { matchRoute, type RouteMatch } from '../routes'
import type { EmulatorState } from '../state/emulator-state'
import { dispatch } from './dispatch'
import {
  internalErrorReply,
  methodNotAllowedReply,
  throttleReply,
  tooLargeReply,
  unavailableReply
} from './family-replies'
import type { EmulatorRequest, Reply } from './reply'

export interface EmulatorServer {
  server: Server
  /** Cancels held (`slow`) requests and cuts every connection. */
  shutdown: () => void
}

function write(response: ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) return
  response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) })
  response.end(reply.body)
}

/** Nothing a client sends may take the process down: a request that breaks a handler gets a 500 in its dialect. */
function safeDispatch(
  route: RouteMatch,
  request: EmulatorRequest,
  state: EmulatorState,
  fault: Parameters<typeof dispatch>[3]
): Reply {
  try {
    return dispatch(route, request, state, fault)
  } catch {
    return internalErrorReply(route.family)
  }
}

export function createEmulatorServer(state: EmulatorState): EmulatorServer {
  const held = new Set<NodeJS.Timeout>()

  async function serve(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://emulator.invalid')
    const route = matchRoute(url.pathname)
    const counted = route.family !== 'control'
    const reply = (answer: Reply): void => {
      if (counted) state.counters.countRequest(route.id, answer.status)
      write(response, answer)
    }

    // A Bulk file may be far larger than an API call (Microsoft takes up to 100 MB).
    const limit = route.id === 'bulkUpload' ? state.options.bulkMaxFileBytes : state.options.maxBodyBytes
    const body = await readBody(incoming, { limit })
    if (body.kind === 'gone') return
    if (body.kind === 'busy') return reply(unavailableReply(route.family))
    if (body.kind === 'tooLarge') return reply(tooLargeReply(route.family, limit))
    const method = incoming.method ?? 'GET'
    if (route.method !== 'ANY' && method !== route.method) return reply(methodNotAllowedReply(route.method))

    const fault = counted && route.id !== 'unknown' ? state.faults.pick(route.id) : undefined
    if (fault) state.counters.countFault(fault)
    switch (fault) {
      case 'drop':
        state.counters.countRequest(route.id, 'dropped')
        incoming.socket.destroy()
        return
      case 'slow': {
        const timer = setTimeout(() => {
          held.delete(timer)
          if (response.destroyed) state.counters.countRequest(route.id, 'abandoned')
          else reply(unavailableReply(route.family))
        }, state.faults.delayMs)
        held.add(timer)
        return
      }
      case 'http500':
        return reply(internalErrorReply(route.family))
      case 'http503':
        return reply(unavailableReply(route.family))
      case 'throttle':
        return reply(throttleReply(route.family, state.faults.retryAfterSeconds))
    }
    const request: EmulatorRequest = {
      method,
      pathname: url.pathname,
      query: url.searchParams,
      headers: incoming.headers,
      body: body.text,
      bytes: body.bytes
    }
    reply(safeDispatch(route, request, state, fault))
  }

  const server = createServer((incoming, response) => {
    serve(incoming, response).catch(() => {
      if (!response.headersSent) write(response, internalErrorReply('unknown'))
      else response.destroy()
    })
  })
  server.on('clientError', (_error, socket: Socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })

  return {
    server,
    shutdown: () => {
      for (const timer of held) clearTimeout(timer)
      held.clear()
      server.closeAllConnections()
    }
  }
}
