import { waitForStop } from '../../support/wait-for-stop'
import { CallerAuthError, ConfigError, exitCodeOf, failureText } from '../errors'
import { EXIT, type CliIo } from '../io'
import type { ServeLimits } from '../serve/limits'
import { serveDiagnosticsOptions } from '../serve/serve-diagnostics'
import { DEFAULT_HOST, DEFAULT_PORT, startServe, type ServeOptions } from '../serve/start-serve'
import { forwardLogPath } from '../forward-log/log-path'
import type { ForwardLogRetention } from '../forward-log/forward-log'
import { SubscriptionError, InputError } from '../errors'

/** The forward log's retention from --forward-log-max-age-days and --forward-log-max-mb, or the first problem. */
function retentionOf(options: ServeCommandOptions): Partial<ForwardLogRetention> | string {
  const retention: Partial<ForwardLogRetention> = {}
  if (options.forwardLogMaxAgeDays !== undefined) {
    const days = Number(options.forwardLogMaxAgeDays)
    if (!(days > 0 && Number.isFinite(days))) return '--forward-log-max-age-days must be a positive number'
    retention.maxAgeDays = days
  }
  if (options.forwardLogMaxMb !== undefined) {
    const mb = Number(options.forwardLogMaxMb)
    if (!(mb > 0 && Number.isFinite(mb))) return '--forward-log-max-mb must be a positive number'
    retention.maxBytes = Math.round(mb * 2 ** 20)
  }
  return retention
}

export interface ServeCommandOptions {
  port?: string
  host?: string
  config?: string
  maxBodyBytes?: string
  emulatorPort?: number
  tokenFile?: string
  allowUnauthenticated?: boolean
  logFormat?: string
  maxConnections?: string
  maxBufferedBytes?: string
  headersTimeoutMs?: string
  bodyTimeoutMs?: string
  answerTimeoutMs?: string
  unattributedThreshold?: string
  diagnosticsIntervalMinutes?: string
  mapping?: string
  destinationConfig?: string
  /** A file, or false with --no-forward-log (commander's true when neither is given). */
  forwardLog?: string | boolean
  forwardLogMaxAgeDays?: string
  forwardLogMaxMb?: string
  segmentWebhookSecretFile?: string
}

const LIMIT_OPTIONS = {
  maxConnections: ['--max-connections', 'maxConnections'],
  maxBufferedBytes: ['--max-buffered-bytes', 'maxBufferedBytes'],
  headersTimeoutMs: ['--headers-timeout-ms', 'headersTimeoutMs'],
  bodyTimeoutMs: ['--body-timeout-ms', 'bodyTimeoutMs'],
  answerTimeoutMs: ['--answer-timeout-ms', 'answerTimeoutMs']
} as const

/** The limits given on the command line, or the name of the first option that is not a positive whole number. */
function limitsOf(options: ServeCommandOptions): Partial<ServeLimits> | string {
  const limits: Partial<ServeLimits> = {}
  for (const [key, [flag, limit]] of Object.entries(LIMIT_OPTIONS) as Array<
    [keyof typeof LIMIT_OPTIONS, readonly [string, keyof ServeLimits]]
  >) {
    const raw = options[key]
    if (raw === undefined) continue
    const value = Number(raw)
    if (!(Number.isInteger(value) && value > 0)) return `${flag} must be a positive whole number`
    limits[limit] = value
  }
  return limits
}

function portOf(value: string | undefined, env: NodeJS.ProcessEnv): number | string {
  const raw = value ?? env.PORT
  if (raw === undefined || raw === '') return DEFAULT_PORT
  const port = Number(raw)
  return Number.isInteger(port) && port >= 0 && port <= 65_535
    ? port
    : `the port must be a number from 0 to 65535, not "${raw}"`
}

/** `msads serve`: runs until SIGINT/SIGTERM (or io.stop). */
export async function runServe(options: ServeCommandOptions, io: CliIo): Promise<number> {
  const port = portOf(options.port, io.env)
  if (typeof port === 'string') {
    io.stderr.write(`msads serve: ${port}\n`)
    return EXIT.usage
  }
  const maxBodyBytes = options.maxBodyBytes === undefined ? undefined : Number(options.maxBodyBytes)
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    io.stderr.write('msads serve: --max-body-bytes must be a positive whole number of bytes\n')
    return EXIT.usage
  }
  const limits = limitsOf(options)
  if (typeof limits === 'string') {
    io.stderr.write(`msads serve: ${limits}\n`)
    return EXIT.usage
  }
  const logFormat = options.logFormat ?? 'json'
  if (logFormat !== 'json' && logFormat !== 'pretty') {
    io.stderr.write('msads serve: --log-format must be json or pretty\n')
    return EXIT.usage
  }
  const diagnostics = serveDiagnosticsOptions(options, io.env)
  if (typeof diagnostics === 'string') {
    io.stderr.write(`msads serve: ${diagnostics}\n`)
    return EXIT.usage
  }
  const retention = retentionOf(options)
  if (typeof retention === 'string') {
    io.stderr.write(`msads serve: ${retention}\n`)
    return EXIT.usage
  }
  const serveOptions: ServeOptions = {
    diagnostics,
    forwardLog:
      options.forwardLog === false
        ? false
        : forwardLogPath(typeof options.forwardLog === 'string' ? options.forwardLog : undefined, io.env),
    forwardLogRetention: retention,
    mappingFile: options.mapping,
    destinationConfigFile: options.destinationConfig,
    segmentWebhookSecretFile: options.segmentWebhookSecretFile,
    limits,
    logFormat,
    port,
    host: options.host ?? DEFAULT_HOST,
    configFile: options.config,
    maxBodyBytes,
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
      error instanceof InputError
    io.stderr.write(`msads serve: ${expected ? '' : 'could not start: '}${failureText(error)}\n`)
    return exitCodeOf(error)
  }
  io.stdout.write(`${running.banner.join('\n')}\nPress Ctrl+C to stop.\n`)
  await waitForStop(io.stop)
  await running.close()
  io.stdout.write('msads serve stopped.\n')
  return EXIT.ok
}
