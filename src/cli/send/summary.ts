import { formatTable } from '../output/table'
import type { SendSummary } from './send-run'

const number = (value: number): string => value.toLocaleString('en-US')

function warningLines(warnings: Record<string, number> | undefined): string[] {
  const entries = Object.entries(warnings ?? {})
  if (!entries.length) return []
  const counts = entries.map(([reason, count]) => `${reason} ${number(count)}`).join(', ')
  return [`Warnings (a field dropped, the event still sent): ${counts}`]
}

/** The final table of outcomes by kind and reason, which sums to the input, with the run's figures. */
export function formatSummary(summary: SendSummary): string {
  const rows: Array<Array<string | number>> = []
  for (const [outcome, reasons] of Object.entries(summary.outcomes)) {
    for (const [reason, events] of Object.entries(reasons).sort((a, b) => b[1] - a[1]))
      rows.push([outcome, reason, events])
  }
  rows.push(['total', '', summary.total])
  const operations = Object.entries(summary.requests.byOperation)
    .filter(([operation]) => operation !== 'token')
    .map(([operation, count]) => `${operation} ${number(count)}`)
    .join(', ')
  const lines = [
    '',
    formatTable(['Outcome', 'Reason', 'Events'], rows),
    '',
    `${number(summary.total)} ${summary.format === 'csv' ? 'rows' : 'lines'} from ${summary.input === '-' ? 'stdin' : summary.input} in ${(summary.durationMs / 1000).toFixed(1)} s (${number(summary.eventsPerSecond)}/s)` +
      (summary.mode === 'embedded'
        ? ', sent to the embedded emulator'
        : summary.mode === 'dry-run'
          ? ', dry run: nothing was sent'
          : ''),
    `Requests to Microsoft${summary.mode === 'dry-run' ? ' (printed, not sent)' : ''}: ${number(summary.requests.total)}${operations && summary.mode !== 'dry-run' ? ` (${operations})` : ''}` +
      (summary.resent ? `; ${number(summary.resent)} events sent again after a transient failure` : ''),
    ...warningLines(summary.warnings),
    `Peak RSS: ${(summary.peakRssBytes / 1024 / 1024).toFixed(1)} MB`,
    ...endOfRun(summary),
    summary.notDelivered && !summary.rejectsFile
      ? `Not delivered: ${number(summary.notDelivered)}; the rejects file could not be written (${summary.error}).`
      : summary.notDelivered
        ? `Not delivered: ${number(summary.notDelivered)}, written with their reasons to ${summary.rejectsFile}`
        : summary.complete
          ? 'Every event was delivered or intentionally skipped.'
          : 'Every line read was delivered or intentionally skipped.'
  ]
  return `${lines.join('\n')}\n`
}

/** How the run ended when it did not reach the end of its input, and where `--resume` goes on. */
function endOfRun(summary: SendSummary): string[] {
  const lines: string[] = []
  if (summary.resumedAfterLine !== undefined) lines.push(`Resumed after line ${number(summary.resumedAfterLine)}.`)
  if (summary.complete) return lines
  const why =
    summary.stopReason === 'interrupted'
      ? 'stopped'
      : summary.stopReason === 'write_failed'
        ? 'ended: a write failed'
        : 'ended: requests in flight got no answer'
  lines.push(`Run ${why} at line ${number(summary.stoppedAtLine ?? 0)}; every line up to it is counted above.`)
  if (summary.unsettled) {
    lines.push(`${number(summary.unsettled)} events had no answer: counted as retry (not_settled).`)
  }
  if (summary.checkpointFile) lines.push(`Continue with --resume (checkpoint ${summary.checkpointFile}).`)
  return lines
}
