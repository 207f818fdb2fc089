import { redactText } from '../../support/redact'
import { startEmbeddedEmulator } from '../config/embedded-emulator'
import { loadSettings, SettingsError, type LoadedSettings } from '../config/load-settings'
import type { CliSettings } from '../config/settings'
import { HostTokens } from '../host/host-tokens'
import { EXIT, type CliIo } from '../io'

export interface CredentialedContext {
  loaded: LoadedSettings
  /** The settings to call with: the configured ones, or the embedded emulator's demo credentials. */
  settings: CliSettings
  tokens: HostTokens
  embedded: boolean
  /** Stops the embedded emulator, if one was started. */
  close(): Promise<void>
}

/**
 * The settings and tokens of a command that talks to Microsoft (or to an emulator MSADS_API_BASE_URL names). Without
 * credentials it runs on an embedded emulator with its demo credentials, and says so in one line on stderr.
 */
export async function credentialedContext(
  configFile: string | undefined,
  io: CliIo,
  options: { emulatorPort?: number } = {}
): Promise<CredentialedContext> {
  const loaded = await loadSettings({ configFile, env: io.env })
  if (loaded.configured) {
    const tokens = new HostTokens({ store: loaded.tokenFile })
    return { loaded, settings: loaded.settings, tokens, embedded: false, close: async () => undefined }
  }
  const embedded = await startEmbeddedEmulator(loaded.settings, options.emulatorPort)
  io.stderr.write(`${embedded.notice}\n`)
  // The demo's rotating tokens stay in memory: the emulator forgets them when it stops.
  return { loaded, settings: embedded.settings, tokens: new HostTokens(), embedded: true, close: embedded.close }
}

/** Runs a command body with its context, and stops the embedded emulator (if any) whatever happens. */
export async function withCredentials<T>(
  configFile: string | undefined,
  io: CliIo,
  options: { emulatorPort?: number },
  body: (context: CredentialedContext) => Promise<T>
): Promise<T> {
  const context = await credentialedContext(configFile, io, options)
  try {
    return await body(context)
  } finally {
    await context.close()
  }
}

/** Prints a failed command's error (a classified Microsoft outcome, a config problem, anything else) and its exit code. */
export function reportFailure(command: string, error: unknown, io: CliIo): number {
  const outcome = (error as { outcome?: { reason: string; message: string; code?: number | string; trackingId?: string } }).outcome
  if (outcome && typeof outcome.message === 'string') {
    const code = outcome.code !== undefined ? ` [${outcome.code}${String(outcome.code) !== outcome.reason ? ` ${outcome.reason}` : ''}]` : ''
    const tracking = outcome.trackingId ? ` (TrackingId ${outcome.trackingId})` : ''
    io.stderr.write(`msads ${command}:${code} ${redactText(outcome.message)}${tracking}\n`)
    return EXIT.failed
  }
  io.stderr.write(`msads ${command}: ${redactText((error as Error)?.message ?? String(error))}\n`)
  return error instanceof SettingsError ? EXIT.usage : EXIT.failed
}
