/**
 * The Segment export replaces zod with segment-fold/zod (action-destinations has no zod). Every schema of the
 * core's Microsoft models is loaded twice, once on zod and once on the subset, and both parse the same inputs: a
 * valid value built from the schema, that value with each key dropped, given the wrong type or joined by an
 * unknown key, and a few values of the wrong shape. The results (success and parsed data) must be the same.
 */
import type { ZodTypeAny } from 'zod'

type Schemas = Record<string, unknown>

function loadModels(withSubset: boolean): Schemas {
  let models: Schemas = {}
  jest.isolateModules(() => {
    if (withSubset) jest.doMock('zod', () => jest.requireActual('../upstream/segment-fold/zod'))
    else jest.dontMock('zod')
    models = jest.requireActual('../../src/microsoft/models')
  })
  return models
}

/** A value the zod schema accepts, built from its definition; optional keys present. */
function sample(schema: ZodTypeAny): unknown {
  const def = schema._def as Record<string, any>
  switch (def.typeName) {
    case 'ZodString':
      return (def.checks as { kind: string }[]).some((check) => check.kind === 'regex') ? '123' : 'text'
    case 'ZodNumber':
      return 7
    case 'ZodBoolean':
      return true
    case 'ZodUnknown':
      return { any: 'thing' }
    case 'ZodLiteral':
      return def.value
    case 'ZodEnum':
      return def.values[0]
    case 'ZodArray':
      return [sample(def.type)]
    case 'ZodOptional':
    case 'ZodNullable':
      return sample(def.innerType)
    case 'ZodEffects':
      return sample(def.schema)
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return sample(def.options[0])
    case 'ZodObject':
      return Object.fromEntries(Object.entries(def.shape()).map(([key, value]) => [key, sample(value as ZodTypeAny)]))
    default:
      throw new Error(`no sample for ${def.typeName}`)
  }
}

function inputsFor(schema: ZodTypeAny): unknown[] {
  const valid = sample(schema)
  const inputs: unknown[] = [valid, undefined, null, 'text', 7, [], {}]
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    for (const key of Object.keys(valid)) {
      const { [key]: _dropped, ...rest } = valid as Record<string, unknown>
      inputs.push(rest, { ...valid, [key]: null }, { ...valid, [key]: 12.5 }, { ...valid, [key]: 'other' })
    }
    inputs.push({ ...valid, Unknown: 'kept or dropped' }, { ...valid, [Object.keys(valid)[0]]: undefined })
  }
  return inputs
}

function outcome(schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }, input: unknown) {
  const result = schema.safeParse(input)
  return result.success ? { success: true, data: result.data } : { success: false }
}

const zodModels = loadModels(false)
const subsetModels = loadModels(true)
const schemaNames = Object.keys(zodModels).filter(
  (name) => typeof (zodModels[name] as { safeParse?: unknown }).safeParse === 'function'
)

describe('segment-fold/zod against zod on the core models', () => {
  it('loads the same schemas on both', () => {
    expect(schemaNames.length).toBeGreaterThan(10)
    expect(Object.keys(subsetModels).sort()).toEqual(Object.keys(zodModels).sort())
  })

  it.each(schemaNames)('%s parses every input as zod does', (name) => {
    const real = zodModels[name] as ZodTypeAny
    const subset = subsetModels[name] as ZodTypeAny
    for (const input of inputsFor(real)) expect([input, outcome(subset, input)]).toEqual([input, outcome(real, input)])
  })

  it('lists the options of an enum as zod does', () => {
    const real = zodModels.GoalCategorySchema as { options: string[] }
    expect((subsetModels.GoalCategorySchema as { options: string[] }).options).toEqual(real.options)
  })
})
