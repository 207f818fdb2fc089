import { subscribe, unsubscribe } from 'diagnostics_channel'
import type { ClientRequest, IncomingMessage } from 'http'
import { CAMPAIGN_OPERATIONS } from '../../microsoft/campaign-operations'
import { resolveEndpoints, type Environment } from '../../microsoft/endpoints'

/** One request to Microsoft (or the emulator standing in for it) that got an answer or failed. */
export interface MicrosoftRequest {
  /** A Campaign Management operation name, `capi` or `token`. */
  operation: string
  /** The HTTP status, or 0 when no answer came. */
  status: number
  seconds: number
}

const OPERATION_BY_PATH = new Map(
  Object.entries(CAMPAIGN_OPERATIONS).map(([name, spec]) => [spec.path.toLowerCase(), name])
)

/** The operation a URL calls, when it is one of Microsoft's endpoints as this process resolves them. */
export function microsoftOperation(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const bare = url.split('?')[0]
  for (const environment of ['production', 'sandbox'] as Environment[]) {
    const endpoints = resolveEndpoints(environment, env)
    if (bare === endpoints.tokenUrl) return 'token'
    if (bare.startsWith(endpoints.capiBaseUrl)) return 'capi'
    if (bare.toLowerCase().startsWith(endpoints.campaignBaseUrl.toLowerCase())) {
      return OPERATION_BY_PATH.get(bare.slice(endpoints.campaignBaseUrl.length).toLowerCase()) ?? 'campaign_other'
    }
  }
  return undefined
}

interface UndiciRequest {
  origin?: string | URL
  path?: string
}

/**
 * Watches every outgoing HTTP request of the process through Node's diagnostics channels (node:http, used by
 * actions-core's fetch, and undici, behind the global fetch), so the latency of Microsoft's answers is measured
 * whichever client sent the request. Returns the function that stops watching.
 */
export function observeMicrosoftRequests(listener: (request: MicrosoftRequest) => void): () => void {
  const started = new WeakMap<object, { operation: string; at: bigint }>()
  const finish = (request: object, status: number): void => {
    const entry = started.get(request)
    if (!entry) return
    started.delete(request)
    listener({ operation: entry.operation, status, seconds: Number(process.hrtime.bigint() - entry.at) / 1e9 })
  }

  const onHttpStart = (message: unknown): void => {
    const request = (message as { request: ClientRequest }).request
    const host = request.getHeader('host') ?? request.host
    const operation = microsoftOperation(`${request.protocol}//${host}${request.path}`)
    if (!operation) return
    started.set(request, { operation, at: process.hrtime.bigint() })
    request.once('error', () => finish(request, 0))
  }
  const onHttpResponse = (message: unknown): void => {
    const { request, response } = message as { request: ClientRequest; response: IncomingMessage }
    finish(request, response.statusCode ?? 0)
  }
  const onUndiciCreate = (message: unknown): void => {
    const request = (message as { request: UndiciRequest }).request
    const operation = microsoftOperation(`${String(request.origin ?? '').replace(/\/$/, '')}${request.path ?? ''}`)
    if (operation) started.set(request, { operation, at: process.hrtime.bigint() })
  }
  const onUndiciHeaders = (message: unknown): void => {
    const { request, response } = message as { request: object; response: { statusCode: number } }
    finish(request, response.statusCode)
  }
  const onUndiciError = (message: unknown): void => finish((message as { request: object }).request, 0)

  const channels: Array<[string, (message: unknown) => void]> = [
    ['http.client.request.start', onHttpStart],
    ['http.client.response.finish', onHttpResponse],
    ['undici:request:create', onUndiciCreate],
    ['undici:request:headers', onUndiciHeaders],
    ['undici:request:error', onUndiciError]
  ]
  for (const [name, handler] of channels) subscribe(name, handler)
  return () => {
    for (const [name, handler] of channels) unsubscribe(name, handler)
  }
}
