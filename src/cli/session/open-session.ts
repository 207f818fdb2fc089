import type { RunningEmulator } from '../../emulator'
import { resolveEndpoints, type Endpoints, type Environment } from '../../microsoft/endpoints'
import { demoSettings } from '../config/demo-settings'
import type { LoadedSettings } from '../config/load-settings'
import { hasCredentials, type CliSettings } from '../config/settings'
import { HostTokens } from '../host/host-tokens'
import type { CliMetrics } from '../metrics/cli-metrics'
import { startDryRunSink } from './dry-run-sink'

/*
 * The emulator's modules load only when a session runs on it (or on its demo settings): a configured run never pays
 * their memory. A lazy require, as in program.ts: under module node16 import() stays native, which ts-node and jest
 * cannot load.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const emulatorModule = (): typeof import('../../emulator') =>
  require('../../emulator') as typeof import('../../emulator')
const embeddedEmulatorModule = (): typeof import('./embedded-emulator') =>
  require('./embedded-emulator') as typeof import('./embedded-emulator')
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Where a command's requests go: Microsoft with the configured credentials; the embedded emulator with its demo
 * credentials when none are configured; the dry run's printing sink; or nowhere, for a command that only writes a
 * file (`offline`).
 */
export type SessionMode = 'configured' | 'embedded' | 'dry-run' | 'offline'

export interface SessionOptions {
  /** `--dry-run`: print each Microsoft request instead of sending it. */
  dryRun?: { print: (text: string) => void }
  /** The command sends nothing (export-csv): no emulator and no sink; the settings as loaded. */
  offline?: boolean
  /** Credentials in any account of the config file mean Microsoft (serve answers for every account). */
  anyAccount?: boolean
  /** The embedded emulator's port (0, the default, picks a free one). */
  emulatorPort?: number
  /** Counts the token refreshes. */
  metrics?: CliMetrics
  /** Receives the one line that says the command runs on the embedded emulator. */
  announce?: (line: string) => void
}

export interface CliSession {
  mode: SessionMode
  loaded: LoadedSettings
  /** The settings to call with: the loaded ones, or the demo credentials with the user's other settings kept. */
  settings: CliSettings
  /** Where the requests of these settings go, once the session has pointed the process at its backend. */
  endpoints: Endpoints
  /** Access tokens; Microsoft's rotated refresh token is kept in the token file in configured mode only. */
  tokens: HostTokens
  /** The in-process emulator, in embedded mode. */
  emulator?: RunningEmulator
  /** The line that says where the command runs (embedded mode). */
  notice?: string
  /** Requests the dry run printed; undefined in the other modes. */
  printedRequests(): number | undefined
  /** Stops what the session started and puts the endpoint environment back; safe to call twice. */
  close(): Promise<void>
}

interface Backend {
  mode: SessionMode
  settings: CliSettings
  emulator?: RunningEmulator
  notice?: string
  printedRequests?: () => number
  close?: () => Promise<void>
}

function environmentOf(settings: CliSettings): Environment {
  return settings.environment === 'sandbox' ? 'sandbox' : 'production'
}

function isConfigured(loaded: LoadedSettings, anyAccount: boolean): boolean {
  return loaded.configured || (anyAccount && Object.values(loaded.accounts.accounts).some(hasCredentials))
}

async function openBackend(loaded: LoadedSettings, options: SessionOptions): Promise<Backend> {
  const configured = isConfigured(loaded, options.anyAccount === true)
  if (options.dryRun) {
    const settings = configured ? loaded.settings : demoSettings(emulatorModule().DEFAULT_SEED, loaded.settings)
    const sink = await startDryRunSink(options.dryRun.print, environmentOf(settings))
    return { mode: 'dry-run', settings, printedRequests: () => sink.requests, close: () => sink.close() }
  }
  if (configured) return { mode: 'configured', settings: loaded.settings }
  if (options.offline) return { mode: 'offline', settings: loaded.settings }
  const embedded = await embeddedEmulatorModule().startEmbeddedEmulator(loaded.settings, options.emulatorPort)
  options.announce?.(embedded.notice)
  return {
    mode: 'embedded',
    settings: embedded.settings,
    emulator: embedded.emulator,
    notice: embedded.notice,
    close: () => embedded.close()
  }
}

/**
 * The one place a command decides where it runs, from the loaded settings and its options: a dry run, the
 * configured credentials, or (without any) the embedded emulator, started here; then the tokens to go with it.
 */
export async function openSession(loaded: LoadedSettings, options: SessionOptions = {}): Promise<CliSession> {
  const backend = await openBackend(loaded, options)
  // The demo's and the dry run's rotating tokens stay in memory; real ones are kept in the token file.
  const store = backend.mode === 'configured' ? loaded.tokenFile : undefined
  let closing: Promise<void> | undefined
  return {
    mode: backend.mode,
    loaded,
    settings: backend.settings,
    endpoints: resolveEndpoints(environmentOf(backend.settings)),
    tokens: new HostTokens({ store, metrics: options.metrics }),
    emulator: backend.emulator,
    notice: backend.notice,
    printedRequests: () => backend.printedRequests?.(),
    close: () => (closing ??= backend.close?.() ?? Promise.resolve())
  }
}

/** Runs a command body in a session, and closes it (stopping the embedded emulator, if any) whatever happens. */
export async function withSession<T>(
  loaded: LoadedSettings,
  options: SessionOptions,
  body: (session: CliSession) => Promise<T>
): Promise<T> {
  const session = await openSession(loaded, options)
  try {
    return await body(session)
  } finally {
    await session.close()
  }
}
