import { collectDiagnostics, diagnosticsRange, stableJson } from '../diagnostics/collect-diagnostics'
import { formatDiagnostics } from '../diagnostics/format-diagnostics'
import type { SentCountsSource } from '../diagnostics/sent-counts'
import { reportFailure } from '../errors'
import { CampaignSession } from '../host/campaign-session'
import { EXIT, type CliIo } from '../io'
import { withAccountSession } from './account-session'

export interface DiagnosticsCommandOptions {
  config?: string
  emulatorPort?: number
  since?: string
  goal?: string[]
  json?: boolean
  /** What this project recorded as sent (wired by the host that keeps such a record). */
  sent?: SentCountsSource
  now?: () => number
}

/** `msads diagnostics`: what Microsoft did with the accepted offline conversions, per goal and upload day. */
export async function runDiagnostics(options: DiagnosticsCommandOptions, io: CliIo): Promise<number> {
  try {
    // A bad --since is refused before any session opens.
    diagnosticsRange(options.since, (options.now ?? Date.now)())
    const diagnostics = await withAccountSession(options, io, ({ settings, tokens }) =>
      new CampaignSession(settings, tokens).call((client) =>
        collectDiagnostics(client, { since: options.since, goals: options.goal, sent: options.sent, now: options.now })
      )
    )
    io.stdout.write(options.json ? `${stableJson(diagnostics)}\n` : formatDiagnostics(diagnostics))
    return EXIT.ok
  } catch (error) {
    return reportFailure('diagnostics', error, io)
  }
}
