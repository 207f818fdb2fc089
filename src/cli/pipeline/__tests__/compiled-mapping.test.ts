import { transform, type JSONObject } from '@segment/actions-core'
import fc from 'fast-check'
import { presetSubscriptions } from '../../host/subscriptions'
import { compileMapping } from '../compiled-mapping'

/** What actions-core's transform gives, or the message it throws. */
function actionsCore(mapping: JSONObject, event: Record<string, unknown>): unknown {
  try {
    return { value: transform(mapping, event) }
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] }
  }
}

function compiled(mapping: JSONObject, event: Record<string, unknown>): unknown {
  try {
    return { value: compileMapping(mapping)(event) }
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] }
  }
}

const KEYS = ['a', 'b', 'c', 'email', 'x.y', '0', '']
const key = fc.constantFrom(...KEYS)
const leaf = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -3, max: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant(0)
)
/** Events whose keys the generated paths often hit: nested objects and arrays of them. */
const json: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 3 }, leaf, tie('object'), fc.array(tie('value'), { maxLength: 3 })),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 })
})).value
const event: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(key, json, { maxKeys: 5 })

const segment = fc.oneof(fc.constantFrom(...KEYS.filter(Boolean)), fc.constantFrom('[0]', '["x.y"]', "['a']", '[1]'))
const path = fc
  .array(segment, { minLength: 0, maxLength: 3 })
  .map((parts) =>
    parts.reduce((text, part) => (part.startsWith('[') || !text ? `${text}${part}` : `${text}.${part}`), '')
  )
  .chain((tail) => fc.constantFrom(`$.${tail}`, tail, `$.${tail}`.replace('$.', '$..'), '$.', ''))

const mapping: fc.Arbitrary<JSONObject> = fc
  .letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      leaf,
      path.map((p) => ({ '@path': p })),
      fc.record({ '@literal': tie('value') }),
      fc
        .record(
          {
            exists: tie('value'),
            blank: tie('value'),
            then: tie('value'),
            else: tie('value')
          },
          { requiredKeys: [] }
        )
        .map((options) => ({ '@if': options })),
      fc.tuple(path, fc.oneof(tie('object'), fc.constant({}))).map((arrayPath) => ({ '@arrayPath': arrayPath })),
      fc.constant({ '@case': { operator: 'lower', value: { '@path': '$.a' } } }),
      fc.array(tie('value'), { maxLength: 2 }),
      tie('object')
    ),
    object: fc.dictionary(fc.constantFrom('p', 'q', 'r', 's'), tie('value'), { maxKeys: 3 })
  }))
  .object.map((generated) => generated as JSONObject)

describe("a compiled mapping resolves as actions-core's transform", () => {
  it('on generated mappings and events', () => {
    fc.assert(
      fc.property(mapping, fc.array(event, { minLength: 1, maxLength: 4 }), (generated, events) => {
        for (const generatedEvent of events)
          expect(compiled(generated, generatedEvent)).toEqual(actionsCore(generated, generatedEvent))
      }),
      { numRuns: 3000 }
    )
  })

  it("on the destination's presets and generated Segment events", () => {
    const segmentEvent = fc.record(
      {
        type: fc.constantFrom('track', 'page'),
        event: fc.constantFrom('Order Completed', 'Order Refunded'),
        timestamp: fc.constantFrom('2026-11-21T10:15:00.000Z', '', null),
        messageId: fc.string({ maxLength: 6 }),
        anonymousId: fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null)),
        properties: fc.record(
          {
            order_id: fc.oneof(fc.string({ maxLength: 6 }), fc.integer()),
            revenue: fc.oneof(fc.double({ noNaN: true }), fc.string({ maxLength: 4 }), fc.constant(null)),
            value: fc.integer(),
            currency: fc.constantFrom('USD', 'eur', ''),
            msclkid: fc.string({ maxLength: 32 }),
            products: fc.array(json, { maxLength: 3 })
          },
          { requiredKeys: [] }
        ),
        context: fc.record(
          {
            traits: fc.record({ email: json, phone: json }, { requiredKeys: [] }),
            consent: fc.record({ ad_storage: fc.constantFrom('granted', 'denied', '') }, { requiredKeys: [] }),
            page: fc.record({ url: fc.string({ maxLength: 6 }) }, { requiredKeys: [] })
          },
          { requiredKeys: [] }
        ),
        integrations: fc.dictionary(
          fc.constantFrom('Microsoft Advertising Conversions (Actions)', 'Microsoft Bing CAPI (Actions)'),
          fc.record({ msclkid: json }, { requiredKeys: [] })
        )
      },
      { requiredKeys: ['type'] }
    ) as fc.Arbitrary<Record<string, unknown>>
    for (const subscription of presetSubscriptions()) {
      fc.assert(
        fc.property(segmentEvent, (generatedEvent) => {
          expect(compiled(subscription.mapping, generatedEvent)).toEqual(
            actionsCore(subscription.mapping, generatedEvent)
          )
        }),
        { numRuns: 500 }
      )
    }
  })

  it('refuses each event of a mapping actions-core refuses, with its message', () => {
    const invalid = { a: { '@path': 5 } } as unknown as JSONObject
    expect(actionsCore(invalid, { a: 1 })).toHaveProperty('error')
    expect(compiled(invalid, { a: 1 })).toEqual(actionsCore(invalid, { a: 1 }))
  })
})
