import type { Server } from 'http'
import type { RunningEmulator } from '../../emulator'
import { loadSettings } from '../config/load-settings'
import { SegmentHost } from '../host/segment-host'
import { CliMetrics } from '../metrics/cli-metrics'
import type { DestinationStream } from 'pino'
import { DEFAULT_ACCOUNT_NAME } from '../config/accounts'
import { callerToken, checkExposure } from './caller-auth'
import { DEFAULT_HEALTH_THRESHOLDS, HealthMonitor, type HealthThresholds } from './health'
import { DEFAULT_LIMITS, type BodyBudget, type ServeLimits } from './limits'
import { createRequestLogger, type LogFormat } from './request-log'
import { serveAccounts } from './serve-accounts'
import { rudderstackRoutes } from '../rudderstack/routes'
import { openSession } from '../session/open-session'
import { sampleCurl } from './sample-request'
import type { OriginalConversionLookup } from '../forward-log/original-conversion'
import { createServeServer, listen } from './server'
import { serveDiagnostics, type ServeDiagnosticsOptions } from './serve-diagnostics'
import type { UnattributedWatch } from './unattributed-health'
import { ForwardLog, type ForwardLogRetention } from '../forward-log/forward-log'
import { webhookContext } from './webhooks/webhook-setup'

/** This package's version, for the admin page: its package.json from the sources, or from dist/ when compiled. */
function packageVersion(): string {
  for (const path of ['../../../package.json', '../../../../package.json']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- read once at start, from the package root
      const found = require(path) as { name?: string; version?: string }
      if (found.name === 'msads-conversions' && found.version) return found.version
    } catch {
      // not at this depth
    }
  }
  return 'unknown'
}

export const DEFAULT_PORT = 3000
export const DEFAULT_HOST = '127.0.0.1'

export interface ServeOptions {
  port?: number
  host?: string
  configFile?: string
  /** Bounds over the defaults (DEFAULT_LIMITS); maxBodyBytes is also `--max-body-bytes`. */
  limits?: Partial<ServeLimits>
  maxBodyBytes?: number
  /** A file whose first line is the caller token (else MSADS_SERVE_TOKEN). */
  tokenFile?: string
  /** Listen beyond loopback without a caller token (something in front authenticates). */
  allowUnauthenticated?: boolean
  /** `json` (one line per request, the default) or `pretty` (pino-pretty, for people). */
  logFormat?: LogFormat
  /** Where the request log goes (stderr by default). */
  logDestination?: DestinationStream
  health?: Partial<HealthThresholds>
  /** Microsoft's processing results: the unattributed-share threshold of /health and how often they are read. */
  diagnostics?: ServeDiagnosticsOptions
  env?: NodeJS.ProcessEnv
  /** The embedded emulator's port when there are no credentials (0, the default, picks a free one). */
  emulatorPort?: number
  /** Where refunds that do not name their original conversion find it by order id (the forward log). */
  originalConversions?: OriginalConversionLookup
  /** The forward log's file (`msads serve` passes MSADS_FORWARD_LOG or the state directory's); in memory when left out; false for none. */
  forwardLog?: string | false
  forwardLogRetention?: Partial<ForwardLogRetention>
  /** Segment subscriptions for POST /webhooks/segment (default: the destination's presets). */
  mappingFile?: string
  /** RudderStack destination Config keys over the defaults, for POST /webhooks/rudderstack. */
  destinationConfigFile?: string
  /** A file whose first line is Segment's shared secret (else MSADS_SEGMENT_WEBHOOK_SECRET). */
  segmentWebhookSecretFile?: string
}

export interface RunningServe {
  url: string
  mode: 'embedded' | 'configured'
  /** The in-process emulator, in embedded mode. */
  emulator?: RunningEmulator
  forwardLog?: ForwardLog
  /** The banner lines to print: what the server runs on, and how to try it. */
  banner: string[]
  sampleCurl: string
  metrics: CliMetrics
  server: Server
  /** Request bodies held now and at most, across requests. */
  budget: BodyBudget
  openConnections(): number
  accounts: string[]
  /** The background reader behind GET /diagnostics and the processing part of /health. */
  diagnostics: UnattributedWatch
  close(): Promise<void>
}

/**
 * Starts `msads serve`. With credentials (environment or config file) it talks to Microsoft; without any it starts
 * the emulator in this process, points MSADS_API_BASE_URL at it, and uses its demo credentials for requests that
 * bring no settings.
 */
export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const env = options.env ?? process.env
  const host = options.host ?? DEFAULT_HOST
  const token = callerToken({ tokenFile: options.tokenFile, env })
  checkExposure(host, token, options.allowUnauthenticated === true)
  // The shared settings: each account of the config file is laid over them below.
  const loaded = await loadSettings({ configFile: options.configFile, env, account: DEFAULT_ACCOUNT_NAME })
  const limits: ServeLimits = {
    ...DEFAULT_LIMITS,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...options.limits
  }
  const metrics = new CliMetrics({ processMetrics: true }).observeMicrosoft()

  // Credentials at the top level or in any account mean Microsoft, not the embedded emulator.
  const session = await openSession(loaded, { anyAccount: true, emulatorPort: options.emulatorPort, metrics })
  const { emulator, tokens, settings: serverSettings } = session
  const segment = new SegmentHost({ tokens, metrics })
  const mode = session.mode === 'embedded' ? 'embedded' : 'configured'
  const { accounts, defaultAccount } = serveAccounts(serverSettings, loaded.accounts, (account, settings) =>
    rudderstackRoutes({ serverSettings: settings, tokens, metrics, account })
  )
  let forwardLog: ForwardLog | undefined
  let webhooks
  try {
    forwardLog =
      options.forwardLog === false
        ? undefined
        : ForwardLog.open(options.forwardLog ?? ':memory:', { retention: options.forwardLogRetention })
    webhooks = await webhookContext({
      segment,
      tokens,
      metrics,
      forwardLog,
      mappingFile: options.mappingFile,
      destinationConfigFile: options.destinationConfigFile,
      segmentSecretFile: options.segmentWebhookSecretFile,
      env
    })
  } catch (error) {
    forwardLog?.close()
    metrics.stop()
    await session.close()
    throw error
  }
  const health = new HealthMonitor({ ...DEFAULT_HEALTH_THRESHOLDS, ...options.health })
  const logger = createRequestLogger({
    level: env.LOG_LEVEL,
    format: options.logFormat,
    destination: options.logDestination
  })
  // The diagnostics show what this server delivered beside Microsoft's counts, from its forward log.
  const sent = forwardLog?.sentCountsOf(defaultAccount)
  const diagnostics = serveDiagnostics(serverSettings, tokens, { ...options.diagnostics, sent }, logger)
  const { server, budget, openConnections } = createServeServer({
    segment,
    accounts,
    defaultAccount,
    metrics,
    limits,
    mode,
    health,
    logger,
    callerToken: token,
    unattributed: diagnostics,
    originalConversions: options.originalConversions ?? forwardLog,
    webhooks,
    forwardLog,
    admin: { version: packageVersion(), startedAt: Date.now(), health, segment, tokens, forwardLog }
  })
  const restore = async (): Promise<void> => {
    diagnostics.stop()
    metrics.stop()
    logger.flush()
    forwardLog?.close()
    await session.close()
  }
  let url: string
  try {
    url = await listen(server, options.port ?? DEFAULT_PORT, host)
  } catch (error) {
    await restore()
    throw error
  }
  diagnostics.start()

  const curl = sampleCurl(url, undefined, Boolean(token))
  const banner = session.notice
    ? [session.notice]
    : [
        `Using Microsoft Advertising credentials from ${[...new Set(Object.values(loaded.sources))].join(' and ')} (${serverSettings.environment ?? 'production'}).`
      ]
  banner.push(
    `msads serve listening on ${url}  (POST /actions/{trackConversion|adjustConversion|uetCapiEvent}, POST /rudderstack/..., POST /webhooks/{segment|rudderstack}, GET /log, GET /health, GET /diagnostics, GET /metrics)`
  )
  if (forwardLog)
    banner.push(
      `Forward log: ${forwardLog.path === ':memory:' ? 'in memory (lost when the server stops)' : forwardLog.path}`
    )
  if (accounts.size > 1) {
    const names = [...accounts.keys()].join(', ')
    banner.push(
      `Accounts: ${names} (/accounts/NAME/actions/..., /accounts/NAME/rudderstack/...; unprefixed: ${defaultAccount}).`
    )
  }
  banner.push(
    token
      ? 'Callers must send Authorization: Bearer <MSADS_SERVE_TOKEN>.'
      : 'No caller token: only this machine should reach the server.'
  )
  if (emulator) banner.push('Send a sample purchase end to end:', `  ${curl}`)

  return {
    url,
    mode,
    emulator,
    forwardLog,
    banner,
    sampleCurl: curl,
    metrics,
    server,
    budget,
    openConnections,
    accounts: [...accounts.keys()],
    diagnostics,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await restore()
    }
  }
}
