import { z, type ZodRawShape } from 'zod'
import {
  ConversionGoalSchema,
  ConversionGoalRevenueSchema,
  ConversionGoalType,
  ConversionGoalTypeSchema,
  GoalCategorySchema,
  LongId,
  nullish
} from '../../microsoft/models'
import { describeIssues } from '../support/zod-issues'

const ExpressionOperator = z.enum(['Equals', 'BeginsWith', 'RegularExpression', 'Contains'])

/** The fields each goal subtype adds to the base ConversionGoal. */
const SUBTYPE_FIELDS: Record<ConversionGoalType, ZodRawShape> = {
  OfflineConversion: { IsExternallyAttributed: nullish(z.boolean()) },
  Url: { UrlExpression: nullish(z.string()), UrlOperator: nullish(ExpressionOperator) },
  Event: {
    ActionExpression: nullish(z.string()),
    ActionOperator: nullish(ExpressionOperator),
    CategoryExpression: nullish(z.string()),
    CategoryOperator: nullish(ExpressionOperator),
    LabelExpression: nullish(z.string()),
    LabelOperator: nullish(ExpressionOperator),
    Value: nullish(z.number()),
    ValueOperator: nullish(z.enum(['Equals', 'LessThan', 'GreaterThan']))
  },
  Duration: { MinimumDurationInSeconds: nullish(z.number().int()) },
  PagesViewedPerVisit: { MinimumPagesViewed: nullish(z.number().int()) },
  AppInstall: { AppPlatform: nullish(z.string()), AppStoreId: nullish(z.string()) },
  InStoreTransaction: {},
  AppDownload: { AppPlatform: nullish(z.string()), AppStoreId: nullish(z.string()) }
}

export const SUBTYPE_FIELD_NAMES: Record<ConversionGoalType, string[]> = Object.fromEntries(
  Object.entries(SUBTYPE_FIELDS).map(([type, shape]) => [type, Object.keys(shape)])
) as Record<ConversionGoalType, string[]>

/** The base fields with Microsoft's enums: an unknown enum value cannot be deserialised, so the request fails. */
const base = ConversionGoalSchema.omit({ IsExternallyAttributed: true }).extend({
  GoalCategory: nullish(GoalCategorySchema),
  AttributionModelType: nullish(z.enum(['LastClick', 'LastTouch', 'DataDriven'])),
  Revenue: nullish(ConversionGoalRevenueSchema.strict()),
  Id: nullish(LongId),
  TagId: nullish(LongId)
})

const SCHEMAS = Object.fromEntries(
  ConversionGoalTypeSchema.options.map((type) => [type, base.extend(SUBTYPE_FIELDS[type]).strict()])
) as unknown as Record<ConversionGoalType, z.ZodTypeAny>

export type GoalInput = z.infer<typeof base> & Record<string, unknown> & { Type: ConversionGoalType }

/** `OfflineConversionGoal` (the SOAP type name) and `OfflineConversion` (the REST discriminator) are the same type. */
export function goalType(value: unknown): ConversionGoalType | undefined {
  if (typeof value !== 'string') return undefined
  const name = value.endsWith('Goal') ? value.slice(0, -'Goal'.length) : value
  const parsed = ConversionGoalTypeSchema.safeParse(name)
  return parsed.success ? parsed.data : undefined
}

/** One goal of an Add request: null stays null (5323), anything malformed is a whole-request fault. */
export function parseGoalInput(value: unknown, index: number): { goal: GoalInput | null } | { problem: string } {
  if (value === null) return { goal: null }
  const where = `ConversionGoals[${index}]`
  if (typeof value !== 'object' || Array.isArray(value)) return { problem: `${where}: Expected object` }
  const type = goalType((value as { Type?: unknown }).Type)
  if (!type) return { problem: `${where}.Type: must be one of ${ConversionGoalTypeSchema.options.join(', ')}` }
  const parsed = SCHEMAS[type].safeParse({ ...value, Type: type })
  if (!parsed.success)
    return {
      problem: describeIssues(
        parsed.error.issues.map((issue) => ({ ...issue, path: ['ConversionGoals', index, ...issue.path] }))
      )
    }
  return { goal: parsed.data as GoalInput }
}
