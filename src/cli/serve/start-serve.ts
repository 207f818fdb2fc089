import type { Server } from 'http'
import { startEmulator, type RunningEmulator } from '../../emulator/start'
import { demoSettings } from '../config/demo-settings'
import { pointEndpointsAt } from '../config/endpoint-override'
import { loadSettings } from '../config/load-settings'
import type { CliSettings } from '../config/settings'
import { HostTokens } from '../host/host-tokens'
import { SegmentHost } from '../host/segment-host'
import { CliMetrics } from '../metrics/cli-metrics'
import { callerToken, checkExposure } from './caller-auth'
import { DEFAULT_MAX_BODY_BYTES } from './json-body'
import { rudderstackRoutesFactory } from '../rudderstack/available'
import { sampleCurl } from './sample-request'
import { createServeServer, listen, type RudderstackRoutes } from './server'

export const DEFAULT_PORT = 3000
export const DEFAULT_HOST = '127.0.0.1'

export interface ServeOptions {
  port?: number
  host?: string
  configFile?: string
  maxBodyBytes?: number
  /** A file whose first line is the caller token (else MSADS_SERVE_TOKEN). */
  tokenFile?: string
  /** Listen beyond loopback without a caller token (something in front authenticates). */
  allowUnauthenticated?: boolean
  env?: NodeJS.ProcessEnv
  /** Builds the /rudderstack routes for the server's settings, when the RudderStack destination is present. */
  rudderstack?: (context: { serverSettings: CliSettings; tokens: HostTokens; metrics: CliMetrics }) => RudderstackRoutes | undefined
}

export interface RunningServe {
  url: string
  mode: 'embedded' | 'configured'
  /** The in-process emulator, in embedded mode. */
  emulator?: RunningEmulator
  /** The banner lines to print: what the server runs on, and how to try it. */
  banner: string[]
  sampleCurl: string
  metrics: CliMetrics
  server: Server
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
  const loaded = await loadSettings({ configFile: options.configFile, env })
  const metrics = new CliMetrics({ processMetrics: true }).observeMicrosoft()

  let emulator: RunningEmulator | undefined
  let serverSettings: CliSettings = loaded.settings
  let restoreEndpoints = (): void => undefined
  if (!loaded.configured) {
    emulator = await startEmulator({ port: 0 })
    restoreEndpoints = pointEndpointsAt(emulator.url)
    serverSettings = demoSettings(emulator.seed())
  }
  // The demo's rotating tokens stay in memory; real ones are kept in the token file.
  const tokens = new HostTokens({ store: emulator ? undefined : loaded.tokenFile, metrics })
  const segment = new SegmentHost({ tokens, metrics })
  const mode = emulator ? 'embedded' : 'configured'
  const server = createServeServer({
    segment,
    serverSettings,
    metrics,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    mode,
    callerToken: token,
    rudderstack: (options.rudderstack ?? rudderstackRoutesFactory())?.({ serverSettings, tokens, metrics })
  })

  const restore = async (): Promise<void> => {
    metrics.stop()
    if (emulator) {
      restoreEndpoints()
      await emulator.close()
    }
  }
  let url: string
  try {
    url = await listen(server, options.port ?? DEFAULT_PORT, host)
  } catch (error) {
    await restore()
    throw error
  }

  const curl = sampleCurl(url)
  const banner = emulator
    ? [`No Microsoft Advertising credentials found: running on the embedded emulator at ${emulator.url} with its demo credentials; nothing is sent to Microsoft.`]
    : [`Using Microsoft Advertising credentials from ${[...new Set(Object.values(loaded.sources))].join(' and ')} (${serverSettings.environment ?? 'production'}).`]
  banner.push(`msads serve listening on ${url}  (POST /actions/{trackConversion|adjustConversion|uetCapiEvent}, POST /rudderstack/..., GET /health, GET /metrics)`)
  if (emulator) banner.push('Send a sample purchase end to end:', `  ${curl}`)

  return {
    url,
    mode,
    emulator,
    banner,
    sampleCurl: curl,
    metrics,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await restore()
    }
  }
}
