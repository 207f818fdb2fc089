import type { TestData } from '../harness/test-types'
import {
  DeliveryV1ResponseSchema,
  DeliveryV1ResponseSchemaForOauth,
  ProxyV1RequestSchema,
  RouterTransformationResponseListSchema
} from './router-response-schema'

/**
 * rudder-transformer's `validateTestWithZOD` for the features this destination's cases use: the router output,
 * and the proxy's request and answer (the OAuth variant for `Oauth` scenarios). Throws a ZodError naming the
 * entry and the rule that failed. Processor responses are built by rudder-transformer's own service layer
 * (a FilteredEventsError there becomes a 298 without output, whatever the destination does), so they are not
 * checked here.
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
      break
  }
  return true
}
