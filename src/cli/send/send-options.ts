/** What `msads send` is asked to do, before the plan checks it (send-plan.ts) and the run carries it out (send-run.ts). */
import type { PollPolicy } from '../../microsoft/bulk'
import type { OriginalConversionLookup } from '../forward-log/original-conversion'
import type { RetryPolicy } from './retry-policy'

export const MAX_BATCH_SIZE = 1000

export interface SendRunOptions {
  file: string
  format?: string
  /** segment (default) or rudderstack; records with type "record" always go the RudderStack way. */
  source?: string
  mappingFile?: string
  destinationConfigFile?: string
  configFile?: string
  dryRun?: boolean
  rejectsPath?: string
  batchSize?: number
  concurrency?: number
  /** MiB of input held at once, waiting for or in requests. */
  maxBufferMb?: number
  retry: RetryPolicy
  progress?: boolean
  progressIntervalMs?: number
  /** Continue after the checkpoint an earlier run of the same file left. */
  resume?: boolean
  /** Longest time with requests in flight and no answer; also the longest wait for them after a stop. */
  settleTimeoutMs?: number
  /** The embedded emulator's port when there are no credentials (0, the default, picks a free one). */
  emulatorPort?: number
  /** Where refunds that do not name their original conversion find it by order id (the forward log). */
  originalConversions?: OriginalConversionLookup
  /** The forward log's file; false for none (a dry run never writes it). */
  forwardLog?: string | false
  /** The forward log's rows written from a thread of their own (--memory fast): faster, about 20 MB more at the peak. */
  forwardLogThread?: boolean
  /** Where the conversions go: Apply and CAPI calls (the default), Bulk upload, or a Bulk file (export-csv). */
  sink?: SinkChoice
  /** The command's name in warnings (`msads send`, `msads export-csv`). */
  command?: string
  /** The core's clock (tests). */
  now?: () => number
}

export type SinkChoice =
  { kind: 'apply' } | ({ kind: 'bulk' } & BulkSinkOptions) | { kind: 'file'; write: (text: string) => Promise<void> }

export interface BulkSinkOptions {
  /** Rows per Bulk file: default 100,000, at most Microsoft's limit for the environment less the Format Version row. */
  bulkFileRows?: number
  /** Where pending uploads are remembered; default `<input>.bulk-checkpoint.json`. */
  checkpointPath?: string
  poll?: Partial<PollPolicy>
  /** Upload each Bulk file as a one-entry ZIP archive; the 100 MB limit is then on the archive. */
  bulkZip?: boolean
}
