import { randomUUID } from 'crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import type { AddressInfo, Socket } from 'net'
import type { Logger } from 'pino'
import { redactText, withSecretScope } from '../../support/redact'
import { DEFAULT_ACCOUNT_NAME } from '../config/accounts'
import type { CliSettings } from '../config/settings'
import type { OriginalConversionLookup } from '../forward-log/original-conversion'
import type { Outcome } from '../../outcome'
import { RequestError } from '../errors'
import { SEGMENT_ACTIONS, isSegmentAction, type SegmentHost } from '../host/segment-host'
import type { CliMetrics } from '../metrics/cli-metrics'
import { parseActionRequest } from './action-request'
import { isAuthorized } from './caller-auth'
import type { HealthMonitor } from './health'
import { diagnosticsRoute } from './diagnostics-route'
import { combinedStatus, type UnattributedWatch } from './unattributed-health'
import { sendError, sendJson, sendText } from './http-reply'
import { readJsonBody } from './json-body'
import { BodyBudget, SERVER_OPTIONS, applyConnectionLimits, type ServeLimits } from './limits'
import { logRequest, type RequestRecord } from './request-log'
import { rudderstackSummary } from './rudderstack-summary'
import { runActionRequest } from './run-actions'
import type { ForwardLog } from '../forward-log/forward-log'
import { answerLog } from './log-route'
import { retryStatus } from './retry-status'
import { answerWebhook, webhookSender, type WebhookContext } from './webhooks/webhook-route'
import { basicAuthorized, fromLoopback, isAdminPath } from './admin/admin-auth'
import { answerAdmin, type AdminContext } from './admin/admin-route'

/**
 * A handler of the /rudderstack/... routes: the path after /rudderstack, the parsed body and the request headers
 * (rudder-server declares features such as the filter code in them) in, a JSON answer out.
 */
export type RudderstackRoutes = (
  path: string,
  body: unknown,
  headers?: Record<string, string | string[] | undefined>
) => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>

/** One account the server sends for: its settings, and its RudderStack routes. */
export interface ServeAccount {
  name: string
  settings: CliSettings
  rudderstack: RudderstackRoutes
}

export interface ServeContext {
  segment: SegmentHost
  /** The accounts, by name; the unprefixed routes use `defaultAccount`. */
  accounts: ReadonlyMap<string, ServeAccount>
  defaultAccount: string
  metrics: CliMetrics
  limits: ServeLimits
  mode: 'embedded' | 'configured'
  health: HealthMonitor
  /** Microsoft's processing results, read in the background: GET /diagnostics, and degraded /health. */
  unattributed?: UnattributedWatch
  logger: Logger
  /** When set, every route but GET /health needs `Authorization: Bearer <callerToken>`. */
  callerToken?: string
  /** Where a refund that does not name its original conversion finds it by order id (the forward log). */
  originalConversions?: OriginalConversionLookup
  /** POST /webhooks/{segment|rudderstack}. */
  webhooks?: WebhookContext
  /** The forward log GET /log reads (absent with --no-forward-log). */
  forwardLog?: ForwardLog
  /** GET / (the admin page). */
  admin?: AdminContext
}

/** What the server holds while it runs: the shared body budget and the open connections. */
export interface ServeServer {
  server: Server
  budget: BodyBudget
  openConnections: () => number
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new RequestError(
      400,
      'bad_url',
      'The URL holds a percent sign that is not followed by two hexadecimal digits.'
    )
  }
}

/** `/accounts/NAME/rest` → NAME and `/rest`; other paths belong to the default account. */
function splitAccount(pathname: string): { account?: string; path: string } {
  const prefixed = /^\/accounts\/([^/]+)(\/.*)?$/.exec(pathname)
  if (!prefixed) return { path: pathname }
  return { account: decodeSegment(prefixed[1]), path: prefixed[2] ?? '/' }
}

function routeLabel(path: string): string {
  if (path.startsWith('/actions/')) return 'actions'
  if (path === '/rudderstack' || path.startsWith('/rudderstack/')) return 'rudderstack'
  if (path === '/health' || path === '/metrics' || path === '/diagnostics') return path.slice(1)
  if (path.startsWith('/webhooks/')) return 'webhooks'
  if (path === '/log' || path === '/log/') return 'log'
  return 'unknown'
}

function tallyOutcomes(record: RequestRecord, outcomes: readonly Outcome[]): void {
  const counts: Record<string, number> = {}
  const trackingIds = new Set<string>()
  for (const outcome of outcomes) {
    const key = `${outcome.outcome}:${outcome.reason}`
    counts[key] = (counts[key] ?? 0) + 1
    if (outcome.trackingId) trackingIds.add(outcome.trackingId)
  }
  record.outcomes = counts
  if (trackingIds.size) record.trackingIds = [...trackingIds]
}

interface Exchange {
  context: ServeContext
  budget: BodyBudget
  request: IncomingMessage
  response: ServerResponse
  record: RequestRecord
}

function health(context: ServeContext, response: ServerResponse): void {
  const report = context.health.report()
  const status = combinedStatus(report.status, context.unattributed)
  sendJson(response, status === 'down' ? 503 : 200, {
    status,
    ok: status !== 'down',
    mode: context.mode,
    token: report.token,
    window: report.window,
    thresholds: report.thresholds,
    ...(context.unattributed ? { processing: context.unattributed.verdict() } : {}),
    accounts: [...context.accounts.keys()],
    actions: SEGMENT_ACTIONS,
    rudderstack: true
  })
}

async function handle(exchange: Exchange, pathname: string): Promise<void> {
  const { context, request, response, record } = exchange
  const method = request.method ?? 'GET'
  const adminPage = Boolean(context.admin) && isAdminPath(splitAccount(pathname).path)
  const token = context.callerToken
  if (
    pathname !== '/health' &&
    !isAuthorized(request, token) &&
    !(adminPage && token && basicAuthorized(request, token))
  ) {
    request.resume()
    return sendError(
      response,
      401,
      'unauthorized',
      'This server needs Authorization: Bearer <token> (the MSADS_SERVE_TOKEN it was started with).',
      {
        // A browser asks for Basic credentials by itself: the admin page takes the token as the password.
        'WWW-Authenticate': adminPage ? 'Basic realm="msads serve", charset="UTF-8"' : 'Bearer realm="msads serve"'
      }
    )
  }
  if (adminPage && !token && !fromLoopback(request)) {
    request.resume()
    return sendError(response, 403, 'forbidden', 'Without a caller token the admin page answers this machine only.')
  }
  if (pathname === '/health') {
    if (method !== 'GET' && method !== 'HEAD') throw new RequestError(405, 'method_not_allowed', 'Use GET /health.')
    return health(context, response)
  }
  if (pathname === '/diagnostics') return diagnosticsRoute(context.unattributed, method, response)
  if (pathname === '/metrics') {
    if (method !== 'GET') throw new RequestError(405, 'method_not_allowed', 'Use GET /metrics.')
    return sendText(response, 200, await context.metrics.registry.metrics(), context.metrics.registry.contentType)
  }
  const { account: accountName, path } = splitAccount(pathname)
  record.route = routeLabel(path)
  const account = context.accounts.get(accountName ?? context.defaultAccount)
  if (!account) {
    throw new RequestError(
      404,
      'unknown_account',
      `There is no account "${redactText(accountName ?? '')}". Accounts: ${[...context.accounts.keys()].join(', ')}.`
    )
  }
  record.account = account.name
  const action = /^\/actions\/([^/]+)\/?$/.exec(path)
  if (action) {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', `Use POST ${pathname}.`)
    const name = decodeSegment(action[1])
    if (!isSegmentAction(name))
      throw new RequestError(
        404,
        'unknown_action',
        `There is no action "${redactText(name)}". Actions: ${SEGMENT_ACTIONS.join(', ')}.`
      )
    record.action = name
    const parsed = parseActionRequest(
      name,
      await readJsonBody(request, context.limits.maxBodyBytes, exchange.budget),
      account.settings
    )
    record.events = parsed.events.length
    const originals = context.originalConversions && {
      lookup: context.originalConversions,
      account: account.name === DEFAULT_ACCOUNT_NAME ? undefined : account.name
    }
    const results = await runActionRequest(context.segment, parsed, {
      account: account.name,
      metrics: context.metrics,
      originals
    })
    tallyOutcomes(record, results)
    const own = parsed.runs.every(({ run }) => run.settings === account.settings && !run.auth)
    // Past the answer deadline these events were already counted as retries.
    if (!response.headersSent) context.health.record(results, own)
    // A sender retries on 5xx and 429 only: an event to send again makes the whole answer say so.
    const { status, headers } = retryStatus(results, context.limits.retryAfterSeconds)
    return sendJson(response, status, { action: name, mode: parsed.mode, results }, headers)
  }
  if (adminPage && context.admin) {
    const base = accountName === undefined ? '' : `/accounts/${encodeURIComponent(accountName)}`
    const page = await answerAdmin(context.admin, { request, budget: exchange.budget, account, base, path })
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    response.setHeader('Cache-Control', 'no-store')
    return sendText(response, 200, page, 'text/html; charset=utf-8')
  }
  const sender = webhookSender(path)
  if (sender && context.webhooks) {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', `Use POST ${pathname}.`)
    record.action = sender
    const answer = await answerWebhook(sender, context.webhooks, {
      request,
      budget: exchange.budget,
      maxBodyBytes: context.limits.maxBodyBytes,
      retryAfterSeconds: context.limits.retryAfterSeconds,
      account
    })
    record.events = answer.outcomes.length
    tallyOutcomes(record, answer.outcomes)
    if (!response.headersSent) context.health.record(answer.outcomes, true)
    return sendJson(response, answer.status, answer.body, answer.headers)
  }
  if (path === '/log' || path === '/log/') {
    if (method !== 'GET') throw new RequestError(405, 'method_not_allowed', `Use GET ${pathname}.`)
    const url = new URL(request.url ?? '/', 'http://msads.invalid')
    return sendJson(response, 200, answerLog(context.forwardLog, url, accountName))
  }
  if (path === '/rudderstack' || path.startsWith('/rudderstack/')) {
    if (method !== 'POST') throw new RequestError(405, 'method_not_allowed', `Use POST ${pathname}.`)
    const subPath = path.slice('/rudderstack'.length)
    const body = await readJsonBody(request, context.limits.maxBodyBytes, exchange.budget)
    const answer = await account.rudderstack(subPath, body, request.headers)
    const summary = rudderstackSummary(subPath, body, answer.body)
    Object.assign(record, { stage: summary.stage, events: summary.events, outcomes: summary.outcomes })
    if (summary.trackingIds.length) record.trackingIds = summary.trackingIds
    if (summary.jobs.length && !response.headersSent) context.health.record(summary.jobs, summary.stage === 'deliver')
    return sendJson(response, answer.status, answer.body, answer.headers)
  }
  throw new RequestError(
    404,
    'unknown_route',
    `No route ${method} ${redactText(pathname)}. Routes: POST [/accounts/NAME]/actions/{${SEGMENT_ACTIONS.join('|')}}, ` +
      'POST [/accounts/NAME]/rudderstack/..., POST [/accounts/NAME]/webhooks/{segment|rudderstack}, GET [/accounts/NAME]/log, GET /health, GET /diagnostics, GET /metrics.'
  )
}

function fail(exchange: Exchange, error: unknown): void {
  const { request, response, record, context } = exchange
  // A route handler's decodeURIComponent of a bad percent-encoding: the caller's URL, not the server, is at fault.
  if (error instanceof URIError)
    error = new RequestError(
      400,
      'bad_url',
      'The URL holds a percent sign that is not followed by two hexadecimal digits.'
    )
  if (error instanceof RequestError) {
    const closing = error.status === 413 || error.status === 503
    const headers: Record<string, string> = closing ? { Connection: 'close' } : {}
    if (error.status === 503) headers['Retry-After'] = String(context.limits.retryAfterSeconds)
    record.error = error.code
    sendError(response, error.status, error.code, redactText(error.message), headers)
    if (closing || error.code === 'incomplete_body') request.resume()
    return
  }
  // Internals (messages, stacks, paths) go to the log only; the caller learns that it may retry.
  record.error = redactText(String((error as Error)?.message ?? error)).slice(0, 300)
  sendError(
    response,
    500,
    'internal_error',
    'The server could not handle the request; it is logged under this request id. Retry later.',
    {
      'X-Request-Id': record.requestId
    }
  )
}

/** Past the answer bound: 503, retryable, whatever the run is still doing (Microsoft deduplicates a resend). */
function answerTimedOut(exchange: Exchange): void {
  const { response, record, context } = exchange
  record.error = 'answer_timeout'
  // What did not settle counts against the health window as retries, as a caller sees them.
  if (record.events)
    context.health.record(
      Array.from({ length: record.events }, () => ({ outcome: 'retry' as const, reason: 'timeout' })),
      true
    )
  response.setHeader('Connection', 'close')
  sendJson(
    response,
    503,
    {
      error: {
        status: 503,
        code: 'answer_timeout',
        message: `The request did not settle within ${context.limits.answerTimeoutMs} ms; retry it.`
      },
      outcome: 'retry',
      reason: 'timeout',
      retryAfterSeconds: context.limits.retryAfterSeconds
    },
    { 'Retry-After': String(context.limits.retryAfterSeconds) }
  )
}

function answer(context: ServeContext, budget: BodyBudget, request: IncomingMessage, response: ServerResponse): void {
  const started = process.hrtime.bigint()
  const record: RequestRecord = { requestId: randomUUID(), method: request.method ?? 'GET', route: 'unknown' }
  const exchange: Exchange = { context, budget, request, response, record }
  response.setHeader('X-Request-Id', record.requestId)
  let pathname = '/'
  try {
    pathname = new URL(request.url ?? '/', 'http://msads.invalid').pathname
  } catch {
    pathname = '/'
  }
  record.route = routeLabel(pathname)
  const deadline = setTimeout(() => answerTimedOut(exchange), context.limits.answerTimeoutMs)
  deadline.unref()
  let logged = false
  const finish = (): void => {
    if (logged) return
    logged = true
    clearTimeout(deadline)
    record.status = response.statusCode
    context.metrics.httpRequests.inc({ route: record.route, status: String(response.statusCode) })
    logRequest(context.logger, record, Number(process.hrtime.bigint() - started) / 1e6)
  }
  response.once('finish', finish)
  response.once('close', finish)
  handle(exchange, pathname).catch((error: unknown) => fail(exchange, error))
}

/** The `msads serve` HTTP server: every bad request gets a JSON 4xx, and nothing a client sends stops it. */
export function createServeServer(context: ServeContext): ServeServer {
  const budget = new BodyBudget(context.limits.maxBufferedBytes)
  // Each request runs in its own secret scope: the secrets its settings bring mask its own answer only.
  const server = createServer(SERVER_OPTIONS, (request, response) =>
    withSecretScope(() => answer(context, budget, request, response))
  )
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    else socket.destroy()
  })
  const connections = applyConnectionLimits(server, context.limits)
  return { server, budget, openConnections: connections.open }
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
