import { z } from 'zod'
import { KeyValuePair, nullish } from './common'

/** One item error: the `PartialErrors` entries and the `BatchErrors` of an ApiFaultDetail. `Index` is 0-based. */
export const BatchError = z.object({
  Code: z.number().int(),
  Details: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  FieldPath: nullish(z.string()),
  ForwardCompatibilityMap: nullish(z.array(KeyValuePair)),
  Index: z.number().int(),
  Message: nullish(z.string()),
  Type: nullish(z.string())
})
export type BatchError = z.infer<typeof BatchError>

/** Errors of an AdApiFaultDetail. The key is `Detail`, singular. */
export const AdApiError = z.object({
  Code: z.number().int(),
  Detail: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  Message: nullish(z.string())
})
export type AdApiError = z.infer<typeof AdApiError>

/** Request-wide failures: authentication, throttling, internal errors. */
export const AdApiFaultDetail = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('AdApiFaultDetail'),
  Errors: nullish(z.array(AdApiError))
})
export type AdApiFaultDetail = z.infer<typeof AdApiFaultDetail>

export const OperationError = z.object({
  Code: z.number().int(),
  Details: nullish(z.string()),
  ErrorCode: nullish(z.string()),
  Message: nullish(z.string())
})
export type OperationError = z.infer<typeof OperationError>

/** Request validation failures: whole-operation errors and per-item batch errors. */
export const ApiFaultDetail = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('ApiFaultDetail'),
  BatchErrors: nullish(z.array(BatchError)),
  OperationErrors: nullish(z.array(OperationError))
})
export type ApiFaultDetail = z.infer<typeof ApiFaultDetail>

/** One editorial rejection of an EditorialApiFaultDetail (editorialerror.md). */
export const EditorialError = z.object({
  Appealable: nullish(z.union([z.boolean(), z.string()])),
  DisapprovedText: nullish(z.string()),
  Location: nullish(z.string()),
  PublisherCountry: nullish(z.string()),
  ReasonCode: nullish(z.number().int())
})
export type EditorialError = z.infer<typeof EditorialError>

/**
 * The ApiFaultDetail of operations with editorial review (editorialapifaultdetail.md): BatchErrors by item index
 * and OperationErrors as in an ApiFaultDetail, plus EditorialErrors.
 */
export const EditorialApiFaultDetail = z.object({
  TrackingId: nullish(z.string()),
  Type: z.literal('EditorialApiFaultDetail'),
  BatchErrors: nullish(z.array(BatchError)),
  EditorialErrors: nullish(z.array(EditorialError)),
  OperationErrors: nullish(z.array(OperationError))
})
export type EditorialApiFaultDetail = z.infer<typeof EditorialApiFaultDetail>

export const ApplicationFault = z.discriminatedUnion('Type', [
  AdApiFaultDetail,
  ApiFaultDetail,
  EditorialApiFaultDetail
])
export type ApplicationFault = z.infer<typeof ApplicationFault>

/** The body of every Apply operation: errors by item index, empty or null on full success (not index-aligned). */
export const PartialErrorsResponse = z.object({
  PartialErrors: nullish(z.array(BatchError))
})
export type PartialErrorsResponse = z.infer<typeof PartialErrorsResponse>
