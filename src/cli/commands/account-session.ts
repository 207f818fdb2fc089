import { loadSettings } from '../config/load-settings'
import { missingCredentials } from '../config/missing-credentials'
import type { CliIo } from '../io'
import { withSession, type CliSession } from '../session/open-session'

/**
 * The session of an account tool (auth test, goals, tags): the settings of --config and --account, or without
 * credentials the embedded emulator, said in one line on stderr. The session is closed whatever happens.
 */
export async function withAccountSession<T>(
  options: { config?: string; emulatorPort?: number },
  io: CliIo,
  body: (session: CliSession) => Promise<T>
): Promise<T> {
  const loaded = await loadSettings({ configFile: options.config, env: io.env })
  const missing = missingCredentials(loaded)
  if (missing) throw missing
  const announce = (line: string): void => void io.stderr.write(`${line}\n`)
  return withSession(loaded, { emulatorPort: options.emulatorPort, announce }, body)
}
