import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import type { InputField, JSONObject } from '@segment/actions-core'
import Chance from 'chance'
import nock from 'nock'
import destination from '../index'
import { AUTH, describeRequest, NOW, SETTINGS } from './support'
import { generateTestData } from './test-data'

const testDestination = createTestIntegration(destination)

type Values = Record<string, unknown>

/**
 * Microsoft refuses most random values (a click id is 32 hex digits, a time is within the last 90 days, an email
 * is an address...), and the destination then sends nothing. These keys get values of the right shape, still drawn
 * from the seed, so that the snapshot shows a real request.
 */
function validFor(chance: Chance.Chance, key: string, field: Pick<InputField, 'type'>, value: unknown): unknown {
  const hours = (count: number) => new Date(NOW - count * 3_600_000).toISOString()
  if (key === 'microsoft_click_id' || key === 'msclkid') return chance.hash({ length: 32 })
  if (key.includes('consent')) return 'granted'
  if (key === 'email' || key === 'em') return chance.email()
  if (key === 'phone' || key === 'ph') return `+1425555${chance.string({ length: 4, pool: '0123456789' })}`
  if (key.toLowerCase().includes('currency')) return chance.pickone(['USD', 'EUR', 'GBP'])
  if (key === 'external_attribution_credit') return chance.floating({ min: 0.01, max: 1, fixed: 2 })
  if (/url$|href$/i.test(key)) return chance.url({ protocol: 'https' })
  if (key === 'clientIpAddress') return chance.ip()
  if (/date$/i.test(key)) return hours(-24 * chance.integer({ min: 1, max: 30 })).slice(0, 10)
  if (field.type === 'datetime' || key === 'eventTime')
    return hours(key.startsWith('adjust') ? 1 : chance.integer({ min: 2, max: 48 }))
  if ((field.type === 'number' || field.type === 'integer') && typeof value === 'number') return Math.abs(value)
  return value
}

function withValidValues(seedName: string, fields: Record<string, InputField>, data: Values): Values {
  const chance = new Chance(`${seedName}#valid`)
  const out: Values = withConditionalRequirements(chance, fields, data)
  for (const [key, value] of Object.entries(out)) {
    const field = fields[key]
    const properties = field?.properties as Record<string, InputField> | undefined
    if (properties && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value as Values).map(([name, inner]) => [
          name,
          validFor(chance, name, properties[name] ?? {}, inner)
        ])
      )
    } else if (properties && Array.isArray(value)) {
      out[key] = value.map((item: Values) =>
        Object.fromEntries(
          Object.entries(item).map(([name, inner]) => [name, validFor(chance, name, properties[name] ?? {}, inner)])
        )
      )
    } else {
      out[key] = field ? validFor(chance, key, field, value) : value
    }
  }
  return out
}

/**
 * What Microsoft requires beyond the fields marked required, added when the generated data lacks it: a Restate
 * carries the new value, and a Conversions API event identifies the person (here by click id).
 */
function withConditionalRequirements(chance: Chance.Chance, fields: Record<string, InputField>, data: Values): Values {
  const out = { ...data }
  if (out.adjustment_type === 'Restate' && out.adjustment_value === undefined)
    out.adjustment_value = chance.floating({ min: 0, max: 1000, fixed: 2 })
  const userData = out.userData as Values | undefined
  if (fields.userData && !Object.keys(userData ?? {}).length) out.userData = { msclkid: chance.hash({ length: 32 }) }
  return out
}

/** Microsoft's answers for every route the destination calls: Apply, the Conversions API, goals. */
function answerEveryRoute(): void {
  const accepted = { PartialErrors: [], eventsReceived: 1, ConversionGoals: [] }
  nock(/.*/).persist().post(/.*/).reply(200, accepted)
  nock(/.*/).persist().get(/.*/).reply(200, accepted)
}

const PERSONAL_KEYS = new Set(['email', 'em', 'phone', 'ph'])

/** The raw emails and phones of the event appear nowhere in what the snapshot records, only their hashes. */
function expectNoRawPersonalData(request: SnapshotRequest, data: Values): void {
  const raw: string[] = []
  const collect = (values: Values) => {
    for (const [key, value] of Object.entries(values)) {
      if (PERSONAL_KEYS.has(key) && typeof value === 'string') raw.push(value, value.replace(/^\+/, ''))
      else if (value && typeof value === 'object' && !Array.isArray(value)) collect(value as Values)
    }
  }
  collect(data)
  const text = JSON.stringify(request)
  for (const value of raw) expect(text).not.toContain(value)
}

export interface SnapshotRequest {
  body: unknown
  headers: Record<string, string>
}

/**
 * Segment's snapshot template: the action's fields filled by `generateTestData` (required only, or all), mapped as
 * literal values onto a test event, every route answered; returns the first request, secrets masked.
 */
export async function snapshotRequest(
  seedName: string,
  actionSlug: string,
  requiredOnly: boolean
): Promise<SnapshotRequest> {
  const action = destination.actions[actionSlug]
  const [eventData, settingsData] = generateTestData(seedName, destination, action, requiredOnly)
  answerEveryRoute()
  const event = createTestEvent({ properties: withValidValues(seedName, action.fields, eventData) as JSONObject })
  const responses = await testDestination.testAction(actionSlug, {
    event,
    mapping: event.properties,
    settings: { ...settingsData, ...SETTINGS, default_phone_country: 'US' },
    auth: AUTH
  })
  expect(responses.length).toBeGreaterThan(0)
  const { body, headers } = describeRequest(responses[0])
  expectNoRawPersonalData({ body, headers }, event.properties as Values)
  return { body, headers }
}
