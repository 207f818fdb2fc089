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

const typesOf = (type: FieldSchema['type']): string[] => (type === undefined ? [] : Array.isArray(type) ? type : [type])

export function removeEmptyValues(value: unknown, schema: FieldSchema | undefined): unknown {
  if (!schema || (!schema.type && !schema.enum)) return value
  if (Array.isArray(value)) {
    if (!schema.items) return value
    return value.filter((item) => removeEmptyValues(item, schema.items) !== undefined)
  }
  if (Object.prototype.toString.call(value) === '[object Object]') {
    if (!schema.properties) return value
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
    for (const key of Object.keys(copy)) {
      copy[key] = removeEmptyValues(copy[key], schema.properties[key])
      if (copy[key] === undefined) delete copy[key]
    }
    return copy
  }
  const types = typesOf(schema.type)
  if (value === null && !types.includes('null')) return undefined
  if (value === '' && !types.includes('string')) return undefined
  return value
}
