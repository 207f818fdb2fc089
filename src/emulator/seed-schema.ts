import { z } from 'zod'
import { ConversionGoalTypeSchema, GoalCategorySchema } from '../microsoft/models'
import type { EmulatorSeed } from './seed'

/** Checks a seed that arrives as JSON (POST /__emulator/seed, or startEmulator's seed) and fills defaults. */
const longId = z.union([z.string().regex(/^\d{1,19}$/), z.number().int().nonnegative()]).transform(String)

const credentials = z
  .object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    refreshToken: z.string().min(1),
    accessToken: z.string().min(1),
    developerToken: z.string().min(1)
  })
  .partial()
  .strict()

const account = z
  .object({ id: longId, name: z.string().default('Account'), currencyCode: z.string().default('USD') })
  .strict()

const customer = z
  .object({
    id: longId,
    name: z.string().default('Customer'),
    offlineConversionsEnabled: z.boolean().default(true),
    accounts: z.array(account).default([])
  })
  .strict()

const goal = z
  .object({
    id: longId,
    name: z.string().min(1).max(100),
    type: ConversionGoalTypeSchema.default('OfflineConversion'),
    customerId: longId,
    accountId: longId,
    scope: z.enum(['Account', 'Customer']).default('Account'),
    status: z.enum(['Active', 'Paused', 'Deleted']).default('Active'),
    countType: z.enum(['All', 'Unique']).default('All'),
    goalCategory: GoalCategorySchema.default('Purchase'),
    conversionWindowInMinutes: z.number().int().min(1).max(129_600).default(43_200),
    revenue: z
      .object({
        type: z.enum(['NoValue', 'FixedValue', 'VariableValue']).default('NoValue'),
        value: z.number().nullable().default(null),
        currencyCode: z.string().nullable().default(null)
      })
      .strict()
      .default({}),
    tagId: longId.nullable().default(null),
    isExternallyAttributed: z.boolean().default(false),
    /** null: not set, as Microsoft returns for goals made before the field existed. */
    isEnhancedConversionsEnabled: z.boolean().nullable().default(null),
    ageMinutes: z.number().nonnegative().default(0)
  })
  .strict()

const tag = z
  .object({
    id: longId,
    name: z.string().min(1).max(100),
    description: z.string().nullable().default(null),
    customerId: longId,
    capiToken: z.string().min(1).nullable().default(null)
  })
  .strict()

const click = z
  .object({
    msclkid: z.string().min(1),
    clickTime: z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO-8601 time')
  })
  .strict()

export const PartialSeedSchema = z
  .object({
    credentials,
    customers: z.array(customer),
    goals: z.array(goal),
    tags: z.array(tag),
    clicks: z.array(click)
  })
  .partial()
  .strict()

export type PartialSeedInput = z.input<typeof PartialSeedSchema>

/** The parsed partial seed, or a readable list of what is wrong with it. */
export function parsePartialSeed(
  input: unknown
): { ok: true; seed: Partial<EmulatorSeed> } | { ok: false; problems: string[] } {
  const parsed = PartialSeedSchema.safeParse(input ?? {})
  if (parsed.success) return { ok: true, seed: parsed.data as Partial<EmulatorSeed> }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(seed)'}: ${issue.message}`)
  }
}
