import type {
  ProcessorTransformationRequest,
  ProxyV1Request,
  RouterTransformationRequest
} from '../../../destinations/rudderstack/contracts/rudder-types'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from '../host/host-tokens'
import { RequestError } from '../errors'
import type { CliMetrics } from '../metrics/cli-metrics'
import { microsoftOperation } from '../metrics/microsoft-requests'
import { MAX_EVENTS_PER_REQUEST } from '../serve/action-request'
import { DEFAULT_LIMITS } from '../serve/limits'
import { retryStatus } from '../serve/retry-status'
import type { RudderstackRoutes } from '../serve/server'
import { cliDestination, destinationConfig } from './cli-destination'
import { RudderHost, type RudderJob } from '../host/rudder-host'
import {
  DEST_TYPE,
  requestMetadata,
  runDelivery,
  runProcessor,
  runRouter
} from '../../../destinations/rudderstack/service-layer'

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

function checkDestType(destType: unknown): void {
  if (typeof destType !== 'string' || destType.toLowerCase() !== DEST_TYPE) {
    throw new RequestError(
      404,
      'unknown_destination',
      `This server runs the ${DEST_TYPE} destination only, not "${typeof destType === 'string' ? destType : ''}".`
    )
  }
}

/**
 * The entries of a processor or router request as rudder-server sends them: {message, metadata, destination}, each
 * an object. Anything else is the caller's mistake (400), checked before the destination runs.
 */
function checkTransformInput(entries: unknown[], where: string): void {
  entries.forEach((entry, index) => {
    const at = `${where}[${index}]`
    if (!isObject(entry))
      throw new RequestError(400, 'invalid_request', `${at} must be an object {message, metadata, destination}.`)
    for (const key of ['message', 'metadata', 'destination'] as const) {
      if (!isObject(entry[key])) throw new RequestError(400, 'invalid_request', `${at}.${key} must be a JSON object.`)
    }
    const destination = entry.destination as Record<string, unknown>
    if (!isObject(destination.Config))
      throw new RequestError(400, 'invalid_request', `${at}.destination.Config must be a JSON object.`)
  })
}

/** Operations the delivery proxy may call: the requests this destination builds. */
const PROXIED_OPERATIONS = new Set([
  'applyOfflineConversions',
  'applyOfflineConversionAdjustments',
  'applyOnlineConversionAdjustments',
  'capi'
])

/** The proxy sends where the request says; only to Microsoft's endpoints as this process resolves them. */
function checkProxyEndpoint(endpoint: string): void {
  const operation = microsoftOperation(endpoint)
  if (!operation || !PROXIED_OPERATIONS.has(operation)) {
    throw new RequestError(
      400,
      'endpoint_not_allowed',
      "endpoint must be one of the Microsoft endpoints this destination builds (an Apply operation or the UET Conversions API), as the server's environment resolves them."
    )
  }
}

/** /deliver uses the server's credentials, so a request may not name another account or bring its own destination or secrets. */
const ACCOUNT_CONFIG_KEYS = [
  'customerId',
  'customerAccountId',
  'environment',
  'uetTagId',
  'capiToken',
  'rudderAccountId'
]

function jobsOf(body: Record<string, unknown>): RudderJob[] {
  if (Array.isArray(body.input)) {
    return body.input.map((entry, index) => {
      if (!isObject(entry) || !isObject(entry.message))
        throw new RequestError(400, 'invalid_request', `input[${index}] must be an object with a message object.`)
      if (entry.destination !== undefined || (isObject(entry.metadata) && entry.metadata.secret !== undefined)) {
        throw new RequestError(
          400,
          'invalid_request',
          `input[${index}]: /deliver uses the server's destination and credentials; send destination and secrets to the contract routes instead.`
        )
      }
      return entry as unknown as RudderJob
    })
  }
  if (Array.isArray(body.messages)) {
    return body.messages.map((message, index) => {
      if (!isObject(message))
        throw new RequestError(400, 'invalid_request', `messages[${index}] must be a RudderStack message object.`)
      return { message }
    })
  }
  throw new RequestError(
    400,
    'invalid_request',
    'The body needs messages (an array of RudderStack messages) or input (an array of {message, metadata?, destination?}).'
  )
}

/**
 * The RudderStack routes of `msads serve`, under /rudderstack:
 * - POST /v0/destinations/bingads_conversions: the processor transform (body: [{message, metadata, destination}]);
 * - POST /routerTransform: the router transform (body: {input, destType});
 * - POST /v1/destinations/bingads_conversions/proxy: the delivery proxy (body: a ProxyV1Request);
 * - POST /deliver: router and proxy end to end with the server's credentials (body: {messages | input, destinationConfig?}).
 */
export function rudderstackRoutes(context: {
  serverSettings: CliSettings
  tokens: HostTokens
  metrics?: CliMetrics
  account?: string
}): RudderstackRoutes {
  return async (path, body, headers = {}) => {
    const reqMetadata = requestMetadata(
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value].flat().join(',')]))
    )
    const processor = /^\/v0\/destinations\/([^/]+)\/?$/.exec(path)
    if (processor) {
      checkDestType(decodeURIComponent(processor[1]))
      if (!Array.isArray(body))
        throw new RequestError(
          400,
          'invalid_request',
          'The processor takes an array of {message, metadata, destination}.'
        )
      checkTransformInput(body, 'body')
      return runProcessor(body as ProcessorTransformationRequest[], reqMetadata)
    }
    if (path === '/routerTransform' || path === '/routerTransform/') {
      if (!isObject(body) || !Array.isArray(body.input))
        throw new RequestError(
          400,
          'invalid_request',
          'The router transform takes {input: [{message, metadata, destination}], destType}.'
        )
      checkDestType(body.destType)
      checkTransformInput(body.input, 'input')
      return runRouter(body as unknown as RouterTransformationRequest, reqMetadata)
    }
    const proxy = /^\/v1\/destinations\/([^/]+)\/proxy\/?$/.exec(path)
    if (proxy) {
      checkDestType(decodeURIComponent(proxy[1]))
      if (!isObject(body) || typeof body.endpoint !== 'string' || !Array.isArray(body.metadata)) {
        throw new RequestError(
          400,
          'invalid_request',
          'The delivery proxy takes a ProxyV1Request: {endpoint, method, headers, body, metadata: [...], destinationConfig}.'
        )
      }
      checkProxyEndpoint(body.endpoint)
      const notObject = body.metadata.findIndex((entry) => !isObject(entry))
      if (notObject >= 0)
        throw new RequestError(400, 'invalid_request', `metadata[${notObject}] must be a JSON object (one job).`)
      if (!body.metadata.length) throw new RequestError(400, 'invalid_request', 'metadata must name at least one job.')
      return runDelivery(body as unknown as ProxyV1Request)
    }
    if (path === '/deliver' || path === '/deliver/') {
      if (!isObject(body))
        throw new RequestError(
          400,
          'invalid_request',
          'The body must be a JSON object: {messages | input, destinationConfig?}.'
        )
      const jobs = jobsOf(body)
      if (!jobs.length) throw new RequestError(400, 'invalid_request', 'There is nothing to deliver.')
      if (jobs.length > MAX_EVENTS_PER_REQUEST)
        throw new RequestError(413, 'too_many_events', `Send at most ${MAX_EVENTS_PER_REQUEST} messages per request.`)
      if (body.destinationConfig !== undefined && !isObject(body.destinationConfig))
        throw new RequestError(400, 'invalid_request', 'destinationConfig must be a JSON object.')
      const accountKeys = Object.keys(body.destinationConfig ?? {}).filter((key) => ACCOUNT_CONFIG_KEYS.includes(key))
      if (accountKeys.length) {
        throw new RequestError(
          400,
          'invalid_request',
          `destinationConfig may not set ${accountKeys.join(', ')}: /deliver sends to the server's own account.`
        )
      }
      const destination = cliDestination(destinationConfig(context.serverSettings, body.destinationConfig))
      const host = new RudderHost({
        tokens: context.tokens,
        settings: context.serverSettings,
        destination,
        metrics: context.metrics,
        account: context.account
      })
      const delivered = await host.deliver(jobs)
      // As the webhooks: a job to send again makes the answer retryable (429 or 503, with Retry-After).
      const { status, headers: retryHeaders } = retryStatus(delivered, DEFAULT_LIMITS.retryAfterSeconds)
      return { status, body: { jobs: delivered }, headers: retryHeaders }
    }
    throw new RequestError(
      404,
      'unknown_route',
      `No RudderStack route ${path}. Routes: /rudderstack/v0/destinations/${DEST_TYPE}, /rudderstack/routerTransform, /rudderstack/v1/destinations/${DEST_TYPE}/proxy, /rudderstack/deliver.`
    )
  }
}
