import { GetBulkUploadStatusResponse } from '../../microsoft/bulk/bulk-models'
import { z } from 'zod'
import { authenticate } from '../campaign/authenticate'
import { codeText } from '../campaign/codes'
import { adApiFaultReply, apiFaultReply, okReply, operationError } from '../campaign/faults'
import { header, jsonReply, textReply, type EmulatorRequest, type Reply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import { guid, opaqueToken } from '../support/ids'
import { readUpload } from './bulk-archive'
import { readBulkFile } from './bulk-file'
import type { BulkJob } from './bulk-jobs'
import { processBulkFile } from './bulk-processing'
import { boundaryOf, parseMultipart } from './multipart-parse'

export const UPLOAD_PREFIX = '/bulk-upload/'
export const RESULTS_PREFIX = '/bulk-results/'

/** The Bulk calls need an account, as the Apply operations do: authenticate() checks the same headers. */
const ACCOUNT_LEVEL = 'applyOfflineConversions'

const UrlRequest = z.object({
  AccountId: z.union([z.string(), z.number()]).optional(),
  ResponseMode: z.enum(['ErrorsOnly', 'ErrorsAndResults']).optional()
})
const StatusRequest = z.object({ RequestId: z.string().min(1) })

function originOf(request: EmulatorRequest): string {
  return `http://${header(request, 'Host') ?? '127.0.0.1'}`
}

function readJson(body: string): unknown {
  try {
    return body ? JSON.parse(body) : {}
  } catch {
    return undefined
  }
}

/** POST Bulk/v13/BulkUploadUrl/Query: a RequestId and an UploadUrl valid for `bulkUploadUrlLifetimeSeconds`. */
export function handleBulkUploadUrl(request: EmulatorRequest, state: EmulatorState): Reply {
  const trackingId = guid()
  const auth = authenticate(request, ACCOUNT_LEVEL, state)
  if (!auth.ok) return adApiFaultReply(trackingId, auth.code)
  if (state.bulk.take('throttleNext')) return apiFaultReply(trackingId, [operationError(4204)], 400)
  const body = UrlRequest.safeParse(readJson(request.body))
  if (!body.success)
    return apiFaultReply(trackingId, [
      operationError(201, 'AccountId must be a long and ResponseMode ErrorsOnly or ErrorsAndResults.')
    ])
  const accountId = auth.caller.accountId as string
  if (body.data.AccountId !== undefined && String(body.data.AccountId) !== accountId) {
    return apiFaultReply(trackingId, [operationError(208, 'AccountId must be the CustomerAccountId header.')])
  }
  const requestId = guid()
  state.bulk.jobs.set(requestId, {
    requestId,
    customerId: auth.caller.customerId,
    accountId,
    responseMode: body.data.ResponseMode ?? 'ErrorsOnly',
    urlExpiresAt: state.now() + state.options.bulkUploadUrlLifetimeSeconds * 1000,
    status: 'PendingFileUpload',
    percentComplete: 0,
    polls: 0,
    errors: [],
    resultTokens: new Map()
  })
  return okReply(trackingId, { RequestId: requestId, UploadUrl: `${originOf(request)}${UPLOAD_PREFIX}${requestId}` })
}

function uploadError(status: number, trackingId: string, requestId: string, code: number): Reply {
  const { errorCode, message } = codeText(code)
  return jsonReply(
    status,
    { TrackingId: trackingId, RequestId: requestId, Code: code, ErrorCode: errorCode, Message: message },
    { TrackingId: trackingId }
  )
}

/**
 * POST <UploadUrl>: one CSV file, or a ZIP archive of one, as multipart/form-data, with the AuthenticationToken header (Authorization is not
 * used) and the same customer and account as the URL request. The file is only received here; it is read and
 * processed while the status is polled.
 */
export function handleBulkUpload(request: EmulatorRequest, requestId: string, state: EmulatorState): Reply {
  const trackingId = guid()
  const token = header(request, 'AuthenticationToken')
  const accountHeader = header(request, 'CustomerAccountId') ?? header(request, 'AccountId')
  const asCampaign: EmulatorRequest = {
    ...request,
    headers: {
      ...request.headers,
      authorization: token ? `Bearer ${token}` : undefined,
      customeraccountid: accountHeader
    }
  }
  const auth = authenticate(asCampaign, ACCOUNT_LEVEL, state)
  if (!auth.ok) return uploadError(auth.code === 106 ? 403 : 401, trackingId, requestId, auth.code)
  const job = state.bulk.jobs.get(requestId)
  if (!job || job.customerId !== auth.caller.customerId || job.accountId !== auth.caller.accountId)
    return uploadError(400, trackingId, requestId, 3220)
  if (job.status !== 'PendingFileUpload') return uploadError(400, trackingId, requestId, 3224)
  if (state.now() > job.urlExpiresAt) return uploadError(400, trackingId, requestId, 3226)
  const boundary = boundaryOf(header(request, 'Content-Type'))
  // Read as Latin-1, one character per byte, so that a binary part (a ZIP archive) comes back byte for byte.
  const raw = (request.bytes ?? Buffer.from(request.body, 'utf8')).toString('latin1')
  const parts = boundary ? parseMultipart(raw, boundary) : undefined
  const files = (parts ?? []).filter((part) => part.fileName !== undefined)
  if (!files.length) return uploadError(400, trackingId, requestId, 3221)
  if (files.length > 1) return uploadError(400, trackingId, requestId, 3222)
  const [file] = files
  const name = file.fileName as string
  const upload = readUpload(name, Buffer.from(file.content, 'latin1'))
  if (upload.kind === 'refused') return uploadError(400, trackingId, requestId, upload.code)
  job.file = upload.kind === 'csv' ? { name, text: upload.text } : { name, text: '', unreadable: upload.reason }
  job.status = 'FileUploaded'
  return jsonReply(200, { TrackingId: trackingId, RequestId: requestId }, { TrackingId: trackingId })
}

/** Moves a received file on by one status read; the last read processes it. */
function advance(job: BulkJob, state: EmulatorState): void {
  if (job.status !== 'FileUploaded' && job.status !== 'InProgress') return
  job.polls += 1
  const needed = Math.max(1, state.options.bulkStatusPollsToComplete)
  if (job.polls < needed) {
    job.status = 'InProgress'
    job.percentComplete = Math.floor((job.polls / needed) * 100)
    return
  }
  if (state.bulk.take('failNext')) {
    job.status = 'Failed'
    job.percentComplete = 0
    return
  }
  if (job.file?.unreadable) {
    job.status = 'Failed'
    job.percentComplete = 0
    job.errors = [operationError(0, job.file.unreadable)]
    return
  }
  const read = readBulkFile(job.file?.text ?? '', state.options.bulkRowLimit)
  if (!read.ok) {
    job.status = read.status
    job.percentComplete = 0
    job.errors = read.status === 'Failed' ? [operationError(0, read.reason)] : []
    return
  }
  processBulkFile(state, job, read.header, read.records)
}

/** POST Bulk/v13/BulkUploadStatus/Query: status, PercentComplete, and once processed a fresh results URL. */
export function handleBulkUploadStatus(request: EmulatorRequest, state: EmulatorState): Reply {
  const trackingId = guid()
  const auth = authenticate(request, ACCOUNT_LEVEL, state)
  if (!auth.ok) return adApiFaultReply(trackingId, auth.code)
  const body = StatusRequest.safeParse(readJson(request.body))
  if (!body.success) return apiFaultReply(trackingId, [operationError(4201)])
  const job = state.bulk.jobs.get(body.data.RequestId)
  if (!job || job.customerId !== auth.caller.customerId || job.accountId !== auth.caller.accountId)
    return apiFaultReply(trackingId, [operationError(4201)])
  if (job.status === 'PendingFileUpload' && state.now() > job.urlExpiresAt)
    return apiFaultReply(trackingId, [operationError(4201)])
  advance(job, state)
  let resultFileUrl: string | null = null
  if (job.resultsFile !== undefined) {
    const token = opaqueToken('r')
    const lifetime = state.bulk.take('expireResultsNext') ? -1 : state.options.bulkResultsUrlLifetimeSeconds * 1000
    job.resultTokens.set(token, state.now() + lifetime)
    resultFileUrl = `${originOf(request)}${RESULTS_PREFIX}${job.requestId}/${token}`
  }
  const answer: z.input<typeof GetBulkUploadStatusResponse> = {
    Errors: job.errors.length ? job.errors : null,
    ForwardCompatibilityMap: null,
    PercentComplete: job.percentComplete,
    RequestStatus: job.status,
    ResultFileUrl: resultFileUrl
  }
  return okReply(trackingId, answer)
}

/** GET <ResultFileUrl>: a pre-signed download; an expired one is refused as a storage service would (403). */
export function handleBulkResults(requestId: string, token: string, state: EmulatorState): Reply {
  const job = state.bulk.jobs.get(requestId)
  const expiresAt = job?.resultTokens.get(token)
  if (!job || expiresAt === undefined || job.resultsFile === undefined)
    return textReply(404, 'The specified blob does not exist.')
  if (state.now() > expiresAt)
    return textReply(403, 'Server failed to authenticate the request: the signed URL has expired.')
  return { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: job.resultsFile }
}
