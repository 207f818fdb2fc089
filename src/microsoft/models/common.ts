import { z } from 'zod'

/** Microsoft serialises `long` ids as JSON strings; numbers are accepted too and normalised to strings. */
export const LongId = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform((v) => String(v))

/** An optional field that Microsoft may send or accept as `null`. */
export const nullish = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional()

/** `[{"key":"…","value":"…"}]`, used by BatchError.ForwardCompatibilityMap. */
export const KeyValuePair = z.object({ key: z.string().nullable(), value: z.string().nullable() })
