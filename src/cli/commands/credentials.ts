import { redactText } from '../../support/redact'
import { ConfigError, loadSettings, type LoadedSettings } from '../config/load-settings'
import { HostTokens } from '../host/host-tokens'
import { EXIT, type CliIo } from '../io'

export interface CredentialedContext {
  loaded: LoadedSettings
  tokens: HostTokens
}

/** The settings and tokens of a command that must talk to Microsoft (or to an emulator MSADS_API_BASE_URL names). */
export async function credentialedContext(configFile: string | undefined, io: CliIo): Promise<CredentialedContext> {
  const loaded = await loadSettings({ configFile, env: io.env })
  if (!loaded.configured) {
    throw new ConfigError(
      'No Microsoft Advertising credentials: set the MSADS_* environment variables or pass --config FILE (see docs/cli.md). ' +
        'To try the command on the emulator: run "msads emulator", export MSADS_API_BASE_URL, and use the demo credentials it prints.'
    )
  }
  return { loaded, tokens: new HostTokens({ store: loaded.tokenFile }) }
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
  return EXIT.failed
}
