import type { z } from 'zod'
import type { Outcome } from '../../outcome'
import { retry } from '../../outcome'
import { silentLogger, type Logger } from '../../support/logger'
import { credentialsWith, type CampaignAuth } from '../campaign-client'
import { campaignHeaders, type CampaignCredentials } from '../campaign-request'
import { outcomeForCode, outcomeForFailure, outcomeForHttpStatus } from '../classify'
import { resolveEndpoints, type Environment } from '../endpoints'
import { MicrosoftApiError } from '../errors'
import { fetchTransport } from '../fetch-transport'
import { DEFAULT_TIMEOUT_MS, retryAfterSeconds, type HttpResponse, type Transport } from '../http'
import { interpretApplyResponse, trackingIdOf } from '../responses'
import {
  BULK_OPERATIONS,
  BulkUploadError,
  GetBulkUploadStatusResponse,
  GetBulkUploadUrlResponse,
  type BulkOperation,
  type ResponseMode
} from './bulk-models'
import { multipartBody } from './multipart'
import { throwingWithFreshToken, tokenSourceOf, type TokenSource } from '../token-source'

export interface BulkClientOptions {
  auth: CampaignAuth
  environment?: Environment
  transport?: Transport
  timeoutMs?: number
  /** Uploads can be large: the file POST gets this long (default 10 minutes). */
  uploadTimeoutMs?: number
  logger?: Logger
}

export interface BulkCall {
  operation: BulkOperation | 'upload' | 'results'
  status: number
}

const UPLOAD_TIMEOUT_MS = 10 * 60_000

function parseJson(body: string): unknown {
  try {
    return body ? JSON.parse(body) : {}
  } catch {
    return undefined
  }
}

/**
 * Bulk v13 over REST: the upload URL, the file upload (multipart/form-data), the upload status and the results
 * file. Failures throw MicrosoftApiError with the outcome the one code table gives them; a refused token is
 * refreshed once through the auth's TokenSource, as the Campaign Management client does.
 */
export class BulkClient {
  private readonly transport: Transport
  private readonly logger: Logger
  /** Observers of each call, for metrics and request counts. */
  readonly callListeners: Array<(call: BulkCall) => void> = []
  private readonly tokens: TokenSource

  constructor(private readonly options: BulkClientOptions) {
    this.transport = options.transport ?? fetchTransport
    this.logger = options.logger ?? silentLogger
    this.tokens = tokenSourceOf(options.auth.accessToken)
  }

  private notify(call: BulkCall): void {
    this.logger.debug('microsoft bulk', { ...call })
    for (const listener of this.callListeners) listener(call)
  }

  /** Runs one authenticated call; a refused token is refreshed and the call made once more. */
  private authenticated<T>(run: (credentials: CampaignCredentials) => Promise<T>): Promise<T> {
    return throwingWithFreshToken(
      this.tokens,
      (accessToken) => run(credentialsWith(this.options.auth, accessToken)),
      (error) => new MicrosoftApiError(outcomeForFailure(error))
    )
  }

  private async send(request: Parameters<Transport>[0], operation: BulkCall['operation']): Promise<HttpResponse> {
    let response: HttpResponse
    try {
      response = await this.transport(request)
    } catch (error) {
      this.notify({ operation, status: 0 })
      throw new MicrosoftApiError(outcomeForFailure(error))
    }
    this.notify({ operation, status: response.status })
    return response
  }

  private query<T extends z.ZodTypeAny>(operation: BulkOperation, body: unknown, schema: T): Promise<z.infer<T>> {
    return this.authenticated(async (credentials) => {
      const url = `${resolveEndpoints(this.options.environment).bulkBaseUrl}${BULK_OPERATIONS[operation]}`
      const response = await this.send(
        {
          method: 'POST',
          url,
          headers: campaignHeaders(credentials),
          body: JSON.stringify(body),
          timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS
        },
        operation
      )
      if (response.status < 200 || response.status >= 300)
        throw new MicrosoftApiError(interpretApplyResponse(response, 1)[0])
      const json = parseJson(response.body)
      const parsed = schema.safeParse(json)
      if (!parsed.success) {
        throw new MicrosoftApiError(
          retry('unreadable_response', `Microsoft's answer to ${operation} could not be read.`, {
            status: 502,
            trackingId: trackingIdOf(response, json)
          })
        )
      }
      return parsed.data
    })
  }

  /** GetBulkUploadUrl: a request id and a URL to POST one file to, both valid for 15 minutes. */
  getUploadUrl(responseMode: ResponseMode = 'ErrorsOnly'): Promise<z.infer<typeof GetBulkUploadUrlResponse>> {
    return this.query(
      'getBulkUploadUrl',
      { AccountId: this.options.auth.accountId, ResponseMode: responseMode },
      GetBulkUploadUrlResponse
    )
  }

  getUploadStatus(requestId: string): Promise<z.infer<typeof GetBulkUploadStatusResponse>> {
    return this.query('getBulkUploadStatus', { RequestId: requestId }, GetBulkUploadStatusResponse)
  }

  /**
   * POSTs the file to the upload URL as multipart/form-data. The upload authenticates with the AuthenticationToken
   * header (not Authorization) and the same user as GetBulkUploadUrl (https://learn.microsoft.com/advertising/guides/bulk-download-upload).
   * Text content is a CSV file; bytes are a ZIP archive of one (see zipBulkFile).
   */
  uploadFile(uploadUrl: string, file: { name: string; content: string | Uint8Array }): Promise<void> {
    return this.authenticated(async (credentials) => {
      const { contentType, body } = multipartBody({
        field: 'file',
        fileName: file.name,
        contentType: typeof file.content === 'string' ? 'text/csv' : 'application/zip',
        content: file.content
      })
      const response = await this.send(
        {
          method: 'POST',
          url: uploadUrl,
          headers: {
            AuthenticationToken: credentials.accessToken,
            DeveloperToken: credentials.developerToken,
            CustomerId: credentials.customerId,
            CustomerAccountId: credentials.accountId,
            AccountId: credentials.accountId,
            'Content-Type': contentType
          },
          body,
          timeoutMs: this.options.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS
        },
        'upload'
      )
      if (response.status >= 200 && response.status < 300) return
      throw new MicrosoftApiError(uploadFailure(response))
    })
  }

  /** Downloads the results file. The URL is pre-signed: no credential goes with it. */
  async downloadResults(resultFileUrl: string): Promise<string> {
    const response = await this.send(
      { method: 'GET', url: resultFileUrl, headers: {}, timeoutMs: this.options.uploadTimeoutMs ?? UPLOAD_TIMEOUT_MS },
      'results'
    )
    if (response.status >= 200 && response.status < 300) return response.body
    throw new MicrosoftApiError(
      retry(
        'bulk_results_unavailable',
        `The Bulk results file could not be downloaded (HTTP ${response.status}); its URL may have expired.`,
        {
          status: 503,
          retryAfterSeconds: 1
        }
      )
    )
  }
}

/** The answer of the upload URL: 401 for credentials, 400 with a Bulk code (3220 to 3227) for the file. */
function uploadFailure(response: HttpResponse): Outcome {
  const json = parseJson(response.body)
  const parsed = BulkUploadError.safeParse(json)
  const trackingId = trackingIdOf(response, json)
  if (parsed.success) {
    return outcomeForCode(parsed.data.Code, {
      httpStatus: response.status,
      errorCode: parsed.data.ErrorCode,
      message: parsed.data.Message,
      trackingId,
      retryAfterSeconds: retryAfterSeconds(response.headers)
    })
  }
  if (response.status === 401) return outcomeForHttpStatus(401, { trackingId })
  return interpretApplyResponse(response, 1)[0]
}
