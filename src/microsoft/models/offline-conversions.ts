import { z } from 'zod'
import { nullish } from './common'

/**
 * The wire shape of an offline conversion. Types only: which fields are required, and the value rules,
 * are Microsoft's item validation (the 56xx codes), not a schema failure of the whole request.
 */
export const OfflineConversionSchema = z
  .object({
    ConversionCurrencyCode: nullish(z.string()),
    ConversionName: nullish(z.string()),
    ConversionTime: nullish(z.string()),
    ConversionValue: nullish(z.number()),
    ExternalAttributionCredit: nullish(z.number()),
    ExternalAttributionModel: nullish(z.string()),
    HashedEmailAddress: nullish(z.string()),
    HashedPhoneNumber: nullish(z.string()),
    MicrosoftClickId: nullish(z.string())
  })
  .strict()
export type OfflineConversion = z.infer<typeof OfflineConversionSchema>

export const ApplyOfflineConversionsRequestSchema = z.object({
  OfflineConversions: nullish(z.array(OfflineConversionSchema.nullable()))
})
export type ApplyOfflineConversionsRequest = z.infer<typeof ApplyOfflineConversionsRequestSchema>

export const AdjustmentTypeSchema = z.enum(['Restate', 'Retract'])
export type AdjustmentType = z.infer<typeof AdjustmentTypeSchema>

/** What every adjustment carries, offline or online. Restate changes the value; Retract zeroes count and value. */
const AdjustmentFields = {
  AdjustmentCurrencyCode: nullish(z.string()),
  AdjustmentTime: nullish(z.string()),
  AdjustmentType: nullish(z.string()),
  AdjustmentValue: nullish(z.number()),
  ConversionName: nullish(z.string())
}

/** Restates or retracts an offline conversion identified by name, time and click id (or hash). */
export const OfflineConversionAdjustmentSchema = z
  .object({
    ...AdjustmentFields,
    ConversionTime: nullish(z.string()),
    HashedEmailAddress: nullish(z.string()),
    HashedPhoneNumber: nullish(z.string()),
    MicrosoftClickId: nullish(z.string())
  })
  .strict()
export type OfflineConversionAdjustment = z.infer<typeof OfflineConversionAdjustmentSchema>

export const ApplyOfflineConversionAdjustmentsRequestSchema = z.object({
  OfflineConversionAdjustments: nullish(z.array(OfflineConversionAdjustmentSchema.nullable()))
})
export type ApplyOfflineConversionAdjustmentsRequest = z.infer<typeof ApplyOfflineConversionAdjustmentsRequestSchema>

/** Restates or retracts a UET or CAPI conversion identified by its transaction id. */
export const OnlineConversionAdjustmentSchema = z
  .object({
    ...AdjustmentFields,
    TransactionId: nullish(z.string())
  })
  .strict()
export type OnlineConversionAdjustment = z.infer<typeof OnlineConversionAdjustmentSchema>

export const ApplyOnlineConversionAdjustmentsRequestSchema = z.object({
  OnlineConversionAdjustments: nullish(z.array(OnlineConversionAdjustmentSchema.nullable()))
})
export type ApplyOnlineConversionAdjustmentsRequest = z.infer<typeof ApplyOnlineConversionAdjustmentsRequestSchema>
