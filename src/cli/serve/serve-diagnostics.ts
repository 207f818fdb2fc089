import type { Logger } from '../../support/logger'
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
 * `--unattributed-threshold` (MSADS_UNATTRIBUTED_THRESHOLD), a share from 0 to 1, and `--diagnostics-interval-minutes`
 * (MSADS_DIAGNOSTICS_INTERVAL_MINUTES), 1 to 1440; the flag wins over the variable. A bad value is named.
 */
export function serveDiagnosticsOptions(
  flags: { unattributedThreshold?: string; diagnosticsIntervalMinutes?: string },
  env: NodeJS.ProcessEnv
): ServeDiagnosticsOptions | string {
  const options: ServeDiagnosticsOptions = {}
  const threshold = flags.unattributedThreshold ?? env.MSADS_UNATTRIBUTED_THRESHOLD
  if (threshold !== undefined && threshold !== '') {
    const share = Number(threshold)
    if (!/^\s*\d*\.?\d+\s*$/.test(threshold) || share < 0 || share > 1)
      return `--unattributed-threshold (MSADS_UNATTRIBUTED_THRESHOLD) must be a share from 0 to 1, such as 0.5, not "${threshold}"`
    options.threshold = share
  }
  const interval = flags.diagnosticsIntervalMinutes ?? env.MSADS_DIAGNOSTICS_INTERVAL_MINUTES
  if (interval !== undefined && interval !== '') {
    const minutes = Number(interval)
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)
      return `--diagnostics-interval-minutes (MSADS_DIAGNOSTICS_INTERVAL_MINUTES) must be a whole number of minutes from 1 to 1440, not "${interval}"`
    options.intervalMs = minutes * 60_000
  }
  return options
}
