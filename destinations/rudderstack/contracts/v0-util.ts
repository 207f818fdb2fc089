import { BaseError, TransformationError } from '@rudderstack/integrations-lib'
import { FEATURE_FILTER_CODE } from './constant'

/**
 * rudder-transformer's `src/v0/util` helpers this destination uses, with the same behaviour. They are JavaScript
 * there, which TypeScript types loosely (untyped parameters are `any`); the same types here keep a compile that
 * passes here passing there.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** A POST with every body format present and empty. */
export function defaultRequestConfig(): any {
  return {
    version: '1',
    type: 'REST',
    method: 'POST',
    endpoint: '',
    headers: {},
    params: {},
    body: { JSON: {}, JSON_ARRAY: {}, XML: {}, FORM: {} },
    files: {}
  }
}

export function getSuccessRespEvents(message: any, metadata: any, destination: any, batched = false, statusCode = 200) {
  return { batchedRequest: message, metadata, batched, statusCode, destination }
}

export function getErrorRespEvents(metadata: any, statusCode: any, error: any, statTags: any, batched = false) {
  return { metadata, batched, statusCode, error, statTags }
}

export function isHttpStatusSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

export function isHttpStatusRetryable(status: number): boolean {
  return status >= 500 && status < 600
}

/** True only when the request's features carry the filter code (the caller understands status 298). */
export function isNewStatusCodesAccepted(reqMetadata: object = {}): boolean {
  if (reqMetadata && typeof reqMetadata === 'object' && !Array.isArray(reqMetadata)) {
    const { features } = reqMetadata as { features?: Record<string, unknown> }
    return Boolean(features?.[FEATURE_FILTER_CODE])
  }
  return false
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | undefined)?.status
  return typeof status === 'number' ? status : 500
}

/**
 * The error a router or processor entry reports: a lib error keeps its status and tags, anything else becomes a
 * 500 TransformationError. With `shouldEnrichErrorMessage`, a destination response is folded into the message.
 */
export function generateErrorObject(
  error: unknown,
  defTags: Record<string, unknown> = {},
  shouldEnrichErrorMessage = true
): any {
  const source = (error ?? {}) as Partial<BaseError>
  const message = error instanceof Error ? error.message : String(error)
  const errObject = new BaseError(
    message,
    statusOf(error),
    { ...(source.statTags as Record<string, string> | undefined), ...(defTags as Record<string, string>) },
    source.destinationResponse,
    source.authErrorCategory
  )
  let errorMessage = message
  if (shouldEnrichErrorMessage) {
    if (errObject.destinationResponse) {
      errorMessage = JSON.stringify({ message, destinationResponse: errObject.destinationResponse })
    }
    errObject.message = errorMessage
  }
  if (!(error instanceof BaseError)) return new TransformationError(errorMessage, statusOf(error))
  return errObject
}

/** One failed job of a router call, with its destination and, where it applies, the OAuth category. */
export function handleRtTfSingleEventError(input: any, error: any, _reqMetadata?: any) {
  const errObj = generateErrorObject(error)
  const resp: any = getErrorRespEvents([input.metadata], errObj.status, errObj.message, errObj.statTags)
  if (error?.authErrorCategory) resp.authErrorCategory = error.authErrorCategory
  return { ...resp, destination: input?.destination }
}
