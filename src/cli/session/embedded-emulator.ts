import { startEmulator, type RunningEmulator } from '../../emulator'
import { demoSettings } from '../config/demo-settings'
import type { CliSettings } from '../config/settings'
import { pointEndpointsAt } from './endpoint-override'

export interface EmbeddedEmulator {
  emulator: RunningEmulator
  /** The demo credentials, with every non-credential setting the user gave kept. */
  settings: CliSettings
  /** The one line a command prints to say where it runs. */
  notice: string
  /** Puts the endpoint environment back and stops the emulator. */
  close: () => Promise<void>
}

/**
 * The emulator in this process, for a command run without credentials: every Microsoft endpoint points at it, and
 * its demo credentials stand in for the missing ones. `port` 0 picks a free one.
 */
export async function startEmbeddedEmulator(given: CliSettings, port = 0): Promise<EmbeddedEmulator> {
  const emulator = await startEmulator({ port })
  const restoreEndpoints = pointEndpointsAt(emulator.url)
  return {
    emulator,
    settings: demoSettings(emulator.seed(), given),
    notice:
      `No Microsoft Advertising credentials found: running on the embedded emulator at ${emulator.url} ` +
      'with its demo credentials; nothing is sent to Microsoft.',
    close: async () => {
      restoreEndpoints()
      await emulator.close()
    }
  }
}
