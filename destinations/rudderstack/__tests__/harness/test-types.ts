import type { InternalAxiosRequestConfig } from 'axios'
import type {
  DeliveryV1Response,
  ProcessorTransformationRequest,
  ProcessorTransformationResponse,
  ProxyV1Request,
  RouterTransformationRequest,
  RouterTransformationResponse
} from '../../contracts/rudder-types'

/** The part of axios-mock-adapter's MockAdapter a case's `mockFns` uses (rudder-transformer passes its own). */
export interface MockAdapterLike {
  onPost(
    url: string,
    data?: unknown
  ): { replyOnce(reply: (config: InternalAxiosRequestConfig) => Promise<unknown>): unknown }
}

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
  /** Called before the case with the axios mock: the fixtures' clock, answers that are not plain replies. */
  mockFns?: (mockAdapter: MockAdapterLike) => void
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
  httpRes: { status: number; data?: unknown; headers?: Record<string, string> }
}
