import { createHash } from 'crypto'
import { prepareAdjustments, prepareOfflineConversions } from '../../../conversions/deliver'
import type { RecordGroup } from '../../../conversions/build-result'
import type { AdjustmentInput, CoreOptions, OfflineConversionInput } from '../../../conversions/inputs'
import { settle, type PreparedBatch } from '../../../conversions/prepare'
import {
  BOM,
  uploadBulkFile,
  zipBulkFile,
  type BulkClient,
  type BulkFile,
  type BulkRowError,
  type BulkUploadResult,
  type PollPolicy
} from '../../../microsoft/bulk'
import { outcomeForCode } from '../../../microsoft/classify'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../../../microsoft/models/offline-conversions'
import { conversionNameSubject } from '../../../microsoft/responses'
import { delivered, type Outcome } from '../../../outcome'
import { mapWithConcurrency } from '../../../support/pool'
import { adjustmentRow, bulkPreamble, offlineConversionRow } from '../../export/bulk-csv'
import type { BulkCheckpoint } from './bulk-checkpoint'

export type BulkItem =
  | { line: number; kind: 'offline'; input: OfflineConversionInput }
  | { line: number; kind: 'adjustment'; input: AdjustmentInput }

/** Microsoft's limits per file (https://learn.microsoft.com/advertising/guides/bulk-download-upload): rows and bytes. */
export const BULK_ROW_LIMIT = { production: 4_000_000, sandbox: 20_000 } as const
export const BULK_MAX_FILE_BYTES = 100 * 1024 * 1024
/**
 * Rows per file by default. Microsoft: "if you can limit concurrent uploads per customer below 5 or 6, consider
 * splitting the file rather than approaching the file size limit"; files of this size keep 5 uploads busy and the
 * memory of a send bounded, whatever the size of the input.
 */
export const DEFAULT_BULK_FILE_ROWS = 100_000
/** Concurrent uploads per customer: Microsoft asks for 5 or 6 at most. */
export const MAX_BULK_CONCURRENCY = 5
/** Inputs prepared together, as the Apply path batches them: the same validation and in-batch dedupe. */
export const PREPARE_BATCH = 1000

export interface BulkUploadOptions {
  client: BulkClient
  core: CoreOptions
  /** Data rows per file (the Format Version row counts against Microsoft's limit too). */
  rowLimit: number
  /** Microsoft's 100 MB per upload: the CSV's size, or the archive's with `compress`. */
  maxFileBytes?: number
  /** Upload each file as a one-entry ZIP archive (Microsoft recommends compressing large files). */
  compress?: boolean
  concurrency?: number
  poll?: Partial<PollPolicy>
  checkpoint?: BulkCheckpoint
  /** Called as each file finishes, with its row count. */
  onFile?: (rows: number, result: BulkUploadResult) => void
}

type Record_ = OfflineConversion | OfflineConversionAdjustment | OnlineConversionAdjustment

interface Row {
  batch: number
  group: RecordGroup
  record: number
  clientId: string
  text: string
  conversionName?: string | null
}

interface PreparedPart {
  /** Where the part's inputs are in `items`. */
  positions: number[]
  prepared: PreparedBatch<Record_>
  outcomes: Partial<Record<RecordGroup, Outcome[]>>
}

/**
 * The batches the Apply path would prepare: each kind in input order (conversions and adjustments are separate
 * lanes there), PREPARE_BATCH at a time. Positions index `items`.
 */
function batchesOf(items: readonly BulkItem[]): number[][] {
  const batches: number[][] = []
  for (const kind of ['offline', 'adjustment'] as const) {
    const positions = items.flatMap((item, position) => (item.kind === kind ? [position] : []))
    for (let start = 0; start < positions.length; start += PREPARE_BATCH)
      batches.push(positions.slice(start, start + PREPARE_BATCH))
  }
  return batches
}

function splitFiles(rows: readonly Row[], rowLimit: number, maxBytes: number): Row[][] {
  const preamble = Buffer.byteLength(`${BOM}${bulkPreamble()}`)
  const files: Row[][] = []
  let current: Row[] = []
  let bytes = preamble
  for (const row of rows) {
    const size = Buffer.byteLength(row.text)
    if (current.length && (current.length >= rowLimit || bytes + size > maxBytes)) {
      files.push(current)
      current = []
      bytes = preamble
    }
    current.push(row)
    bytes += size
  }
  if (current.length) files.push(current)
  return files
}

function rowOutcome(errors: BulkRowError[] | undefined, row: Row): Outcome {
  if (!errors?.length) return delivered({ message: 'Accepted by Microsoft Advertising (Bulk upload).' })
  const [first] = errors
  return outcomeForCode(first.code, { errorCode: first.errorCode, subject: conversionNameSubject(row.conversionName) })
}

/**
 * The Bulk upload: prepares the inputs through the core exactly as the Apply path does (batches of 1,000, the same
 * validation, consent, normalisation and in-batch dedupe), writes the records as Bulk rows whose Client Id names
 * the input line, splits them into files under Microsoft's row and size limits (zipped with `compress`), uploads at
 * most 5 files at once, and maps each row error of the results files back to its input. One outcome per item, in
 * order.
 */
export async function runBulkSend(items: readonly BulkItem[], options: BulkUploadOptions): Promise<Outcome[]> {
  const parts: PreparedPart[] = []
  const rows: Row[] = []
  for (const positions of batchesOf(items)) {
    const batch = positions.map((position) => items[position])
    const prepared: PreparedBatch<Record_> =
      batch[0].kind === 'offline'
        ? prepareOfflineConversions(
            batch.map((item) => item.input as OfflineConversionInput),
            options.core
          )
        : prepareAdjustments(
            batch.map((item) => item.input as AdjustmentInput),
            options.core
          )
    const index = parts.push({ positions, prepared, outcomes: {} }) - 1
    prepared.slots.forEach((slot, position) => {
      if ('outcome' in slot) return
      const record = prepared.groups[slot.group]![slot.record]
      const clientId = `line-${batch[position].line}`
      const text =
        slot.group === 'applyOfflineConversions'
          ? offlineConversionRow(record, clientId)
          : adjustmentRow(record, clientId)
      rows.push({
        batch: index,
        group: slot.group,
        record: slot.record,
        clientId,
        text,
        conversionName: record.ConversionName
      })
    })
  }

  const maxBytes = options.maxFileBytes ?? BULK_MAX_FILE_BYTES
  // Compressed, the limit is on the archive, known only once it is built: files too large are halved then.
  const files = splitFiles(rows, Math.max(1, options.rowLimit), options.compress ? Infinity : maxBytes)
  const concurrency = Math.min(MAX_BULK_CONCURRENCY, Math.max(1, options.concurrency ?? MAX_BULK_CONCURRENCY))
  const sendFile = async (fileRows: Row[], name: string): Promise<void> => {
    const content = `${BOM}${bulkPreamble()}${fileRows.map((row) => row.text).join('')}`
    const key = createHash('sha256').update(content).digest('hex')
    let file: BulkFile = { name: `${name}.csv`, content }
    if (options.compress) {
      file = zipBulkFile({ name: `${name}.csv`, content })
      if (file.content.length > maxBytes && fileRows.length > 1) {
        const half = Math.ceil(fileRows.length / 2)
        await sendFile(fileRows.slice(0, half), `${name}a`)
        await sendFile(fileRows.slice(half), `${name}b`)
        return
      }
    }
    const result = await uploadBulkFile(options.client, file, {
      poll: options.poll,
      rows: fileRows.length,
      hooks: {
        resumeRequestId: options.checkpoint?.pending(key),
        onUploaded: (requestId) => options.checkpoint?.uploaded(key, requestId)
      }
    })
    // A file still pending at Microsoft stays in the checkpoint: the next attempt polls it instead of uploading it.
    if (result.ok || !result.pending) await options.checkpoint?.finished(key)
    options.onFile?.(fileRows.length, result)
    for (const row of fileRows) {
      const outcome = result.ok ? rowOutcome(result.results.errorsByClientId.get(row.clientId), row) : result.outcome
      const list = (parts[row.batch].outcomes[row.group] ??= [])
      list[row.record] = outcome
    }
  }
  await mapWithConcurrency(files, concurrency, (fileRows, fileIndex) =>
    sendFile(fileRows, `msads-conversions-${fileIndex + 1}`)
  )
  const outcomes = new Array<Outcome>(items.length)
  for (const part of parts) {
    settle(part.prepared, part.outcomes, options.core).forEach(
      (outcome, at) => (outcomes[part.positions[at]] = outcome)
    )
  }
  return outcomes
}
