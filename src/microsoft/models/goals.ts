import { z } from 'zod'
import { LongId, nullish } from './common'

export const ConversionGoalTypeSchema = z.enum([
  'OfflineConversion',
  'Url',
  'Event',
  'Duration',
  'PagesViewedPerVisit',
  'AppInstall',
  'InStoreTransaction',
  'AppDownload'
])
export type ConversionGoalType = z.infer<typeof ConversionGoalTypeSchema>

export const GoalCategorySchema = z.enum([
  'Unknown',
  'None',
  'Purchase',
  'AddToCart',
  'BeginCheckout',
  'Subscribe',
  'SubmitLeadForm',
  'BookAppointment',
  'Signup',
  'RequestQuote',
  'GetDirections',
  'OutboundClick',
  'Contact',
  'PageView',
  'Download',
  'Other'
])
export type GoalCategory = z.infer<typeof GoalCategorySchema>

export const ConversionGoalRevenueSchema = z.object({
  Type: nullish(z.enum(['NoValue', 'FixedValue', 'VariableValue'])),
  Value: nullish(z.number()),
  CurrencyCode: nullish(z.string())
})
export type ConversionGoalRevenue = z.infer<typeof ConversionGoalRevenueSchema>

/**
 * A conversion goal. `Type` discriminates the subtype; the subtype fields (UrlExpression, IsExternallyAttributed…)
 * are kept as they come, since only offline goals matter to this package.
 */
export const ConversionGoalSchema = z
  .object({
    Id: nullish(LongId),
    Name: nullish(z.string()),
    Type: z.string(),
    Status: nullish(z.enum(['Active', 'Paused', 'Deleted'])),
    Scope: nullish(z.enum(['Account', 'Customer'])),
    CountType: nullish(z.enum(['All', 'Unique'])),
    Revenue: nullish(ConversionGoalRevenueSchema),
    ConversionWindowInMinutes: nullish(z.number().int()),
    TagId: nullish(LongId),
    TrackingStatus: nullish(z.string()),
    GoalCategory: nullish(z.string()),
    ExcludeFromBidding: nullish(z.boolean()),
    ViewThroughConversionWindowInMinutes: nullish(z.number().int()),
    AttributionModelType: nullish(z.string()),
    IsEnhancedConversionsEnabled: nullish(z.boolean()),
    IsAutoGoal: nullish(z.boolean()),
    IsExternallyAttributed: nullish(z.boolean())
  })
  .passthrough()
export type ConversionGoal = z.infer<typeof ConversionGoalSchema>

export const GetConversionGoalsResponseSchema = z.object({
  ConversionGoals: nullish(z.array(ConversionGoalSchema.nullable())),
  PartialErrors: nullish(z.array(z.unknown()))
})
export type GetConversionGoalsResponse = z.infer<typeof GetConversionGoalsResponseSchema>

export const AddConversionGoalsResponseSchema = z.object({
  ConversionGoalIds: nullish(z.array(LongId.nullable())),
  PartialErrors: nullish(z.array(z.unknown()))
})
export type AddConversionGoalsResponse = z.infer<typeof AddConversionGoalsResponseSchema>
