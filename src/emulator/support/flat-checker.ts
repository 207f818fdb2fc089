import { z } from 'zod'

type Leaf = 'string' | 'number' | 'boolean'

function leafOf(schema: z.ZodTypeAny): Leaf {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return leafOf(schema.unwrap())
  if (schema instanceof z.ZodString) return 'string'
  if (schema instanceof z.ZodNumber) return 'number'
  if (schema instanceof z.ZodBoolean) return 'boolean'
  throw new Error(`flatChecker handles string, number and boolean fields only, not ${schema.constructor.name}`)
}

/**
 * The type check of a flat zod object (nullable/optional strings, numbers, booleans, no unknown keys), compiled
 * from its shape into a plain loop. The Apply items are flat and come by the thousand; zod's own parse costs
 * about as much as all of Microsoft's rules together, this costs a fraction of it.
 */
export function flatChecker(schema: z.AnyZodObject): (value: unknown, path: string) => string | undefined {
  const fields = new Map<string, Leaf>(Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([key, field]) => [key, leafOf(field)]))
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path}: Expected object, received ${Array.isArray(value) ? 'array' : typeof value}`
    for (const key in value) {
      const expected = fields.get(key)
      if (!expected) return `${path}: Unrecognized key(s) in object: '${key}'`
      const field = (value as Record<string, unknown>)[key]
      if (field !== null && typeof field !== expected) return `${path}.${key}: Expected ${expected}, received ${Array.isArray(field) ? 'array' : typeof field}`
    }
    return undefined
  }
}
