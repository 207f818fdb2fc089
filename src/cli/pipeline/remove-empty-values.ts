/**
 * actions-core's removeEmptyValues as its executeBatch calls it (not the root call of perform): values the field's
 * schema does not accept as empty (`null` without the null type, `''` without the string type) are dropped before
 * validation. actions-core does not export it; segment-payloads.test.ts checks this copy against its executeBatch.
 * Unlike actions-core's, an object with nothing to drop is returned itself, not copied: give it a value you own.
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
    // Copied only from the first key that changes, and built key by key (an object that loses a key to `delete`
    // becomes a slow dictionary in V8): the mapped payload is the caller's own, so an unchanged one is kept as is.
    const source = value as Record<string, unknown>
    const keys = Object.keys(source)
    let copy: Record<string, unknown> | undefined
    keys.forEach((key, index) => {
      const kept = removeEmptyValues(source[key], properties[key])
      if (!copy && kept === source[key]) return
      if (!copy) {
        copy = {}
        for (const earlier of keys.slice(0, index)) copy[earlier] = source[earlier]
      }
      if (kept !== undefined) copy[key] = kept
    })
    return copy ?? source
  }
  if (value === null && !allows(schema.type, 'null')) return undefined
  if (value === '' && !allows(schema.type, 'string')) return undefined
  return value
}
