import { homedir } from 'os'
import { join } from 'path'

/** `$XDG_CONFIG_HOME/msads` or `~/.config/msads`. */
export function configDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() ? env.XDG_CONFIG_HOME : join(homedir(), '.config')
  return join(base, 'msads')
}

/** Where rotated and signed-in refresh tokens are kept: `MSADS_TOKEN_FILE`, else `<config dir>/tokens.json`. */
export function tokenFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MSADS_TOKEN_FILE && env.MSADS_TOKEN_FILE.trim()
    ? env.MSADS_TOKEN_FILE
    : join(configDirectory(env), 'tokens.json')
}
