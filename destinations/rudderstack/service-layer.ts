import { ERROR_TYPES, TAG_NAMES } from '@rudderstack/integrations-lib'
import { networkHandler, process, processRouterDest } from './index'
import { DESTINATION_TYPE } from './constants'
import { generateErrorObject } from './contracts/v0-util'
import type {
  DeliveryV1Response,
  ProcessorTransformationRequest,
  ProcessorTransformationResponse,
  ProxyV1Request,
  RequestMetadata,
  RouterTransformationRequest,
  RouterTransformationResponse
} from './contracts/rudder-types'

/**
 * What rudder-transformer's services do around a destination (`services/destination/nativeIntegration.ts`,
 * `postTransformation.ts`, the delivery controller): run it, catch what it throws, and add the standard stat tags.
 * Not part of the destination upstream (rudder-transformer has its own): the tests' data files state the responses
 * rudder-transformer would send rudder-server through it, and `msads serve` answers rudder-server's routes with it.
 */

export const DEST_TYPE = DESTINATION_TYPE.toLowerCase()

function errorDetails(
  feature: string,
  metadata?: { destinationId?: string; workspaceId?: string }
): Record<string, unknown> {
  return {
    destType: DESTINATION_TYPE,
    module: 'destination',
    implementation: 'native',
    feature,
    destinationId: metadata?.destinationId,
    workspaceId: metadata?.workspaceId
  }
}

/**
 * rudder-transformer's request metadata (its feature-flag middleware and `getRequestMetadata`): each
 * `X-Feature-<name>` header becomes feature `<name>` in lower case, `true`/`?1` true, `false`/`?0` false.
 */
export function requestMetadata(headers: Record<string, string | undefined> = {}): RequestMetadata {
  const features: Record<string, boolean | string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith('x-feature-') || value === undefined) continue
    features[name.slice('x-feature-'.length).toLowerCase()] =
      value === 'true' || value === '?1' ? true : value === 'false' || value === '?0' ? false : value
  }
  return { namespace: 'Unknown', cluster: 'Unknown', features }
}

export async function runProcessor(
  body: ProcessorTransformationRequest[],
  reqMetadata: RequestMetadata = requestMetadata()
): Promise<{ status: number; body: ProcessorTransformationResponse[] }> {
  const responses: ProcessorTransformationResponse[] = []
  for (const event of body) {
    try {
      const outputs = [process(event, reqMetadata)].flat()
      for (const output of outputs)
        responses.push({
          output: { ...output, userId: output.userId ? `${output.userId}` : '' },
          metadata: event.metadata,
          statusCode: 200
        })
    } catch (error) {
      const details = generateErrorObject(error, {}, false)
      responses.push({
        metadata: event.metadata,
        statusCode: details.status,
        error: details.message,
        statTags: { ...details.statTags, ...errorDetails('processor', event.metadata) }
      })
    }
  }
  return { status: 200, body: responses }
}

export async function runRouter(
  body: RouterTransformationRequest,
  reqMetadata: RequestMetadata = requestMetadata()
): Promise<{ status: number; body: { output: RouterTransformationResponse[] } }> {
  // rudder-transformer hands a destination's jobs to processRouterDest one destination at a time.
  const byDestination = new Map<string, RouterTransformationRequest['input']>()
  for (const input of body.input) {
    const key = input.metadata?.destinationId ?? ''
    byDestination.set(key, [...(byDestination.get(key) ?? []), input])
  }
  const output: RouterTransformationResponse[] = []
  for (const inputs of byDestination.values()) {
    const responses = await processRouterDest(inputs, reqMetadata)
    for (const response of responses) {
      if ('error' in response && response.statTags && Object.keys(response.statTags).length) {
        response.statTags = { ...response.statTags, ...errorDetails('router', inputs[0].metadata) }
      }
      output.push(response)
    }
  }
  return { status: 200, body: { output } }
}

export async function runDelivery(
  body: ProxyV1Request
): Promise<{ status: number; body: { output: DeliveryV1Response } }> {
  const handler = new networkHandler()
  let output: DeliveryV1Response
  try {
    const raw = await handler.proxy(body, DESTINATION_TYPE.toLowerCase())
    const processed = handler.processAxiosResponse(raw)
    output = handler.responseHandler({
      destinationResponse: processed,
      rudderJobMetadata: body.metadata,
      destType: DESTINATION_TYPE.toLowerCase(),
      destinationRequest: body
    })
  } catch (error) {
    const details = generateErrorObject(error, {}, false)
    const destinationResponse = (error as { destinationResponse?: { response?: unknown } }).destinationResponse
    const statTags = { ...details.statTags, ...errorDetails('dataDelivery', body.metadata[0]) }
    if (!statTags[TAG_NAMES.ERROR_TYPE]) statTags[TAG_NAMES.ERROR_TYPE] = ERROR_TYPES.ABORTED
    output = {
      response: body.metadata.map((metadata) => ({
        error: JSON.stringify(destinationResponse?.response) || details.message,
        statusCode: details.status,
        metadata
      })),
      statTags,
      message: details.message,
      status: details.status,
      ...(details.authErrorCategory ? { authErrorCategory: details.authErrorCategory } : {})
    }
  }
  // The delivery controller answers with the job status only when OAuth must act; the body travels as JSON.
  return {
    status: output.authErrorCategory ? output.status : 200,
    body: JSON.parse(JSON.stringify({ output })) as { output: DeliveryV1Response }
  }
}
