import { waitForStop } from '../../support/wait-for-stop'
import { CallerAuthError, ConfigError, exitCodeOf, failureText } from '../errors'
import { EXIT, type CliIo } from '../io'
import type { ServeLimits } from '../serve/limits'
import { serveDiagnosticsOptions } from '../serve/serve-diagnostics'
import { DEFAULT_HOST, DEFAULT_PORT, startServe, type ServeOptions } from '../serve/start-serve'
import { forwardLogPath } from '../forward-log/log-path'
import type { ForwardLogRetention } from '../forward-log/forward-log'
import { SubscriptionError, UsageError } from '../errors'
import { fromEnvironment, portNumber } from '../option-parsers'

/** The options of `msads serve` as commander parsed and checked them (program.ts): numbers are numbers. */
export interface ServeCommandOptions {
  port?: number
  host?: string
  config?: string
  maxBodyBytes?: number
  emulatorPort?: number
  tokenFile?: string
  allowUnauthenticated?: boolean
  logFormat?: 'json' | 'pretty'
  maxConnections?: number
  maxBufferedBytes?: number
  headersTimeoutMs?: number
  bodyTimeoutMs?: number
  answerTimeoutMs?: number
  unattributedThreshold?: number
  diagnosticsIntervalMinutes?: number
  mapping?: string
  destinationConfig?: string
  /** A file, or false with --no-forward-log (commander's true when neither is given). */
  forwardLog?: string | boolean
  forwardLogMaxAgeDays?: number
  forwardLogMaxMb?: number
  segmentWebhookSecretFile?: string
}

/** The limits given on the command line (the others keep their defaults). */
function limitsOf(options: ServeCommandOptions): Partial<ServeLimits> {
  const given: Partial<ServeLimits> = {
    maxConnections: options.maxConnections,
    maxBufferedBytes: options.maxBufferedBytes,
    headersTimeoutMs: options.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs,
    answerTimeoutMs: options.answerTimeoutMs
  }
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined))
}

/** The forward log's retention from --forward-log-max-age-days and --forward-log-max-mb. */
function retentionOf(options: ServeCommandOptions): Partial<ForwardLogRetention> {
  const retention: Partial<ForwardLogRetention> = {}
  if (options.forwardLogMaxAgeDays !== undefined) retention.maxAgeDays = options.forwardLogMaxAgeDays
  if (options.forwardLogMaxMb !== undefined) retention.maxBytes = Math.round(options.forwardLogMaxMb * 2 ** 20)
  return retention
}

/** --port, else PORT (which commander does not read, so it is checked here by the same rule), else 3000. */
function portOf(port: number | undefined, env: NodeJS.ProcessEnv): number | string {
  if (port !== undefined) return port
  if (env.PORT === undefined || env.PORT === '') return DEFAULT_PORT
  return fromEnvironment('PORT', env.PORT, portNumber)
}

/** `msads serve`: runs until SIGINT/SIGTERM (or io.stop). */
export async function runServe(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const port = portOf(options.port, io.env)
  const diagnostics = serveDiagnosticsOptions(options, io.env)
  if (typeof port === 'string' || typeof diagnostics === 'string') {
    io.stderr.write(`msads serve: ${typeof port === 'string' ? port : (diagnostics as string)}\n`)
    return EXIT.usage
  }
  const serveOptions: ServeOptions = {
    diagnostics,
    forwardLog:
      options.forwardLog === false
        ? false
        : forwardLogPath(typeof options.forwardLog === 'string' ? options.forwardLog : undefined, io.env),
    forwardLogRetention: retentionOf(options),
    mappingFile: options.mapping,
    destinationConfigFile: options.destinationConfig,
    segmentWebhookSecretFile: options.segmentWebhookSecretFile,
    limits: limitsOf(options),
    logFormat: options.logFormat ?? 'json',
    port,
    host: options.host ?? DEFAULT_HOST,
    configFile: options.config,
    maxBodyBytes: options.maxBodyBytes,
    tokenFile: options.tokenFile,
    allowUnauthenticated: options.allowUnauthenticated === true,
    env: io.env,
    emulatorPort: options.emulatorPort
  }
  let running
  try {
    running = await startServe(serveOptions)
  } catch (error) {
    const expected =
      error instanceof CallerAuthError ||
      error instanceof ConfigError ||
      error instanceof SubscriptionError ||
      error instanceof UsageError
    io.stderr.write(`msads serve: ${expected ? '' : 'could not start: '}${failureText(error)}\n`)
    return exitCodeOf(error)
  }
  io.stdout.write(`${running.banner.join('\n')}\nPress Ctrl+C to stop.\n`)
  await waitForStop(io.stop)
  await running.close()
  io.stdout.write('msads serve stopped.\n')
  return EXIT.ok
}
