import { z } from 'zod'
import { KeyValuePair, nullish } from './common'

/** One item error: the `PartialErrors` entries and the `BatchErrors` of an ApiFaultDetail. `Index` is 0-based. */
export const BatchErrorSchema = z.object({
  Code: z.number().int(),
  Details: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  FieldPath: nullish(z.string()),
  ForwardCompatibilityMap: nullish(z.array(KeyValuePair)),
  Index: z.number().int(),
  Message: nullish(z.string()),
  Type: nullish(z.string())
})
export type BatchError = z.infer<typeof BatchErrorSchema>

/** Errors of an AdApiFaultDetail. The key is `Detail`, singular. */
export const AdApiErrorSchema = z.object({
  Code: z.number().int(),
  Detail: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  Message: nullish(z.string())
})
export type AdApiError = z.infer<typeof AdApiErrorSchema>

/** Request-wide failures: authentication, throttling, internal errors. */
export const AdApiFaultDetailSchema = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('AdApiFaultDetail'),
  Errors: nullish(z.array(AdApiErrorSchema))
})
export type AdApiFaultDetail = z.infer<typeof AdApiFaultDetailSchema>

export const OperationErrorSchema = z.object({
  Code: z.number().int(),
  Details: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  Message: nullish(z.string())
})
export type OperationError = z.infer<typeof OperationErrorSchema>

/** Request validation failures: whole-operation errors and per-item batch errors. */
export const ApiFaultDetailSchema = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('ApiFaultDetail'),
  BatchErrors: nullish(z.array(BatchErrorSchema)),
  OperationErrors: nullish(z.array(OperationErrorSchema))
})
export type ApiFaultDetail = z.infer<typeof ApiFaultDetailSchema>

/** One editorial rejection of an EditorialApiFaultDetail (https://learn.microsoft.com/advertising/campaign-management-service/editorialerror). */
export const EditorialErrorSchema = z.object({
  Appealable: nullish(z.union([z.boolean(), z.string()])),
  DisapprovedText: nullish(z.string()),
  Location: nullish(z.string()),
  PublisherCountry: nullish(z.string()),
  ReasonCode: nullish(z.number().int())
})
export type EditorialError = z.infer<typeof EditorialErrorSchema>

/**
 * The ApiFaultDetail of operations with editorial review (https://learn.microsoft.com/advertising/campaign-management-service/editorialapifaultdetail): BatchErrors by item index
 * and OperationErrors as in an ApiFaultDetail, plus EditorialErrors.
 */
export const EditorialApiFaultDetailSchema = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('EditorialApiFaultDetail'),
  BatchErrors: nullish(z.array(BatchErrorSchema)),
  EditorialErrors: nullish(z.array(EditorialErrorSchema)),
  OperationErrors: nullish(z.array(OperationErrorSchema))
})
export type EditorialApiFaultDetail = z.infer<typeof EditorialApiFaultDetailSchema>

export const ApplicationFaultSchema = z.discriminatedUnion('Type', [
  AdApiFaultDetailSchema,
  ApiFaultDetailSchema,
  EditorialApiFaultDetailSchema
])
export type ApplicationFault = z.infer<typeof ApplicationFaultSchema>

/** The body of every Apply operation: errors by item index, empty or null on full success (not index-aligned). */
export const PartialErrorsResponseSchema = z.object({
  PartialErrors: nullish(z.array(BatchErrorSchema))
})
export type PartialErrorsResponse = z.infer<typeof PartialErrorsResponseSchema>
