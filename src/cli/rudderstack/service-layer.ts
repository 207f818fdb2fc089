import { ERROR_TYPES, TAG_NAMES } from '@rudderstack/integrations-lib'
import { networkHandler, process as processEvent, processRouterDest } from '../../../destinations/rudderstack'
import { DESTINATION_TYPE } from '../../../destinations/rudderstack/constants'
import {
  toErrorObject,
  type DeliveryV1Response,
  type Metadata,
  type ProcessorTransformationRequest,
  type ProcessorTransformationResponse,
  type ProxyV1Request,
  type RouterTransformationRequest,
  type RouterTransformationResponse
} from '../../../destinations/rudderstack/contracts'

/**
 * What rudder-transformer's services do around a destination, so that `msads serve` answers its three routes as
 * rudder-transformer would: run the destination, catch what it throws, add the standard stat tags. The
 * destination itself (destinations/rudderstack) is unchanged.
 */

export const DEST_TYPE = DESTINATION_TYPE.toLowerCase()

function errorTags(feature: string, metadata?: Partial<Metadata>): Record<string, unknown> {
  return {
    destType: DESTINATION_TYPE,
    module: 'destination',
    implementation: 'native',
    feature,
    destinationId: metadata?.destinationId,
    workspaceId: metadata?.workspaceId
  }
}

/** POST /v0/destinations/:destType: each event transformed on its own; failures become error entries. */
export async function runProcessor(events: ProcessorTransformationRequest[]): Promise<ProcessorTransformationResponse[]> {
  const responses: ProcessorTransformationResponse[] = []
  for (const event of events) {
    try {
      for (const output of [await processEvent(event)].flat()) {
        responses.push({ output: { ...output, userId: output.userId ? `${output.userId}` : '' }, metadata: event.metadata, statusCode: 200 })
      }
    } catch (error) {
      const details = toErrorObject(error)
      responses.push({
        metadata: event.metadata,
        statusCode: details.status,
        error: details.message,
        statTags: { ...details.statTags, ...errorTags('processor', event.metadata) }
      })
    }
  }
  return responses
}

/** POST /routerTransform: the jobs of each destination go to processRouterDest together. */
export async function runRouter(request: RouterTransformationRequest): Promise<RouterTransformationResponse[]> {
  const byDestination = new Map<string, RouterTransformationRequest['input']>()
  for (const input of request.input) {
    const key = input.metadata?.destinationId ?? input.destination?.ID ?? ''
    byDestination.set(key, [...(byDestination.get(key) ?? []), input])
  }
  const output: RouterTransformationResponse[] = []
  for (const inputs of byDestination.values()) {
    for (const response of await processRouterDest(inputs, {})) {
      if (response.error && response.statTags && Object.keys(response.statTags).length) {
        response.statTags = { ...response.statTags, ...errorTags('router', inputs[0].metadata) }
      }
      output.push(response)
    }
  }
  return output
}

/**
 * POST /v1/destinations/:destType/proxy: sends the request and gives each job its status. The HTTP status is
 * 200 unless OAuth must act, as rudder-transformer's delivery controller answers.
 */
export async function runDelivery(request: ProxyV1Request): Promise<{ status: number; output: DeliveryV1Response }> {
  const handler = new networkHandler()
  let output: DeliveryV1Response
  try {
    const raw = await handler.proxy(request, DEST_TYPE)
    output = handler.responseHandler({
      destinationResponse: handler.processAxiosResponse(raw),
      rudderJobMetadata: request.metadata,
      destType: DEST_TYPE,
      destinationRequest: request
    })
  } catch (error) {
    const details = toErrorObject(error)
    const destinationResponse = (error as { destinationResponse?: { response?: unknown } }).destinationResponse
    const statTags = { ...details.statTags, ...errorTags('dataDelivery', request.metadata?.[0] as Partial<Metadata> | undefined) }
    if (!statTags[TAG_NAMES.ERROR_TYPE]) statTags[TAG_NAMES.ERROR_TYPE] = ERROR_TYPES.ABORTED
    output = {
      response: (request.metadata ?? []).map((metadata) => ({
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
  return { status: output.authErrorCategory ? output.status : 200, output }
}
