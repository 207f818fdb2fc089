import { z } from 'zod'
import { BatchErrorSchema } from './faults'
import { LongId, nullish } from './common'

/**
 * Why Microsoft could not attribute an accepted offline conversion (OfflineConversionUnattributedReason,
 * https://learn.microsoft.com/advertising/campaign-management-service/offlineconversionunattributedreason). A value Microsoft adds later is kept as text.
 */
export const UNATTRIBUTED_REASONS = [
  'AccountMismatch',
  'AdjustmentOriginalNotFound',
  'ClickTimestampAfterConversion',
  'ConversionAlreadyRetracted',
  'ConversionTimeExceedsMaxLookback',
  'ConversionTimeInFuture',
  'DuplicateConversionKey',
  'GoalNotFoundOrInactive',
  'HistoricalClickDataExpired',
  'MalformedData',
  'MissingMatchIdentifiers',
  'NoMatchingClickFound',
  'OutsideGoalLookbackWindow',
  'Unknown'
] as const
export type UnattributedReason = (typeof UNATTRIBUTED_REASONS)[number]

/** OfflineConversionUploadChannel (https://learn.microsoft.com/advertising/campaign-management-service/offlineconversionuploadchannel): flags, sent as one comma-separated string. */
export const UPLOAD_CHANNELS = ['CampaignManagementAPI', 'BulkAPI', 'WebUpload'] as const
export type UploadChannel = (typeof UPLOAD_CHANNELS)[number]

/** Microsoft documents `Count` as a long, which REST writes as a string; a number is accepted too. */
const LongCount = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number)

/** OfflineConversionAlert: one reason and how many conversions it held back. */
export const OfflineConversionAlertSchema = z.object({
  Count: LongCount,
  UnattributedReason: z.string()
})
export type OfflineConversionAlert = z.infer<typeof OfflineConversionAlertSchema>

/** OfflineGoalDailySummary (https://learn.microsoft.com/advertising/campaign-management-service/offlinegoaldailysummary). */
export const OfflineGoalDailySummarySchema = z.object({
  Alerts: nullish(z.array(OfflineConversionAlertSchema)),
  GoalId: nullish(LongId),
  SuccessCount: nullish(z.number().int()),
  SuccessRate: nullish(z.number()),
  UnattributedCount: nullish(z.number().int()),
  UploadDate: nullish(z.string())
})
export type OfflineGoalDailySummary = z.infer<typeof OfflineGoalDailySummarySchema>

/** OfflineGoalConversionSummary (https://learn.microsoft.com/advertising/campaign-management-service/offlinegoalconversionsummary): one goal over the requested range. */
export const OfflineGoalConversionSummarySchema = z.object({
  ConversionName: nullish(z.string()),
  DailySummaries: nullish(z.array(OfflineGoalDailySummarySchema)),
  GoalId: nullish(LongId),
  OverallAlerts: nullish(z.array(OfflineConversionAlertSchema)),
  OverallSuccessCount: nullish(LongCount),
  OverallSuccessRate: nullish(z.number()),
  OverallUnattributedCount: nullish(LongCount)
})
export type OfflineGoalConversionSummary = z.infer<typeof OfflineGoalConversionSummarySchema>

/** GetOfflineConversionReportByGoalIds request (https://learn.microsoft.com/advertising/campaign-management-service/getofflineconversionreportbygoalids). */
export interface GetOfflineConversionReportByGoalIdsRequest {
  StartDateUtc: string
  EndDateUtc: string
  GoalIds: string[]
  UploadChannelFilter?: string | null
}

export const GetOfflineConversionReportByGoalIdsResponseSchema = z.object({
  OfflineGoalConversionSummaries: nullish(z.array(OfflineGoalConversionSummarySchema.nullable())),
  PartialErrors: nullish(z.array(BatchErrorSchema))
})
export type GetOfflineConversionReportByGoalIdsResponse = z.infer<
  typeof GetOfflineConversionReportByGoalIdsResponseSchema
>

/** DailySummary (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary): the uploads of one day, with a detail file of every record. */
export const DailySummarySchema = z.object({
  FailureCount: nullish(z.number().int()),
  FileUrl: nullish(z.string()),
  FileUrlExpiryTimeUtc: nullish(z.string()),
  SuccessCount: nullish(z.number().int()),
  UploadDate: nullish(z.string())
})
export type DailySummary = z.infer<typeof DailySummarySchema>

/** GetOfflineConversionReports request (https://learn.microsoft.com/advertising/campaign-management-service/getofflineconversionreports). */
export interface GetOfflineConversionReportsRequest {
  StartDateUtc: string
  EndDateUtc: string
}

export const GetOfflineConversionReportsResponseSchema = z.object({
  DailySummaries: nullish(z.array(DailySummarySchema.nullable()))
})
export type GetOfflineConversionReportsResponse = z.infer<typeof GetOfflineConversionReportsResponseSchema>
