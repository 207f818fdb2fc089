import { rejected, retry, type Outcome } from '../../outcome'
import { outcomeForCode } from '../classify'
import { MicrosoftApiError } from '../errors'
import type { BulkClient } from './bulk-client'
import { FINAL_UPLOAD_STATUSES, type GetBulkUploadStatusResponse, type ResponseMode } from './bulk-models'
import { parseBulkResults, type BulkResults } from './results-file'

export interface PollPolicy {
  /** First wait after the upload; when not set, `delayPerTenThousandRowsMs` for each 10,000 rows (or part). */
  initialDelayMs?: number
  /**
   * The first wait per 10,000 rows of the file: Microsoft asks to check the status after about a minute per 10,000
   * rows, then every minute (https://learn.microsoft.com/advertising/guides/bulk-download-upload).
   */
  delayPerTenThousandRowsMs: number
  /** The wait between later status reads (Microsoft: a minute). */
  maxDelayMs: number
  /** Give up on a status that never becomes final after this long (the events are retried later). */
  maxWaitMs: number
  /** Longest single wait for 4204 (Microsoft: up to 15 minutes). */
  maxThrottleWaitMs: number
  /** URL requests, uploads and results downloads tried before the file's events are given a retry outcome. */
  attempts: number
  sleep?: (ms: number) => Promise<void>
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  delayPerTenThousandRowsMs: 60_000,
  maxDelayMs: 60_000,
  maxWaitMs: 2 * 3_600_000,
  maxThrottleWaitMs: 15 * 60_000,
  attempts: 4
}

export interface BulkFile {
  name: string
  /** The whole CSV, byte order mark included, or a ZIP archive of it (zipBulkFile). */
  content: string | Uint8Array
}

export interface BulkUploadHooks {
  /** Called once the file is received, with its request id: a checkpoint for resuming without uploading twice. */
  onUploaded?: (requestId: string) => void | Promise<void>
  /** A request id from a previous run whose file was received: it is polled instead of uploading again. */
  resumeRequestId?: string
}

export type BulkUploadResult =
  | {
      ok: true
      requestId: string
      status: string
      results: BulkResults
      errors: NonNullable<GetBulkUploadStatusResponse['Errors']>
    }
  | {
      ok: false
      requestId?: string
      outcome: Outcome
      /**
       * Microsoft has the file but its final status or results were not read: polling the request id later
       * (`resumeRequestId`) finishes it without uploading the file again.
       */
      pending?: boolean
    }

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Records of a Bulk CSV: its lines after the header and the Format Version row (undefined for a ZIP archive). */
export function bulkFileRows(file: BulkFile): number | undefined {
  if (typeof file.content !== 'string') return undefined
  let lines = 0
  for (let at = file.content.indexOf('\n'); at >= 0; at = file.content.indexOf('\n', at + 1)) lines++
  return Math.max(0, lines - 2)
}

/** The wait before the first status read: as set, else a minute per 10,000 rows (at least one). */
export function firstPollDelayMs(policy: PollPolicy, rows: number | undefined): number {
  if (policy.initialDelayMs !== undefined) return policy.initialDelayMs
  return Math.max(1, Math.ceil((rows ?? 1) / 10_000)) * policy.delayPerTenThousandRowsMs
}

function failureOf(error: unknown): Outcome {
  if (error instanceof MicrosoftApiError) return error.outcome
  throw error
}

/** The outcome of every row of a file whose upload ended in a final status other than Completed(WithErrors). */
function statusOutcome(status: GetBulkUploadStatusResponse): Outcome {
  const first = status.Errors?.[0]
  const detail = first ? ` (${first.ErrorCode ?? first.Code}: ${first.Message ?? ''})` : ''
  switch (status.RequestStatus) {
    case 'UploadFileRowCountExceeded':
      return rejected(
        'bulk_row_count_exceeded',
        `Microsoft refused the Bulk file: it has more rows than allowed${detail}.`
      )
    case 'UploadFileFormatNotSupported':
      return rejected('bulk_format_not_supported', `Microsoft refused the Bulk file's Format Version${detail}.`)
    default:
      return retry(
        'bulk_upload_failed',
        `Microsoft's Bulk service could not process the file${detail}; its events will be sent again.`,
        {
          retryAfterSeconds: 60
        }
      )
  }
}

/**
 * One file through the whole Bulk workflow: upload URL, upload, status until final, results file. Throttling
 * (4204) waits and tries again; an expired upload URL gets a new one; an expired results URL is renewed by
 * reading the status again. Never throws for Microsoft's answers: a file that could not be processed comes back
 * as one outcome for all its rows.
 */
export async function uploadBulkFile(
  client: BulkClient,
  file: BulkFile,
  options: {
    responseMode?: ResponseMode
    poll?: Partial<PollPolicy>
    hooks?: BulkUploadHooks
    /** Records in the file, for the first status wait; counted from a CSV when not given. */
    rows?: number
  } = {}
): Promise<BulkUploadResult> {
  const policy: PollPolicy = { ...DEFAULT_POLL_POLICY, ...options.poll }
  const sleep = policy.sleep ?? defaultSleep
  const hooks = options.hooks ?? {}
  let lastFailure: Outcome = retry(
    'bulk_not_uploaded',
    'The Bulk file was not uploaded; its events will be sent again.'
  )

  let requestId = hooks.resumeRequestId
  for (let attempt = 1; attempt <= policy.attempts && requestId === undefined; attempt++) {
    try {
      const { RequestId, UploadUrl } = await client.getUploadUrl(options.responseMode ?? 'ErrorsOnly')
      await client.uploadFile(UploadUrl, file)
      await hooks.onUploaded?.(RequestId)
      requestId = RequestId
    } catch (error) {
      lastFailure = failureOf(error)
      if (lastFailure.outcome !== 'retry' || attempt === policy.attempts) return { ok: false, outcome: lastFailure }
      await sleep(Math.min(policy.maxThrottleWaitMs, (lastFailure.retryAfterSeconds ?? 1) * 1000))
    }
  }
  if (requestId === undefined) return { ok: false, outcome: lastFailure }

  const firstDelay = firstPollDelayMs(policy, options.rows ?? bulkFileRows(file))
  const status = await pollUntilFinal(client, requestId, { ...policy, initialDelayMs: firstDelay }, sleep)
  if ('outcome' in status) {
    // A resumed request id Microsoft no longer knows (4201) was never received: upload the file afresh.
    if (hooks.resumeRequestId && status.outcome.code === 4201) {
      return uploadBulkFile(client, file, { ...options, hooks: { onUploaded: hooks.onUploaded } })
    }
    return { ok: false, requestId, outcome: status.outcome, pending: status.outcome.code !== 4201 }
  }
  if (status.RequestStatus !== 'Completed' && status.RequestStatus !== 'CompletedWithErrors') {
    return { ok: false, requestId, outcome: statusOutcome(status) }
  }
  const results = await downloadWithRenewal(client, requestId, status, policy, sleep)
  if ('outcome' in results) return { ok: false, requestId, outcome: results.outcome, pending: true }
  return { ok: true, requestId, status: status.RequestStatus, results, errors: status.Errors ?? [] }
}

async function pollUntilFinal(
  client: BulkClient,
  requestId: string,
  policy: PollPolicy,
  sleep: (ms: number) => Promise<void>
): Promise<GetBulkUploadStatusResponse | { outcome: Outcome }> {
  let delay = policy.initialDelayMs ?? policy.maxDelayMs
  let waited = 0
  let failures = 0
  for (;;) {
    try {
      const status = await client.getUploadStatus(requestId)
      if (FINAL_UPLOAD_STATUSES.has(status.RequestStatus)) return status
      if (status.RequestStatus === 'PendingFileUpload' && waited > 0) {
        return { outcome: outcomeForCode(4201, { message: 'Microsoft never received the file of this Bulk request.' }) }
      }
    } catch (error) {
      const outcome = failureOf(error)
      failures += 1
      if (outcome.outcome !== 'retry' || failures >= policy.attempts) return { outcome }
      delay = Math.max(delay, (outcome.retryAfterSeconds ?? 0) * 1000)
    }
    if (waited >= policy.maxWaitMs) {
      return {
        outcome: retry('bulk_status_timeout', 'The Bulk upload did not finish in time; its events will be sent again.')
      }
    }
    const wait = Math.min(delay, policy.maxThrottleWaitMs)
    await sleep(wait)
    waited += Math.max(1, wait)
    delay = policy.maxDelayMs
  }
}

/** The results URL lasts minutes: when it has expired, the status is read again for a new one. */
async function downloadWithRenewal(
  client: BulkClient,
  requestId: string,
  status: GetBulkUploadStatusResponse,
  policy: PollPolicy,
  sleep: (ms: number) => Promise<void>
): Promise<BulkResults | { outcome: Outcome }> {
  let url = status.ResultFileUrl
  let last: Outcome = retry(
    'bulk_results_unavailable',
    'Microsoft gave no Bulk results file; the events will be sent again.'
  )
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      if (!url) {
        if (status.RequestStatus === 'Completed') return parseBulkResults('')
        url = (await client.getUploadStatus(requestId)).ResultFileUrl ?? undefined
        if (!url) continue
      }
      return parseBulkResults(await client.downloadResults(url))
    } catch (error) {
      last = failureOf(error)
      if (last.outcome !== 'retry') return { outcome: last }
      url = undefined
      if (attempt < policy.attempts)
        await sleep(Math.min(policy.maxThrottleWaitMs, (last.retryAfterSeconds ?? 1) * 1000))
    }
  }
  return { outcome: last }
}
