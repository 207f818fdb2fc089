import { existsSync } from 'fs'
import { EXIT, type CliIo } from '../io'
import type { ForwardRow } from '../forward-log/forward-entry'
import { ForwardLog } from '../forward-log/forward-log'
import { logFilter } from '../forward-log/log-filter'
import { forwardLogPath } from '../forward-log/log-path'
import { formatTable } from '../output/table'

export interface LogCommandOptions {
  forwardLog?: string
  orderId?: string
  clickId?: string
  goal?: string
  outcome?: string
  since?: string
  account?: string
  limit?: string
  json?: boolean
}

function tableOf(rows: readonly ForwardRow[]): string {
  return formatTable(
    [
      'received',
      'account',
      'action',
      'goal',
      'order',
      'click id',
      'value',
      'outcome',
      'reason',
      'code',
      'tracking id',
      'attempts'
    ],
    rows.map((row) => [
      row.received,
      row.account,
      row.action,
      row.goal ?? '',
      row.orderId ?? '',
      row.clickId ?? '',
      row.value !== undefined ? `${row.value}${row.currency ? ` ${row.currency}` : ''}` : '',
      row.outcome,
      row.reason,
      row.code ?? '',
      row.trackingId ?? '',
      row.attempts
    ])
  )
}

/** `msads log`: what the forward log holds, newest first; a table, or one JSON object per line with --json. */
export async function runLog(options: LogCommandOptions, io: CliIo): Promise<number> {
  const filter = logFilter({ ...options, limit: options.limit ?? '100' })
  if (typeof filter === 'string') {
    io.stderr.write(`msads log: ${filter}\n`)
    return EXIT.usage
  }
  const path = forwardLogPath(options.forwardLog, io.env)
  if (!existsSync(path)) {
    io.stderr.write(`msads log: there is no forward log at ${path} yet (msads serve and msads send write it).\n`)
    return EXIT.usage
  }
  const log = ForwardLog.open(path)
  try {
    const rows = log.query(filter)
    if (options.json) io.stdout.write(rows.map((row) => `${JSON.stringify(row)}\n`).join(''))
    else io.stdout.write(rows.length ? `${tableOf(rows)}\n` : 'No rows match.\n')
  } finally {
    log.close()
  }
  return EXIT.ok
}
