import { z } from 'zod'
import { KeyValuePair, nullish } from '../models/common'
import { OperationErrorSchema } from '../models/faults'

/** Bulk v13 over REST (https://learn.microsoft.com/advertising/bulk-service/getbulkuploadurl, https://learn.microsoft.com/advertising/bulk-service/getbulkuploadstatus). */
export const BULK_OPERATIONS = {
  getBulkUploadUrl: 'BulkUploadUrl/Query',
  getBulkUploadStatus: 'BulkUploadStatus/Query'
} as const

export type BulkOperation = keyof typeof BULK_OPERATIONS

export type ResponseMode = 'ErrorsOnly' | 'ErrorsAndResults'

export const GetBulkUploadUrlResponse = z.object({
  RequestId: z.string().min(1),
  UploadUrl: z.string().min(1)
})
export type GetBulkUploadUrlResponse = z.infer<typeof GetBulkUploadUrlResponse>

/** Every RequestStatus value the page lists. */
export const BULK_UPLOAD_STATUSES = [
  'Completed',
  'CompletedWithErrors',
  'Failed',
  'FileUploaded',
  'InProgress',
  'PendingFileUpload',
  'UploadFileRowCountExceeded',
  'UploadFileFormatNotSupported'
] as const
export type BulkUploadStatusValue = (typeof BULK_UPLOAD_STATUSES)[number]

/** Statuses after which the status no longer changes. */
export const FINAL_UPLOAD_STATUSES: ReadonlySet<string> = new Set([
  'Completed',
  'CompletedWithErrors',
  'Failed',
  'UploadFileRowCountExceeded',
  'UploadFileFormatNotSupported'
])

export const GetBulkUploadStatusResponse = z.object({
  Errors: nullish(z.array(OperationErrorSchema)),
  ForwardCompatibilityMap: nullish(z.array(KeyValuePair)),
  PercentComplete: nullish(z.number()),
  RequestStatus: z.string().min(1),
  ResultFileUrl: nullish(z.string())
})
export type GetBulkUploadStatusResponse = z.infer<typeof GetBulkUploadStatusResponse>

/** What the upload URL answers a refused file with (https://learn.microsoft.com/advertising/guides/bulk-download-upload, step 4). */
export const BulkUploadError = z.object({
  TrackingId: nullish(z.string()),
  RequestId: nullish(z.string()),
  Code: z.number().int(),
  ErrorCode: nullish(z.string()),
  Message: nullish(z.string())
})
export type BulkUploadError = z.infer<typeof BulkUploadError>
