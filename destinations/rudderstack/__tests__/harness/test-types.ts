import type {
  DeliveryV1Response,
  ProcessorTransformationRequest,
  ProcessorTransformationResponse,
  ProxyV1Request,
  RouterTransformationRequest,
  RouterTransformationResponse
} from '../../contracts'

/** rudder-transformer's test case types (`test/integrations/testTypes.ts`), so the data files can travel upstream. */
interface BaseTestData {
  id: string
  name: string
  description: string
  scenario: string
  successCriteria: string
  comment?: string
  module: 'destination'
  version: 'v0' | 'v1'
}

export interface ProcessorTestData extends BaseTestData {
  feature: 'processor'
  input: { request: { method: 'POST'; headers?: Record<string, string>; body: ProcessorTransformationRequest[] } }
  output: { response: { status: number; body: ProcessorTransformationResponse[] } }
}

export interface RouterTestData extends BaseTestData {
  feature: 'router'
  input: { request: { method: 'POST'; headers?: Record<string, string>; body: RouterTransformationRequest } }
  output: { response: { status: number; body: { output: RouterTransformationResponse[] } } }
}

export interface ProxyV1TestData extends BaseTestData {
  feature: 'dataDelivery'
  input: { request: { method: 'POST'; body: ProxyV1Request } }
  output: { response: { status: number; body: { output: DeliveryV1Response } } }
}

export type TestData = ProcessorTestData | RouterTestData | ProxyV1TestData

/** One mocked HTTP exchange, as rudder-transformer's `network.ts` files list them for axios-mock-adapter. */
export interface MockHttpCallsData {
  httpReq: { url: string; method: 'POST' | 'GET' | 'PUT' | 'DELETE'; data?: unknown; headers?: Record<string, string> }
  httpRes: { status: number; data?: unknown; headers?: Record<string, string> } | { networkError: string }
}
