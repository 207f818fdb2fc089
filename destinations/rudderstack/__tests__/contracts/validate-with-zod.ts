import type { TestData } from '../harness/test-types'
import {
  DeliveryV1ResponseSchema,
  DeliveryV1ResponseSchemaForOauth,
  ProcessorTransformationResponseSchema,
  ProxyV1RequestSchema,
  RouterTransformationResponseListSchema
} from './router-response-schema'

const FILTERED = 298

/**
 * rudder-transformer's `validateTestWithZOD` for the features this destination's cases use: the router output,
 * and the proxy's request and answer (the OAuth variant for `Oauth` scenarios). Throws a ZodError naming the
 * entry and the rule that failed. Processor responses are checked too, except filtered ones: rudder-transformer's
 * own service turns a FilteredEventsError into a 298 without output, which its processor schema refuses whatever
 * the destination does; those must carry their reason.
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
      for (const response of responseBody as Array<{ statusCode: number; error?: string }>) {
        if (response.statusCode !== FILTERED) ProcessorTransformationResponseSchema.parse(response)
        else if (!response.error) throw new Error('A filtered processor response must carry its reason.')
      }
      break
  }
  return true
}
