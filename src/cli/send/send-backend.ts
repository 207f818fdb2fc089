import { DEFAULT_SEED } from '../../emulator/seed'
import { demoSettings } from '../config/demo-settings'
import { startEmbeddedEmulator } from '../config/embedded-emulator'
import type { loadSettings } from '../config/load-settings'
import type { CliSettings } from '../config/settings'
import type { CliIo } from '../io'
import { startDryRunSink, type DryRunSink } from './dry-run-sink'

export interface SendBackend {
  mode: 'configured' | 'embedded' | 'dry-run'
  settings: CliSettings
  /** Requests printed by the dry run's sink. */
  printedRequests(): number | undefined
  close(): Promise<void>
}

/**
 * Where a run sends: Microsoft with the configured credentials, an embedded emulator with its demo credentials
 * when none are configured, or the dry run's printing sink.
 */
export async function openBackend(
  loaded: Awaited<ReturnType<typeof loadSettings>>,
  dryRun: boolean,
  io: CliIo,
  emulatorPort = 0
): Promise<SendBackend> {
  if (dryRun) {
    const settings = loaded.configured ? loaded.settings : demoSettings(DEFAULT_SEED, loaded.settings)
    const environment = settings.environment === 'sandbox' ? 'sandbox' : 'production'
    const sink: DryRunSink = await startDryRunSink((text) => io.stdout.write(text), environment)
    return { mode: 'dry-run', settings, printedRequests: () => sink.requests, close: () => sink.close() }
  }
  if (loaded.configured) {
    return {
      mode: 'configured',
      settings: loaded.settings,
      printedRequests: () => undefined,
      close: async () => undefined
    }
  }
  const embedded = await startEmbeddedEmulator(loaded.settings, emulatorPort)
  io.stderr.write(`${embedded.notice}\n`)
  return {
    mode: 'embedded',
    settings: embedded.settings,
    printedRequests: () => undefined,
    close: () => embedded.close()
  }
}
