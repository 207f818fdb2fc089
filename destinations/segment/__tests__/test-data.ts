/**
 * Seeded test data for snapshot tests, with the contract of `generateTestData` in segmentio/action-destinations
 * (packages/destination-actions/src/lib/test-data.ts), which replaces this file upstream: the same seed gives the
 * same event fields and settings, every field (or only the required ones, those whose key holds "id", and the
 * consent fields) with a value of its type, choices picked among the field's choices.
 */
import type { ActionDefinition, DestinationDefinition, InputField } from '@segment/actions-core'
import Chance from 'chance'

type Values = Record<string, unknown>
type FieldLike = Pick<
  InputField,
  'type' | 'format' | 'choices' | 'minimum' | 'maximum' | 'multiple' | 'properties' | 'required'
>

function pickChoice(chance: Chance.Chance, choices: NonNullable<InputField['choices']>): unknown {
  const choice = chance.pickone([...choices] as Array<string | { value: unknown }>)
  return typeof choice === 'object' && choice !== null && choice.value ? choice.value : choice
}

function stringOfFormat(chance: Chance.Chance, format: string | undefined): string {
  const pad = (values: number[]) => values.map((value) => String(value).padStart(2, '0'))
  switch (format) {
    case 'date': {
      const date = chance.date()
      return pad([date.getFullYear(), date.getMonth() + 1, date.getDate()]).join('-')
    }
    case 'date-time':
      return chance.date().toISOString()
    case 'email':
      return chance.email()
    case 'hostname':
      return chance.domain()
    case 'ipv4':
      return chance.ip()
    case 'ipv6':
      return chance.ipv6()
    case 'time': {
      const date = chance.date()
      return pad([date.getHours(), date.getMinutes(), date.getSeconds()]).join(':')
    }
    case 'uri':
      return chance.url()
    case 'uuid':
      return chance.guid()
    default:
      return chance.string()
  }
}

function numberBetween(chance: Chance.Chance, field: FieldLike, integer: boolean): number {
  const range = {
    ...(field.minimum !== undefined ? { min: field.minimum } : {}),
    ...(field.maximum !== undefined ? { max: field.maximum } : {})
  }
  return integer ? chance.integer(range) : chance.floating({ ...range, fixed: 2 })
}

/** One value for a field, from a generator seeded with `seedName` alone, as Segment's generator does. */
function valueFor(seedName: string, field: FieldLike, name?: string): unknown {
  const chance = new Chance(seedName)
  if (Array.isArray(field.choices)) return pickChoice(chance, field.choices)
  let value: unknown
  switch (field.type) {
    case 'boolean':
      value = chance.bool()
      break
    case 'datetime':
      value = '2021-02-01T00:00:00.000Z'
      break
    case 'integer':
      value = numberBetween(chance, field, true)
      break
    case 'number':
      value = numberBetween(chance, field, false)
      break
    case 'text':
      value = chance.sentence()
      break
    case 'object':
      value = { testType: chance.string() }
      break
    default:
      value = stringOfFormat(chance, field.format)
  }
  if (name === 'email') value = chance.email()
  if (name === 'currency') value = chance.currency().code
  if (name === 'phone_number') value = `+${chance.phone({ formatted: false })}`
  return value
}

function withValue(values: Values, name: string, field: FieldLike, value: unknown): Values {
  values[name] = field.multiple ? [value] : value
  return values
}

/** `[eventData, settingsData]`: the action's field values and the destination's settings. */
export function generateTestData(
  seedName: string,
  destination: DestinationDefinition<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  action: ActionDefinition<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  isRequiredOnly: boolean
): [Values, Values] {
  const settingsData: Values = {}
  for (const [key, setting] of Object.entries(destination.authentication?.fields ?? {})) {
    const { type, format, minimum, maximum } = setting as FieldLike
    settingsData[key] = valueFor(seedName, { type, format, minimum, maximum })
  }

  const eventData: Values = {}
  for (const [name, field] of Object.entries(action.fields) as Array<[string, FieldLike]>) {
    if (isRequiredOnly && !(field.required || name.includes('id') || name.includes('consent'))) continue
    if (field.properties) {
      const properties = Object.entries(field.properties as Record<string, FieldLike>).filter(
        ([, property]) => !isRequiredOnly || property.required
      )
      const nested: Values = {}
      for (const [key, property] of properties) withValue(nested, key, property, valueFor(seedName, property, key))
      withValue(eventData, name, field, nested)
      continue
    }
    if (name === 'consent') {
      withValue(eventData, name, field, { categoryPreferences: { analytics: true, marketing: false } })
      continue
    }
    withValue(eventData, name, field, valueFor(seedName, field, name))
  }
  return [eventData, settingsData]
}
