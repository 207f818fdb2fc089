import { z } from 'zod'
import { nullish } from './common'

/**
 * The wire shape of an offline conversion. Types only: which fields are required, and the value rules,
 * are Microsoft's item validation (the 56xx codes), not a schema failure of the whole request.
 */
export const OfflineConversion = z
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
export type OfflineConversion = z.infer<typeof OfflineConversion>

export const ApplyOfflineConversionsRequest = z.object({
  OfflineConversions: nullish(z.array(OfflineConversion.nullable()))
})
export type ApplyOfflineConversionsRequest = z.infer<typeof ApplyOfflineConversionsRequest>

export const AdjustmentType = z.enum(['Restate', 'Retract'])
export type AdjustmentType = z.infer<typeof AdjustmentType>

/** What every adjustment carries, offline or online. Restate changes the value; Retract zeroes count and value. */
const AdjustmentFields = {
  AdjustmentCurrencyCode: nullish(z.string()),
  AdjustmentTime: nullish(z.string()),
  AdjustmentType: nullish(z.string()),
  AdjustmentValue: nullish(z.number()),
  ConversionName: nullish(z.string())
}

/** Restates or retracts an offline conversion identified by name, time and click id (or hash). */
export const OfflineConversionAdjustment = z
  .object({
    ...AdjustmentFields,
    ConversionTime: nullish(z.string()),
    HashedEmailAddress: nullish(z.string()),
    HashedPhoneNumber: nullish(z.string()),
    MicrosoftClickId: nullish(z.string())
  })
  .strict()
export type OfflineConversionAdjustment = z.infer<typeof OfflineConversionAdjustment>

export const ApplyOfflineConversionAdjustmentsRequest = z.object({
  OfflineConversionAdjustments: nullish(z.array(OfflineConversionAdjustment.nullable()))
})
export type ApplyOfflineConversionAdjustmentsRequest = z.infer<typeof ApplyOfflineConversionAdjustmentsRequest>

/** Restates or retracts a UET or CAPI conversion identified by its transaction id. */
export const OnlineConversionAdjustment = z
  .object({
    ...AdjustmentFields,
    TransactionId: nullish(z.string())
  })
  .strict()
export type OnlineConversionAdjustment = z.infer<typeof OnlineConversionAdjustment>

export const ApplyOnlineConversionAdjustmentsRequest = z.object({
  OnlineConversionAdjustments: nullish(z.array(OnlineConversionAdjustment.nullable()))
})
export type ApplyOnlineConversionAdjustmentsRequest = z.infer<typeof ApplyOnlineConversionAdjustmentsRequest>
