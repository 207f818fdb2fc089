import { isDefinedAndNotNullAndNotEmpty } from '@rudderstack/integrations-lib'
import { z } from 'zod'

/**
 * The rules rudder-transformer's component tests apply (its `src/types/zodTypes.ts`) to the destinations listed in
 * `INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE`, re-declared from its facts: every 2xx status (298 and 299
 * included: its `isHttpStatusSuccess` is 200 ≤ status < 300) needs a non-empty `batchedRequest` in the router and
 * a non-empty `output` in the processor; every other status needs `statTags` or `error`; metadata is an array in
 * the router; the proxy's request and answer have fixed shapes, and a non-2xx answer needs statTags.
 */

const isSuccess = (status: number) => status >= 200 && status < 300

const RequestBodySchema = z.object({
  JSON: z.record(z.unknown()).optional(),
  JSON_ARRAY: z.record(z.unknown()).optional(),
  XML: z.record(z.unknown()).optional(),
  FORM: z.record(z.unknown()).optional()
})

export const ProcessorTransformationOutputSchema = z.object({
  version: z.string(),
  type: z.string(),
  method: z.string(),
  endpoint: z.string(),
  userId: z.string().optional(),
  headers: z.record(z.unknown()).optional(),
  params: z.record(z.unknown()).optional(),
  body: RequestBodySchema.optional(),
  files: z.record(z.unknown()).optional()
})

const STAT_TAGS_OR_ERROR = "statTags and error can't be empty when status is not a 2XX"

function failureNamesItself(data: { statusCode: number; statTags?: unknown; error?: unknown }): boolean {
  return (
    isSuccess(data.statusCode) ||
    isDefinedAndNotNullAndNotEmpty(data.statTags) ||
    isDefinedAndNotNullAndNotEmpty(data.error)
  )
}

export const RouterTransformationResponseSchema = z
  .object({
    batchedRequest: z.array(ProcessorTransformationOutputSchema).or(ProcessorTransformationOutputSchema).optional(),
    metadata: z.array(z.record(z.unknown())),
    destination: z.record(z.unknown()),
    batched: z.boolean(),
    statusCode: z.number(),
    error: z.string().optional(),
    statTags: z.record(z.unknown()).optional()
  })
  .refine(failureNamesItself, { message: STAT_TAGS_OR_ERROR, path: ['statTags', 'error'] })
  .refine((data) => !isSuccess(data.statusCode) || isDefinedAndNotNullAndNotEmpty(data.batchedRequest), {
    message: "batchedRequest can't be empty when status is 2XX",
    path: ['batchedRequest']
  })

export const RouterTransformationResponseListSchema = z.array(RouterTransformationResponseSchema)

export const ProcessorTransformationResponseSchema = z
  .object({
    output: ProcessorTransformationOutputSchema.optional(),
    metadata: z.record(z.unknown()),
    statusCode: z.number(),
    error: z.string().optional(),
    statTags: z.record(z.unknown()).optional()
  })
  .refine(failureNamesItself, { message: STAT_TAGS_OR_ERROR, path: ['statTags', 'error'] })
  .refine((data) => !isSuccess(data.statusCode) || isDefinedAndNotNullAndNotEmpty(data.output), {
    message: "output can't be empty when status is 2XX",
    path: ['output']
  })

export const ProcessorTransformationResponseListSchema = z.array(ProcessorTransformationResponseSchema)

export const ProxyMetadataSchema = z.object({
  jobId: z.number(),
  attemptNum: z.number(),
  userId: z.string(),
  sourceId: z.string(),
  destinationId: z.string(),
  workspaceId: z.string(),
  secret: z.record(z.unknown()),
  destInfo: z.record(z.unknown()).optional(),
  omitempty: z.record(z.unknown()).optional(),
  dontBatch: z.boolean()
})

export const ProxyV1RequestSchema = z.object({
  version: z.string(),
  type: z.string(),
  method: z.string(),
  endpoint: z.string(),
  userId: z.string(),
  headers: z.record(z.unknown()).optional(),
  params: z.record(z.unknown()).optional(),
  body: RequestBodySchema.optional(),
  files: z.record(z.unknown()).optional(),
  metadata: z.array(ProxyMetadataSchema),
  destinationConfig: z.record(z.unknown()),
  destinationVersion: z.number().optional()
})

const DeliveryV1Shape = z.object({
  status: z.number(),
  message: z.string(),
  statTags: z.record(z.unknown()).optional(),
  authErrorCategory: z.string().optional(),
  response: z.array(z.object({ error: z.string(), statusCode: z.number(), metadata: ProxyMetadataSchema }))
})

const statTagsOnFailure = (data: { status: number; statTags?: unknown }) =>
  isSuccess(data.status) || isDefinedAndNotNullAndNotEmpty(data.statTags)

export const DeliveryV1ResponseSchema = DeliveryV1Shape.refine(statTagsOnFailure, {
  message: "statTags can't be empty when status is not a 2XX",
  path: ['statTags']
})

/** For cases whose scenario is `Oauth`: a failed answer must also say what OAuth should do. */
export const DeliveryV1ResponseSchemaForOauth = DeliveryV1ResponseSchema.refine(
  (data) => isSuccess(data.status) || isDefinedAndNotNullAndNotEmpty(data.authErrorCategory),
  { message: "authErrorCategory can't be empty when status is not a 2XX", path: ['authErrorCategory'] }
)
