import type { CoreOptions } from '../../conversions/inputs'
import { BulkClient, type BulkUploadResult } from '../../microsoft/bulk'
import { rejected, type Outcome } from '../../outcome'
import { campaignClientOptions } from '../host/campaign-session'
import type { CliIo } from '../io'
import type { CliSession } from '../session/open-session'
import { BulkCheckpoint } from '../send/bulk/bulk-checkpoint'
import { BULK_ROW_LIMIT, DEFAULT_BULK_FILE_ROWS, runBulkSend, type BulkUploadOptions } from '../send/bulk/bulk-upload'
import type { BulkSinkOptions } from '../send/send-options'
import type { Conversion, ConversionKind, Sink } from './conversion'

export const BULK_TARGET = 'bulk'

export function defaultCheckpointPath(file: string): string {
  return file === '-' ? 'stdin.bulk-checkpoint.json' : `${file}.bulk-checkpoint.json`
}

/** Microsoft's Bulk service takes offline conversions and adjustments; a UET Conversions API event has no Bulk record. */
export const CAPI_NOT_IN_BULK = rejected(
  'not_bulk_capable',
  'UET Conversions API events cannot go through a Bulk upload: send them with --via apply.'
)

/**
 * Conversions and adjustments as Bulk files (the core's preparation, then the files uploaded and their results read
 * back, row by row); CAPI events each get CAPI_NOT_IN_BULK.
 */
export class BulkSink implements Sink {
  constructor(
    private readonly bulk: Omit<BulkUploadOptions, 'core'>,
    readonly target: string
  ) {}

  refusal(kind: ConversionKind): Outcome | undefined {
    return kind === 'capi' ? CAPI_NOT_IN_BULK : undefined
  }

  async deliver(kind: ConversionKind, conversions: readonly Conversion[], options: CoreOptions): Promise<Outcome[]> {
    if (kind === 'capi') return conversions.map(() => CAPI_NOT_IN_BULK)
    const items = conversions.map((conversion) => ({ line: conversion.line, kind, input: conversion.input }))
    return runBulkSend(items, { ...this.bulk, core: options })
  }
}

/** The Bulk sink of a send, with the batch size (rows per file) and the count of its calls by operation. */
export function openBulkSink(
  file: string,
  options: BulkSinkOptions & { progress?: boolean },
  session: CliSession,
  io: CliIo
): { sink: BulkSink; rowLimit: number; calls: Map<string, number> } {
  const { settings, tokens } = session
  const client = new BulkClient(campaignClientOptions(settings, tokens))
  const calls = new Map<string, number>()
  client.callListeners.push((call) => calls.set(call.operation, (calls.get(call.operation) ?? 0) + 1))
  const limit = BULK_ROW_LIMIT[settings.environment === 'sandbox' ? 'sandbox' : 'production'] - 1
  const rowLimit = Math.min(limit, Math.max(1, options.bulkFileRows ?? DEFAULT_BULK_FILE_ROWS))
  // The embedded emulator processes a file in two status reads: no reason to wait between them.
  const poll = session.mode === 'embedded' ? { ...options.poll, initialDelayMs: 0, maxDelayMs: 0 } : options.poll
  const report = (rows: number, result: BulkUploadResult): void => {
    const status = result.ok ? result.status : `${result.outcome.outcome} (${result.outcome.reason})`
    io.stderr.write(`msads send: a Bulk file of ${rows.toLocaleString('en-US')} rows: ${status}\n`)
  }
  const sink = new BulkSink(
    {
      client,
      rowLimit,
      compress: options.bulkZip === true,
      concurrency: 1,
      poll,
      checkpoint: new BulkCheckpoint(options.checkpointPath ?? defaultCheckpointPath(file)),
      onFile: options.progress === false ? undefined : report
    },
    BULK_TARGET
  )
  return { sink, rowLimit, calls }
}
