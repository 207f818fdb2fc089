import { homedir } from 'os'
import { join } from 'path'

/** `$XDG_STATE_HOME/msads` or `~/.local/state/msads`: what the command line keeps between runs (not settings). */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.trim() ? env.XDG_STATE_HOME : join(homedir(), '.local', 'state')
  return join(base, 'msads')
}

/** The forward log's database: `--forward-log FILE`, else MSADS_FORWARD_LOG, else `<state dir>/forward-log.sqlite`. */
export function forwardLogPath(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (given && given.trim()) return given
  if (env.MSADS_FORWARD_LOG && env.MSADS_FORWARD_LOG.trim()) return env.MSADS_FORWARD_LOG
  return join(stateDirectory(env), 'forward-log.sqlite')
}
