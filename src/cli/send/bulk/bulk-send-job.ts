import type { CliIo } from '../../io'
import { BULK_TARGET, defaultCheckpointPath } from '../../pipeline/bulk-sink'
import type { BulkSinkOptions, SendRunOptions } from '../send-options'
import { runSendJob, type SendSummary } from '../send-run'
import { MAX_BULK_CONCURRENCY } from './bulk-upload'

export { BULK_TARGET, defaultCheckpointPath }

export type BulkSendOptions = SendRunOptions & BulkSinkOptions

/** `msads send FILE --via bulk`: the send pipeline with the Bulk sink. */
export function runBulkSendJob(options: BulkSendOptions, io: CliIo): Promise<SendSummary> {
  return runSendJob({ ...options, sink: { kind: 'bulk', ...options } }, io)
}

export { MAX_BULK_CONCURRENCY }
