import { fieldsToJsonSchema, validateSchema, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { rejected, type Outcome } from '../../outcome'
import { redactText } from '../../support/redact'
import segmentDefinition from '../../../destinations/segment'
import { compileMapping, type MappingResolver } from './compiled-mapping'
import { removeEmptyValues } from './remove-empty-values'

type JsonSchema = ReturnType<typeof fieldsToJsonSchema>

/** A Segment event as its action receives it: the mapped payload, or why actions-core refuses it. */
export type ResolvedPayload = { payload: Record<string, unknown> } | { outcome: Outcome }

interface SchemaFailure {
  errors?: Array<{ pointer?: string }>
  message?: string
}

/** The field a schema failure names, from its structure: the pointer of the first error, else the first required field missing. */
function failedField(error: SchemaFailure, payload: Record<string, unknown>, schema: JsonSchema): string | undefined {
  const pointer = error.errors?.find((entry) => entry.pointer)?.pointer
  if (pointer) return pointer.replace(/^\//, '').split('/').join('.')
  return requiredKeys(schema).find((key) => payload[key] === undefined)
}

/** Every field the schema requires, at its root or under its conditions (if/then/else, allOf…), in order. */
function requiredKeys(schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return []
  const node = schema as Record<string, unknown>
  const own = Array.isArray(node.required) ? (node.required as string[]) : []
  const nested = ['then', 'else', 'allOf', 'anyOf', 'oneOf'].flatMap((key) =>
    Array.isArray(node[key]) ? (node[key] as unknown[]).flatMap(requiredKeys) : requiredKeys(node[key])
  )
  return [...own, ...nested]
}

/**
 * An action's mapping resolved as actions-core's executeBatch resolves it: the mapping-kit `transform` (compiled
 * once per subscription), then empty values removed and the payload validated (coerced, extra keys removed) against the action's field schema.
 */
export class SegmentPayloads {
  private readonly schema: JsonSchema
  private readonly schemaKey: string
  private readonly mapping: MappingResolver

  constructor(
    readonly action: keyof typeof segmentDefinition.actions,
    mapping: JSONObject
  ) {
    this.mapping = compileMapping(mapping)
    const definition = segmentDefinition.actions[action]
    this.schema = fieldsToJsonSchema(definition.fields)
    this.schemaKey = `${segmentDefinition.name}:${definition.title}`
  }

  resolve(event: SegmentEvent): ResolvedPayload {
    let mapped: Record<string, unknown>
    try {
      mapped = this.mapping(event as unknown as Record<string, unknown>)
    } catch (error) {
      return { outcome: rejected('invalid_subscription', redactText((error as Error).message), { status: 400 }) }
    }
    const payload = removeEmptyValues(mapped, this.schema as never) as Record<string, unknown>
    try {
      validateSchema(payload, this.schema, {
        schemaKey: this.schemaKey,
        throwIfInvalid: true,
        exempt: ['dynamicAuthSettings']
      })
    } catch (error) {
      const failure = error as SchemaFailure
      const field = failedField(failure, payload, this.schema)
      const message = redactText(String(failure.message ?? 'The mapped event does not match the action.'))
      return { outcome: rejected('invalid_input', message, { status: 400, ...(field ? { field } : {}) }) }
    }
    return { payload }
  }
}
