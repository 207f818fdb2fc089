import { collectDiagnostics, diagnosticsRange, stableJson } from '../diagnostics/collect-diagnostics'
import { formatDiagnostics } from '../diagnostics/format-diagnostics'
import type { SentCountsSource } from '../diagnostics/sent-counts'
import { reportFailure } from '../errors'
import { CampaignSession } from '../host/campaign-session'
import { EXIT, type CliIo } from '../io'
import { withAccountSession } from './account-session'
import { existsSync } from 'fs'
import { ForwardLog } from '../forward-log/forward-log'
import { forwardLogPath } from '../forward-log/log-path'

/** The forward log `msads send` and `msads serve` keep, when there is one: read as it is, nothing created or pruned. */
function existingForwardLog(env: NodeJS.ProcessEnv): ForwardLog | undefined {
  const path = forwardLogPath(undefined, env)
  return existsSync(path) ? ForwardLog.open(path, { prune: false }) : undefined
}

export interface DiagnosticsCommandOptions {
  config?: string
  emulatorPort?: number
  since?: string
  goal?: string[]
  json?: boolean
  account?: string
  /** What this project recorded as sent; by default the forward log's counts, when there is a log. */
  sent?: SentCountsSource
  now?: () => number
}

/** `msads diagnostics`: what Microsoft did with the accepted offline conversions, per goal and upload day. */
export async function runDiagnostics(options: DiagnosticsCommandOptions, io: CliIo): Promise<number> {
  let log: ForwardLog | undefined
  try {
    // A bad --since is refused before any session opens.
    diagnosticsRange(options.since, (options.now ?? Date.now)())
    const diagnostics = await withAccountSession(options, io, ({ mode, settings, tokens }) => {
      // The forward log records what reached the configured account; the embedded emulator starts empty.
      log = options.sent || mode !== 'configured' ? undefined : existingForwardLog(io.env)
      const sent = options.sent ?? log?.sentCountsOf(options.account)
      return new CampaignSession(settings, tokens).call((client) =>
        collectDiagnostics(client, { since: options.since, goals: options.goal, sent, now: options.now })
      )
    })
    io.stdout.write(options.json ? `${stableJson(diagnostics)}\n` : formatDiagnostics(diagnostics))
    return EXIT.ok
  } catch (error) {
    return reportFailure('diagnostics', error, io)
  } finally {
    log?.close()
  }
}
