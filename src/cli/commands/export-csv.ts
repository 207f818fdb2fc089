import { reportFailure } from '../errors'
import { EXIT, type CliIo } from '../io'
import { runExport } from '../export/export-run'
import { formatTable } from '../output/table'

export interface ExportCommandOptions {
  output?: string
  format?: string
  source?: string
  mapping?: string
  destinationConfig?: string
  rejects?: string
  config?: string
}

/** `msads export-csv FILE`: the Bulk CSV goes to --output (or stdout); the summary to stderr. */
export async function runExportCsv(file: string, options: ExportCommandOptions, io: CliIo): Promise<number> {
  try {
    const summary = await runExport(
      {
        file,
        output: options.output,
        format: options.format,
        source: options.source,
        mappingFile: options.mapping,
        destinationConfigFile: options.destinationConfig,
        rejectsPath: options.rejects,
        configFile: options.config
      },
      io
    )
    const rows = Object.entries(summary.outcomes).flatMap(([outcome, reasons]) =>
      Object.entries(reasons).map(([reason, count]) => [outcome, reason, count])
    )
    rows.push(['total', '', summary.total])
    io.stderr.write(
      `${formatTable(['Outcome', 'Reason', 'Lines'], rows)}\n` +
        `${summary.records} Bulk records written to ${summary.output === '-' ? 'stdout' : summary.output}.\n` +
        (summary.notExported && summary.rejectsFile
          ? `Not exported: ${summary.notExported}, written with their reasons to ${summary.rejectsFile}\n`
          : '') +
        (summary.error ? `msads export-csv: ${summary.error}\n` : '')
    )
    return summary.notExported || summary.error ? EXIT.failed : EXIT.ok
  } catch (error) {
    return reportFailure('export-csv', error, io)
  }
}
