import { unattributedReasonInfo } from '../../microsoft/unattributed-reasons'
import { formatTable } from '../output/table'
import type { Diagnostics } from './collect-diagnostics'

/** The text `msads diagnostics` prints: a row per goal and day, the uploads per day, then what to do per reason. */
export function formatDiagnostics(diagnostics: Diagnostics): string {
  const { range, goals, uploads, errors, totals } = diagnostics
  const withSent = totals.sent !== null
  const lines = [
    `Offline conversions as Microsoft processed them, upload days ${range.start} to ${range.end} (UTC)`,
    ''
  ]
  if (!goals.length) {
    lines.push('Microsoft reports no offline conversions for these goals and days.')
  } else {
    const header = ['Goal', 'Day', ...(withSent ? ['Sent'] : []), 'Accepted', 'Attributed', 'Unattributed']
    const rows = goals.map((row) => [
      row.goal,
      row.date,
      ...(withSent ? [row.sent ?? 0] : []),
      row.accepted,
      row.attributed,
      row.unattributed
    ])
    rows.push([
      'total',
      '',
      ...(withSent ? [totals.sent ?? 0] : []),
      totals.accepted,
      totals.attributed,
      totals.unattributed
    ])
    // Each row with unattributed conversions is followed by its reasons, indented.
    const [head, rule, ...body] = formatTable(header, rows).split('\n')
    lines.push(head, rule)
    body.forEach((line, index) => {
      lines.push(line)
      const reasons = goals[index]?.reasons ?? []
      if (reasons.length)
        lines.push(`    not attributed: ${reasons.map((reason) => `${reason.reason} ${reason.count}`).join(', ')}`)
    })
  }
  if (uploads.length) {
    lines.push('', 'Uploads per day, all goals (what Apply and Bulk accepted or refused):')
    lines.push(
      formatTable(
        ['Day', 'Accepted', 'Refused', 'Detail file'],
        uploads.map((day) => [day.date, day.succeeded, day.failed, day.fileUrl ?? ''])
      )
    )
  }
  for (const error of errors)
    lines.push(
      '',
      `Goal "${error.goal}" (${error.goalId}): Microsoft answered [${error.code} ${error.errorCode}] ${error.message}`
    )

  const seen = new Map<string, number>()
  for (const row of goals)
    for (const reason of row.reasons) seen.set(reason.reason, (seen.get(reason.reason) ?? 0) + reason.count)
  if (seen.size) {
    lines.push('', 'What to do:')
    for (const [reason, count] of [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      const info = unattributedReasonInfo(reason)
      lines.push(`- ${reason} (${count.toLocaleString('en-US')}): ${info.meaning} ${info.action}`)
    }
  }
  if (withSent && (totals.sent ?? 0) > totals.accepted)
    lines.push(
      '',
      `Sent ${(totals.sent ?? 0).toLocaleString('en-US')}, Microsoft shows ${totals.accepted.toLocaleString('en-US')}: processing takes up to about 6 hours after an upload; check again later before anything else.`
    )
  return `${lines.join('\n')}\n`
}
