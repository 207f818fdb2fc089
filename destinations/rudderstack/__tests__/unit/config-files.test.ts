import { CONSENT_DEFAULT, CONSENT_DEFAULT_CHOICES } from 'msads-conversions'
import dbConfig from '../../config/db-config.json'
import schema from '../../config/schema.json'
import uiConfig from '../../config/ui-config.json'
import { DESTINATION_TYPE } from '../../constants'
import { CONFIG_KEYS, parseDestinationConfig } from '../../destination-config'
import { baseConfig } from '../data/common'
import { uiConfigField } from '../harness/ui-config'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function configKeys(node: Json, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => configKeys(child, found))
  else if (node && typeof node === 'object') {
    if (typeof node.configKey === 'string' && !('tagKey' in node && node.configKey === 'consents'))
      found.push(node.configKey)
    for (const [key, child] of Object.entries(node))
      if (key !== 'columns' && key !== 'rowFields') configKeys(child, found)
  }
  return found
}

const properties = schema.configSchema.properties as unknown as Record<
  string,
  {
    type: string
    default?: Json
    pattern?: string
    enum?: string[]
    items?: { properties?: Record<string, { pattern?: string; enum?: string[] }> }
  }
>

/** The subset of JSON Schema these files use: string patterns and enums, booleans, lists of objects of strings. */
function violations(config: Record<string, unknown>): string[] {
  const errors: string[] = []
  for (const [key, value] of Object.entries(config)) {
    const rule = properties[key]
    if (!rule) {
      errors.push(`${key}: not in schema`)
      continue
    }
    if (rule.type === 'boolean' && typeof value !== 'boolean') errors.push(`${key}: not a boolean`)
    if (rule.type === 'string') {
      if (typeof value !== 'string') errors.push(`${key}: not a string`)
      else if (rule.pattern && !new RegExp(rule.pattern).test(value))
        errors.push(`${key}: does not match ${rule.pattern}`)
      else if (rule.enum && !rule.enum.includes(value)) errors.push(`${key}: not one of ${rule.enum}`)
    }
    if (rule.type === 'array') {
      for (const row of value as Array<Record<string, string>>) {
        for (const [field, text] of Object.entries(row)) {
          const fieldRule = rule.items?.properties?.[field]
          if (!fieldRule) errors.push(`${key}.${field}: not in schema`)
          else if (fieldRule.pattern && !new RegExp(fieldRule.pattern).test(text))
            errors.push(`${key}.${field}: does not match`)
          else if (fieldRule.enum && !fieldRule.enum.includes(text))
            errors.push(`${key}.${field}: not one of ${fieldRule.enum}`)
        }
      }
    }
  }
  return errors
}

describe('rudder-integrations-config files', () => {
  it('declare a router-transformed OAuth destination under the same name as the code, with the CAPI token secret', () => {
    expect(dbConfig.name).toBe(DESTINATION_TYPE)
    expect(dbConfig.config.transformAtV1).toBe('router')
    expect(dbConfig.config.auth).toEqual({ type: 'OAuth', rudderScopes: ['delivery'] })
    expect(dbConfig.config.secretKeys).toEqual(['capiToken'])
    expect(dbConfig.config.supportedMessageTypes.cloud).toEqual(['track', 'page', 'record'])
  })

  it('declare every key the code reads, in the schema, the UI and the default config', () => {
    const ui = configKeys(uiConfig as unknown as Json)
    for (const key of CONFIG_KEYS) {
      expect({ key, inSchema: key in properties }).toEqual({ key, inSchema: true })
      expect({ key, inUi: ui.includes(key) }).toEqual({ key, inUi: true })
      expect({ key, inDefaults: dbConfig.config.destConfig.defaultConfig.includes(key) }).toEqual({
        key,
        inDefaults: true
      })
    }
    for (const key of ui) expect({ key, inSchema: key in properties }).toEqual({ key, inSchema: true })
  })

  it("accept the fixtures' config, which the code accepts too", () => {
    expect(violations(baseConfig)).toEqual([])
    expect(() => parseDestinationConfig(baseConfig)).not.toThrow()
  })

  it('refuse what the code refuses', () => {
    expect(
      violations({
        customerAccountId: 'acct-12',
        adjustmentEvents: [{ from: 'Refund', to: 'Cancel' }],
        environment: 'staging'
      })
    ).toEqual([
      expect.stringContaining('customerAccountId'),
      expect.stringContaining('adjustmentEvents.to'),
      expect.stringContaining('environment')
    ])
  })

  it("offer the core's consent default choices, with the core's default, in the schema and the UI", () => {
    const field = uiConfigField('consentDefault') as { options: Array<{ value: string }>; default: string }
    const choices = [...CONSENT_DEFAULT_CHOICES].sort()
    expect([...(properties.consentDefault.enum ?? [])].sort()).toEqual(choices)
    expect(properties.consentDefault.default).toBe(CONSENT_DEFAULT)
    expect(field.options.map((option) => option.value).sort()).toEqual(choices)
    expect(field.default).toBe(CONSENT_DEFAULT)
  })
})
