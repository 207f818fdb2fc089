import type { GlobalSetting, InputField } from '@segment/actions-core'
import destination from '../../destinations/segment'
import { markdownTable } from './generated-blocks'

type Directive = Record<string, unknown>

/** A field's default mapping in words: `properties.email`, or a chain "first of a → b". */
export function describeMapping(value: unknown): string {
  if (value === undefined) return ''
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const directive = value as Directive
    if (typeof directive['@path'] === 'string') return `\`${String(directive['@path']).replace(/^\$\./, '')}\``
    if (typeof directive['@template'] === 'string') return `\`${directive['@template']}\``
    if (directive['@if']) {
      const branch = directive['@if'] as Directive
      const then = describeMapping(branch.then)
      const otherwise = describeMapping(branch.else)
      return otherwise ? `${then}, else ${otherwise}` : then
    }
    if (directive['@arrayPath']) {
      const [path, shape] = directive['@arrayPath'] as [string, Record<string, unknown>]
      const inner = Object.entries(shape ?? {})
        .map(([key, item]) => `${key}: ${describeMapping(item)}`)
        .join('; ')
      return `each of \`${path.replace(/^\$\./, '')}\` (${inner})`
    }
    return Object.entries(directive)
      .map(([key, item]) => `${key}: ${describeMapping(item)}`)
      .join('<br>')
  }
  return `\`${JSON.stringify(value)}\``
}

function typeOf(field: InputField | GlobalSetting): string {
  const type = field.type === 'password' ? 'secret' : field.type
  return 'multiple' in field && field.multiple ? `${type} list` : type
}

function required(field: InputField | GlobalSetting): string {
  if (field.required === true) return 'yes'
  if (field.required && typeof field.required === 'object') return 'when shown'
  return ''
}

function choices(field: InputField | GlobalSetting): string {
  const list = (field as InputField).choices
  if (!list?.length) return ''
  return ` Choices: ${list.map((choice) => `\`${typeof choice === 'string' ? choice : choice.value}\``).join(', ')}.`
}

export function settingsTable(): string {
  const fields = destination.authentication?.fields ?? {}
  return markdownTable(
    ['Setting', 'Label', 'Type', 'Required', 'Description'],
    Object.entries(fields).map(([key, field]) => [
      `\`${key}\``,
      field.label,
      typeOf(field),
      required(field),
      `${field.description}${choices(field)}`
    ])
  )
}

export function actionsReference(): string {
  return Object.entries(destination.actions)
    .map(([key, action]) => {
      const rows = Object.entries(action.fields as Record<string, InputField>).map(([fieldKey, field]) => [
        `\`${fieldKey}\``,
        field.label,
        typeOf(field),
        required(field),
        describeMapping(field.default),
        `${field.description}${choices(field)}${field.dynamic ? ' Lists the goals of the account.' : ''}`
      ])
      const subscription = action.defaultSubscription
        ? `Default subscription: \`${action.defaultSubscription}\`.\n\n`
        : ''
      return `### ${action.title} (\`${key}\`)\n\n${action.description}\n\n${subscription}${markdownTable(['Field', 'Label', 'Type', 'Required', 'Default mapping', 'Description'], rows)}`
    })
    .join('\n\n')
}

export function presetsTable(): string {
  const presets = destination.presets ?? []
  return markdownTable(
    ['Preset', 'Subscription', 'Action', 'Sets'],
    presets.map((preset) => {
      const mapping = ('mapping' in preset ? preset.mapping : {}) as Record<string, unknown>
      const subscribe = ('subscribe' in preset ? preset.subscribe : undefined) ?? ''
      const partnerAction = ('partnerAction' in preset ? preset.partnerAction : undefined) ?? ''
      const sets = ['conversion_name', 'adjustment_type', 'eventType']
        .filter((key) => typeof mapping[key] === 'string')
        .map((key) => `${key} = \`${mapping[key]}\``)
        .join(', ')
      return [preset.name ?? '', `\`${subscribe}\``, `\`${partnerAction}\``, sets]
    })
  )
}
