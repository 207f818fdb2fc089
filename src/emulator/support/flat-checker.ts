import { z } from 'zod'

type Leaf = 'string' | 'number' | 'boolean'

/** What is wrong with a flat object: a key the model does not have, or a value of the wrong type. */
export type FlatProblem =
  | { kind: 'notObject'; received: string }
  | { kind: 'unknownKey'; key: string }
  | { kind: 'wrongType'; key: string; expected: Leaf; received: string }

interface Field {
  leaf: Leaf
  nullable: boolean
}

function fieldOf(schema: z.ZodTypeAny, nullable = false): Field {
  if (schema instanceof z.ZodOptional) return fieldOf(schema.unwrap(), nullable)
  if (schema instanceof z.ZodNullable) return fieldOf(schema.unwrap(), true)
  if (schema instanceof z.ZodString) return { leaf: 'string', nullable }
  if (schema instanceof z.ZodNumber) return { leaf: 'number', nullable }
  if (schema instanceof z.ZodBoolean) return { leaf: 'boolean', nullable }
  throw new Error(`flatChecker handles string, number and boolean fields only, not ${schema.constructor.name}`)
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}

/**
 * The type check of a flat zod object (optional or nullable strings, numbers, booleans; no unknown keys), compiled
 * from its shape into a plain loop. Apply items and CAPI userData come by the thousand; zod's own parse costs
 * about as much as all of Microsoft's rules together, this costs a fraction of it.
 */
export function flatChecker(schema: z.AnyZodObject): (value: unknown) => FlatProblem | undefined {
  const fields = new Map<string, Field>(
    Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([key, field]) => [key, fieldOf(field)])
  )
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { kind: 'notObject', received: typeName(value) }
    for (const key in value) {
      const expected = fields.get(key)
      if (!expected) return { kind: 'unknownKey', key }
      const field = (value as Record<string, unknown>)[key]
      if (field === null ? !expected.nullable : typeof field !== expected.leaf)
        return { kind: 'wrongType', key, expected: expected.leaf, received: typeName(field) }
    }
    return undefined
  }
}

/** A problem in zod's words, for a fault's Details: `OfflineConversions[3].ConversionValue: Expected number, received string`. */
export function describeFlatProblem(problem: FlatProblem, path: string): string {
  switch (problem.kind) {
    case 'notObject':
      return `${path}: Expected object, received ${problem.received}`
    case 'unknownKey':
      return `${path}: Unrecognized key(s) in object: '${problem.key}'`
    case 'wrongType':
      return `${path}.${problem.key}: Expected ${problem.expected}, received ${problem.received}`
  }
}
