import { ERROR_CATEGORIES, ERROR_TYPES, TAG_NAMES } from '@rudderstack/integrations-lib'
import {
  CAMPAIGN_OPERATIONS,
  conversionNameSubject,
  delivered,
  interpretApplyResponse,
  interpretCapiResponse,
  outcomeForIdentityResponse,
  outcomeToJson,
  parsedMicrosoftAnswer,
  redactMicrosoftText,
  outcomeForTransportError,
  TransportError
} from 'msads-conversions'
import type { ApplyOperation, HttpResponse, Outcome } from 'msads-conversions'
import { DESTINATION_TYPE } from '../constants'
import { getDynamicErrorType } from '../contracts/network-utils'
import { isHttpStatusSuccess } from '../contracts/v0-util'
import { TransformerProxyError } from '../contracts/error-types'
import type { DeliveryJobState, DeliveryV1Response, ProxyMetadata, ProxyV1Request } from '../contracts/rudder-types'
import { decisiveOutcome, jobStatusOf } from '../job-status'
import type { JobStatus } from '../job-status'
import { CAPI_LIST_KEY } from '../request-builder'
import { itemsByJob, notesOf } from './correlate'

/** What `processAxiosResponse` gives a response handler. */
export interface ProcessedResponse {
  response: unknown
  status: number
  headers?: Record<string, unknown>
}

export interface ResponseHandlerParams {
  destinationResponse: ProcessedResponse
  rudderJobMetadata: ProxyMetadata[]
  destType?: string
  destinationRequest?: ProxyV1Request
}

const APPLY_OPERATIONS: readonly ApplyOperation[] = [
  'applyOfflineConversions',
  'applyOfflineConversionAdjustments',
  'applyOnlineConversionAdjustments'
]

type Target =
  | { kind: 'apply'; operation: ApplyOperation; listKey: string; items: unknown[] }
  | { kind: 'capi'; listKey: string; items: unknown[]; continueOnValidationError: boolean }

/** Which Microsoft call the proxied request was, read from its body (the list key names the operation). */
function targetOf(request: ProxyV1Request | undefined): Target | undefined {
  const body = request?.body?.JSON
  if (!body) return undefined
  for (const operation of APPLY_OPERATIONS) {
    const { listKey } = CAMPAIGN_OPERATIONS[operation]
    if (Array.isArray(body[listKey])) return { kind: 'apply', operation, listKey, items: body[listKey] as unknown[] }
  }
  if (Array.isArray(body[CAPI_LIST_KEY])) {
    return {
      kind: 'capi',
      listKey: CAPI_LIST_KEY,
      items: body[CAPI_LIST_KEY] as unknown[],
      continueOnValidationError: body.continueOnValidationError !== false
    }
  }
  return undefined
}

function toHttpResponse(processed: ProcessedResponse): HttpResponse {
  const headers: Record<string, string> = {}
  const { response, status } = processed
  for (const [name, value] of Object.entries(processed.headers ?? {})) headers[name.toLowerCase()] = String(value)
  return {
    status,
    headers,
    body: typeof response === 'string' ? response : JSON.stringify(response ?? '')
  }
}

// processAxiosResponse writes a failed connection as "[ETIMEDOUT] :: …" with status 500.
const SYSTEM_ERROR = /^\[(E[A-Z_]+)]/

function itemOutcomes(target: Target, processed: ProcessedResponse): Outcome[] {
  const count = target.items.length
  const systemError = typeof processed.response === 'string' ? SYSTEM_ERROR.exec(processed.response) : null
  if (systemError) {
    const failure = outcomeForTransportError(
      new TransportError(systemError[1] === 'ETIMEDOUT' ? 'timeout' : 'network', processed.response as string)
    )
    return Array.from({ length: count }, () => failure)
  }
  const http = toHttpResponse(processed)
  const identity = outcomeForIdentityResponse(http)
  if (identity) return Array.from({ length: count }, () => identity)
  if (target.kind === 'capi') return interpretCapiResponse(http, count, target.continueOnValidationError)
  return interpretApplyResponse(http, count, (index) =>
    conversionNameSubject((target.items[index] as { ConversionName?: unknown } | undefined)?.ConversionName)
  )
}

/** The headers of Microsoft's answer worth showing: its TrackingId and what says how to retry. */
const SHOWN_HEADERS = new Set(['content-type', 'trackingid', 'retry-after'])

/** The values the request carried that Microsoft might echo: its tokens and ids, masked in what is shown. */
function requestSecrets(request: ProxyV1Request | undefined): string[] {
  return Object.values(request?.headers ?? {}).flatMap((value) =>
    typeof value === 'string' ? [value, value.replace(/^bearer\s+/i, '')] : []
  )
}

/**
 * The answer as the delivery response shows it: Microsoft's parsed error, redacted by the core (never the raw body,
 * which can echo the caller's tokens or an email), with the status and the TrackingId.
 */
function shownResponse(processed: ProcessedResponse, request: ProxyV1Request | undefined): ProcessedResponse {
  const ownText = typeof processed.response === 'string' && SYSTEM_ERROR.test(processed.response)
  const headers = Object.fromEntries(
    Object.entries(processed.headers ?? {}).filter(([name]) => SHOWN_HEADERS.has(name.toLowerCase()))
  )
  return {
    response: ownText ? processed.response : parsedMicrosoftAnswer(processed.response, requestSecrets(request)),
    status: processed.status,
    ...(Object.keys(headers).length > 0 ? { headers } : {})
  }
}

function jobState(metadata: ProxyMetadata, status: JobStatus): DeliveryJobState {
  const notes = notesOf(metadata)
  return {
    statusCode: status.statusCode,
    metadata: status.dontBatch ? { ...metadata, dontBatch: true } : metadata,
    error: notes.length > 0 ? `${status.error} Notes: ${notes.join(' ')}` : status.error,
    outcome: outcomeToJson(status.outcome)
  }
}

function summary(states: readonly DeliveryJobState[]): string {
  const counts = new Map<number, number>()
  for (const { statusCode } of states) counts.set(statusCode, (counts.get(statusCode) ?? 0) + 1)
  const parts = [...counts].sort(([a], [b]) => a - b).map(([code, n]) => `${n} × ${code}`)
  return `Request for ${DESTINATION_TYPE} processed: ${parts.join(', ')}.`
}

/**
 * The v1 delivery contract: one status per job of the batch, from Microsoft's answer read by the core
 * (PartialErrors and CAPI details by index, request-level faults for everyone). When the request failed as a
 * whole (every job the same failure), it throws, with authErrorCategory when OAuth must act.
 */
export function responseHandler(params: ResponseHandlerParams): DeliveryV1Response {
  const { destinationResponse, rudderJobMetadata: metadata, destinationRequest } = params
  const shown = shownResponse(destinationResponse, destinationRequest)
  const target = targetOf(destinationRequest)
  if (!target) {
    throw new TransformerProxyError(
      `[${DESTINATION_TYPE}] The proxied request is not an Apply or UET Conversions API call this destination built.`,
      400,
      { [TAG_NAMES.ERROR_TYPE]: ERROR_TYPES.ABORTED },
      shown,
      '',
      metadata.map((m) => ({ statusCode: 400, metadata: m, error: 'Unrecognised request.' }))
    )
  }
  // Microsoft's messages can echo the request's tokens or an email: masked before they become job errors.
  const secrets = requestSecrets(destinationRequest)
  const outcomes = itemOutcomes(target, destinationResponse).map((outcome) => ({
    ...outcome,
    message: redactMicrosoftText(outcome.message, secrets)
  }))
  const owners = itemsByJob(metadata, target.listKey, outcomes.length)
  const oauthManaged = target.kind === 'apply'
  const statuses = metadata.map((_, job) => {
    const mine = owners ? owners[job].map((index) => outcomes[index]) : outcomes
    return jobStatusOf(
      decisiveOutcome(mine) ?? delivered({ message: 'No item of this job was in the request.' }),
      oauthManaged
    )
  })
  const states = metadata.map((m, job) => jobState(m, statuses[job]))

  const [first] = statuses
  const failedAlike =
    !isHttpStatusSuccess(destinationResponse.status) &&
    first !== undefined &&
    first.statusCode !== 200 &&
    statuses.every((s) => s.statusCode === first.statusCode && s.authErrorCategory === first.authErrorCategory)
  if (failedAlike) {
    throw new TransformerProxyError(
      `[${DESTINATION_TYPE}] ${first.error}`,
      first.statusCode,
      { [TAG_NAMES.ERROR_TYPE]: getDynamicErrorType(first.statusCode) },
      shown,
      first.authErrorCategory ?? '',
      states
    )
  }
  const { status } = destinationResponse
  // Jobs fared differently: each state says what to do; a failed answer still carries the tags of its status.
  const statTags = isHttpStatusSuccess(status)
    ? {}
    : {
        statTags: {
          [TAG_NAMES.ERROR_CATEGORY]: ERROR_CATEGORIES.NETWORK,
          [TAG_NAMES.ERROR_TYPE]: getDynamicErrorType(status)
        }
      }
  return { status, message: summary(states), destinationResponse: shown, response: states, ...statTags }
}
