import type { Logger } from '../../support/logger'
import { fromEnvironment, share, wholeNumber } from '../option-parsers'
import type { CliSettings } from '../config/settings'
import { collectDiagnostics } from '../diagnostics/collect-diagnostics'
import type { SentCountsSource } from '../diagnostics/sent-counts'
import { CampaignSession } from '../host/campaign-session'
import type { HostTokens } from '../host/host-tokens'
import { DEFAULT_UNATTRIBUTED_HEALTH, UnattributedWatch, type UnattributedHealthOptions } from './unattributed-health'

export interface ServeDiagnosticsOptions extends Partial<UnattributedHealthOptions> {
  /** What this server recorded as delivered (the forward log), shown beside Microsoft's counts. */
  sent?: SentCountsSource
}

/**
 * The background reader of Microsoft's processing results for the server's own account (the default one): every
 * offline goal over the last 7 days. Started by startServe, stopped with it.
 */
export function serveDiagnostics(
  settings: CliSettings,
  tokens: HostTokens,
  options: ServeDiagnosticsOptions = {},
  logger?: Logger
): UnattributedWatch {
  const { sent, ...health } = options
  // The session is made per read, so that settings a read cannot use are reported by /diagnostics, not at start.
  const read = () => new CampaignSession(settings, tokens).call((client) => collectDiagnostics(client, { sent }))
  return new UnattributedWatch(read, { ...DEFAULT_UNATTRIBUTED_HEALTH, ...health }, Date.now, logger)
}

/**
 * `--unattributed-threshold` (else MSADS_UNATTRIBUTED_THRESHOLD), a share from 0 to 1, and
 * `--diagnostics-interval-minutes` (else MSADS_DIAGNOSTICS_INTERVAL_MINUTES), 1 to 1440. commander checks the
 * flags; a variable is checked here by the same rule, and a bad one is named.
 */
export function serveDiagnosticsOptions(
  flags: { unattributedThreshold?: number; diagnosticsIntervalMinutes?: number },
  env: NodeJS.ProcessEnv
): ServeDiagnosticsOptions | string {
  const options: ServeDiagnosticsOptions = {}
  const threshold = flags.unattributedThreshold ?? fromVariable(env, 'MSADS_UNATTRIBUTED_THRESHOLD', share)
  if (typeof threshold === 'string') return threshold
  if (threshold !== undefined) options.threshold = threshold
  const minutes =
    flags.diagnosticsIntervalMinutes ?? fromVariable(env, 'MSADS_DIAGNOSTICS_INTERVAL_MINUTES', wholeNumber(1, 1440))
  if (typeof minutes === 'string') return minutes
  if (minutes !== undefined) options.intervalMs = minutes * 60_000
  return options
}

function fromVariable(
  env: NodeJS.ProcessEnv,
  name: string,
  parse: (value: string) => number
): number | string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : fromEnvironment(name, value, parse)
}
