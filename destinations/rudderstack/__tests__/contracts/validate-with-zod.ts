import type { TestData } from '../harness/test-types'
import {
  DeliveryV1ResponseSchema,
  DeliveryV1ResponseSchemaForOauth,
  ProcessorTransformationResponseListSchema,
  ProxyV1RequestSchema,
  RouterTransformationResponseListSchema
} from './router-response-schema'

/**
 * rudder-transformer's `validateTestWithZOD` for the features this destination's cases use: the processor answer,
 * the router output, and the proxy's request and answer (the OAuth variant for `Oauth` scenarios). Throws a ZodError
 * naming the entry and the rule that failed.
 */
export function validateTestWithZod(tc: TestData, responseBody: unknown): true {
  switch (tc.feature) {
    case 'router':
      RouterTransformationResponseListSchema.parse((responseBody as { output: unknown }).output)
      break
    case 'dataDelivery': {
      ProxyV1RequestSchema.parse(tc.input.request.body)
      const schema = tc.scenario === 'Oauth' ? DeliveryV1ResponseSchemaForOauth : DeliveryV1ResponseSchema
      schema.parse((responseBody as { output: unknown }).output)
      break
    }
    case 'processor':
      ProcessorTransformationResponseListSchema.parse(responseBody)
      break
  }
  return true
}
