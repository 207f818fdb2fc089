/**
 * actions-core's removeEmptyValues as its executeBatch calls it (not the root call of perform): values the field's
 * schema does not accept as empty (`null` without the null type, `''` without the string type) are dropped before
 * validation. actions-core does not export it; segment-payloads.test.ts checks this copy against its executeBatch.
 */
interface FieldSchema {
  type?: string | string[]
  enum?: unknown[]
  items?: FieldSchema
  properties?: Record<string, FieldSchema>
}

/** Whether the field's schema type names `name` (a type is a name or a list of them). */
const allows = (type: FieldSchema['type'], name: string): boolean =>
  type === name || (Array.isArray(type) && type.includes(name))

export function removeEmptyValues(value: unknown, schema: FieldSchema | undefined): unknown {
  if (!schema || (!schema.type && !schema.enum)) return value
  if (Array.isArray(value)) {
    if (!schema.items) return value
    return value.filter((item) => removeEmptyValues(item, schema.items) !== undefined)
  }
  if (Object.prototype.toString.call(value) === '[object Object]') {
    const { properties } = schema
    if (!properties) return value
    // Built key by key (not copied, then keys deleted: V8 turns an object that loses a key into a slow dictionary).
    const source = value as Record<string, unknown>
    const copy: Record<string, unknown> = {}
    for (const key of Object.keys(source)) {
      const kept = removeEmptyValues(source[key], properties[key])
      if (kept !== undefined) copy[key] = kept
    }
    return copy
  }
  if (value === null && !allows(schema.type, 'null')) return undefined
  if (value === '' && !allows(schema.type, 'string')) return undefined
  return value
}
