import { openFileWriter } from '../../support/write-all'
import type { CliIo } from '../io'
import { loadSettings } from '../config/load-settings'
import { DEFAULT_RETRY_POLICY } from '../send/retry-policy'
import { runSendJob } from '../send/send-run'
import { bulkPreamble } from './bulk-csv'

export interface ExportOptions {
  file: string
  output?: string
  format?: string
  /** segment (default) or rudderstack, as for send. */
  source?: string
  mappingFile?: string
  destinationConfigFile?: string
  rejectsPath?: string
  configFile?: string
  now?: () => number
}

export interface ExportSummary {
  input: string
  output: string
  total: number
  records: number
  outcomes: Record<string, Record<string, number>>
  notExported: number
  rejectsFile?: string
  /** The write that stopped the export (the Bulk file's or the rejects file's), naming its file. */
  error?: string
}

/** A row in the Bulk file has not reached Microsoft yet: the summary counts it as exported, not delivered. */
function exportOutcomes(outcomes: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  const { delivered, ...others } = outcomes
  return delivered ? { exported: delivered, ...others } : others
}

/** Where the Bulk file goes: stdout, or a file whose every write is checked (a full disk names it). */
async function writer(
  output: string | undefined,
  io: CliIo
): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> {
  if (!output || output === '-') {
    return { write: async (text) => void io.stdout.write(text), close: async () => undefined }
  }
  return openFileWriter(output)
}

/**
 * `msads export-csv`: the send pipeline (the same sources, mappings, consent and settings rules, the core's
 * preparation) with the Bulk file as its sink, for manual upload. Client Id is `line-<n>`, so Microsoft's result
 * file points back at the input line.
 */
export async function runExport(options: ExportOptions, io: CliIo): Promise<ExportSummary> {
  const loaded = await loadSettings({ configFile: options.configFile, env: io.env })
  if (!loaded.configured) {
    io.stderr.write(
      'No Microsoft Advertising credentials found: none are needed to write a Bulk file; nothing is sent to Microsoft.\n'
    )
  }
  const out = await writer(options.output, io)
  let summary
  try {
    await out.write(bulkPreamble())
    summary = await runSendJob(
      {
        file: options.file,
        format: options.format,
        source: options.source,
        mappingFile: options.mappingFile,
        destinationConfigFile: options.destinationConfigFile,
        configFile: options.configFile,
        rejectsPath: options.rejectsPath,
        retry: DEFAULT_RETRY_POLICY,
        progress: false,
        forwardLog: false,
        command: 'msads export-csv',
        now: options.now,
        sink: { kind: 'file', write: (text) => out.write(text) }
      },
      io
    )
  } finally {
    await out.close()
  }
  return {
    input: options.file,
    output: options.output ?? '-',
    total: summary.total,
    records: summary.written ?? 0,
    outcomes: exportOutcomes(summary.outcomes),
    notExported: summary.notDelivered,
    ...(summary.rejectsFile ? { rejectsFile: summary.rejectsFile } : {}),
    ...(summary.error ? { error: summary.error } : {})
  }
}
