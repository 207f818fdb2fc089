import fc from 'fast-check'
import { parseFql, validate } from '@segment/destination-subscriptions'
import type { Subscription } from '@segment/destination-subscriptions'
import type { SegmentEvent } from '@segment/actions-core'
import { compileCondition } from '../compiled-condition'
import { compileSubscriptions, presetSubscriptions } from '../subscriptions'

type Outcome = { threw: true } | { threw: false; value: boolean }

function outcomeOf(run: () => boolean): Outcome {
  try {
    return { threw: false, value: run() }
  } catch {
    return { threw: true }
  }
}

/** Each event's outcome through validate and through the compiled predicate (compiled once, as `matches` does). */
function bothOutcomes(ast: unknown, events: readonly unknown[]): { validate: Outcome[]; compiled: Outcome[] } {
  const predicate = compileCondition(ast as Subscription)
  return {
    validate: events.map((event) => outcomeOf(() => validate(ast as Subscription, event))),
    compiled: events.map((event) => outcomeOf(() => predicate(event)))
  }
}

// Shared pools, so that generated conditions and generated events often meet.
const STRINGS = ['track', 'page', 'Order Completed', 'purchase', 'Order', 'Completed', '', 'a', 'ab', 'ba', 'b"']
const TRICKY_STRINGS = [
  'true',
  'false',
  'null',
  'undefined',
  '1',
  '0',
  '-0',
  'NaN',
  '1.5',
  'Symbol(s)',
  '[object Object]'
]
const NUMBERS = [0, -0, 1, -1, 1.5, 2, NaN, Infinity, -Infinity]
const KEYS = ['a', 'b', 'products', '0', '1', 'sku', '"a', 'b"', 'c"', 'length', 'a.b', 'properties']
const NAMES = [
  'a',
  'b',
  'a.b',
  'a.b.c',
  'products[0].sku',
  'products.0.sku',
  'products[1]',
  '"a.b"',
  'a["b.c"]',
  'properties',
  'length',
  'a.length',
  'constructor',
  '0',
  'a..b',
  '[a]',
  '',
  '.',
  '[]',
  '..'
]
const OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'number_equals',
  'number_not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'not_starts_with',
  'ends_with',
  'not_ends_with',
  'exists',
  'not_exists',
  'is_true',
  'is_false',
  '.',
  'like',
  undefined
]
const LEAF_TYPES = ['event-type', 'event', 'name', 'userId', 'event-property', 'event-trait', 'event-context']

const primitive = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...NUMBERS, true, false, null, undefined) },
  fc.string({ maxLength: 3 }),
  fc.double(),
  fc.integer({ min: -3, max: 3 })
)

/** JSON-like values (and undefined), nested under the keys the generated paths use. */
const { value: eventValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 3 })
  )
}))

/** The top-level fields mostly hold the strings the conditions compare them with. */
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...STRINGS, ...TRICKY_STRINGS) },
  primitive,
  eventValue
)

const throwingGetter = (field: string): unknown =>
  Object.defineProperty({ type: 'track', event: 'Order Completed' }, field, {
    get() {
      throw new Error(`${field} unreadable`)
    }
  })

const event = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record(
      {
        type: fieldValue,
        event: fieldValue,
        name: fieldValue,
        userId: fieldValue,
        properties: eventValue,
        traits: eventValue,
        context: eventValue
      },
      { requiredKeys: [] }
    )
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      undefined,
      null,
      0,
      'track',
      true,
      [],
      { properties: 'Order' },
      { properties: 0 },
      { properties: '' },
      { traits: [{ a: 1 }] }
    )
  },
  { weight: 1, arbitrary: fc.constantFrom('type', 'event', 'properties', 'traits', 'context').map(throwingGetter) }
)

/** Expected values: what the parser gives (strings, numbers, booleans, none) and a few it never gives. */
const expected = fc.oneof(
  { weight: 10, arbitrary: primitive },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      1n,
      Symbol('s'),
      [1, 2],
      { toString: () => 'track' },
      {
        toString: () => {
          throw new Error('no text')
        }
      }
    )
  }
)

const leaf = fc.record(
  {
    type: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...LEAF_TYPES) }, fc.constantFrom('other', undefined)),
    name: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...NAMES) }, fc.constantFrom<unknown>(undefined, 7, ['a'])),
    operator: fc.constantFrom(...OPERATORS),
    value: expected
  },
  { requiredKeys: ['type', 'operator'] }
)

const { group } = fc.letrec<{ node: unknown; group: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: leaf },
    { weight: 2, arbitrary: tie('group') },
    fc.constantFrom<unknown>(undefined, null, 5, 'event')
  ),
  group: fc.record({
    type: fc.constant('group'),
    operator: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('and', 'or') }, fc.constantFrom('xor', undefined)),
    children: fc.oneof(
      { weight: 10, arbitrary: fc.array(tie('node'), { maxLength: 3 }) },
      fc.sparseArray(tie('node'), { maxLength: 3 }),
      fc.constantFrom<unknown>(undefined, {}, 'ab')
    )
  })
}))

/** A root as validate may receive it: a group (of any type), an error, or a value validate itself trips on. */
const root = fc.oneof(
  { weight: 20, arbitrary: group },
  leaf,
  fc.constantFrom<unknown>({ error: new Error('bad FQL') }, { error: 0, operator: 'and', children: [] }, null, 5)
)

// FQL text: well-formed conditions, token soup (parse errors and the odd ASTs the parser makes) and raw strings.
const FIELDS = [
  'type',
  'event',
  'name',
  'userId',
  'properties.a',
  'properties.a.b',
  'properties.products\\[0\\].sku',
  'properties.\\"a\\.b\\"',
  'properties',
  'traits.a',
  'traits.b',
  'context.a.b',
  'context.length'
]
const FQL_OPERATORS = ['=', '!=', '<', '<=', '>', '>=']
const FQL_VALUES = [
  '"track"',
  '"Order Completed"',
  '"purchase"',
  '"a"',
  "'b'",
  '""',
  '1',
  '-1',
  '1.5',
  '0',
  'true',
  'false',
  'null',
  'track'
]
const FUNCTIONS = [
  'contains(properties.a, "a")',
  '!contains(event, "Order")',
  'match(event, "Order*")',
  '!match(name, "*a")',
  'match(traits.b, "*b")',
  'contains(context.a, 1)'
]
const comparison = fc
  .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...FQL_OPERATORS), fc.constantFrom(...FQL_VALUES))
  .map(([field, operator, value]) => `${field} ${operator} ${value}`)
const term = fc.oneof({ weight: 4, arbitrary: comparison }, fc.constantFrom(...FUNCTIONS))
const terms = (max: number): fc.Arbitrary<string> =>
  fc
    .tuple(fc.array(term, { minLength: 1, maxLength: max }), fc.constantFrom(' and ', ' or '))
    .map(([list, joiner]) => list.join(joiner))
const wellFormed = fc
  .tuple(terms(3), fc.option(terms(3), { nil: undefined }), fc.constantFrom(' and ', ' or '))
  .map(([outer, inner, joiner]) => (inner ? `${outer}${joiner}(${inner})` : outer))
const tokenSoup = fc
  .array(
    fc.constantFrom(
      ...FIELDS,
      ...FQL_OPERATORS,
      ...FQL_VALUES,
      ...FUNCTIONS,
      'and',
      'or',
      '(',
      ')',
      'foo',
      '!',
      ',',
      '.'
    ),
    { maxLength: 8 }
  )
  .map((tokens) => tokens.join(' '))
const fql = fc.oneof(
  { weight: 4, arbitrary: wellFormed },
  { weight: 3, arbitrary: tokenSoup },
  fc.string({ maxLength: 20 })
)

describe('compileCondition', () => {
  it('answers as validate does (or throws where it throws) for generated ASTs and events', () => {
    fc.assert(
      fc.property(root, fc.array(event, { minLength: 1, maxLength: 8 }), (ast, events) => {
        const outcomes = bothOutcomes(ast, events)
        expect(outcomes.compiled).toEqual(outcomes.validate)
      }),
      { numRuns: 3000 }
    )
  })

  it('answers as validate does for what parseFql makes of generated FQL, parse errors included', () => {
    fc.assert(
      fc.property(fql, fc.array(event, { minLength: 1, maxLength: 8 }), (text, events) => {
        const outcomes = bothOutcomes(parseFql(text), events)
        expect(outcomes.compiled).toEqual(outcomes.validate)
      }),
      { numRuns: 2000 }
    )
  })

  it('resolves bracketed and dotted paths as validate (its get) splits them', () => {
    const sku = parseFql('properties.products\\[0\\].sku = "A-1"')
    expect(sku).toMatchObject({ children: [{ name: 'products[0].sku' }] })
    const quoted = parseFql('properties.\\"a\\.b\\" = 2')
    expect(quoted).toMatchObject({ children: [{ name: '"a.b"', operator: 'number_equals' }] })
    const events = [
      { properties: { products: [{ sku: 'A-1' }] } },
      { properties: { products: { 0: { sku: 'A-1' } } } },
      { properties: { 'products[0]': { sku: 'A-1' } } },
      { properties: { products: [] } },
      // get splits "a.b" into the keys `"a` and `b"`: the quotes stay, so the literal key "a.b" is not found.
      { properties: { 'a.b': 2 } },
      { properties: { '"a': { 'b"': 2 } } }
    ]
    expect(events.map(compileCondition(sku))).toEqual([true, true, false, false, false, false])
    expect(events.map((e) => validate(sku, e))).toEqual([true, true, false, false, false, false])
    expect(events.map(compileCondition(quoted))).toEqual([false, false, false, false, false, true])
    expect(events.map((e) => validate(quoted, e))).toEqual([false, false, false, false, false, true])
  })

  it('stops at a falsy step of a path and compares that value, as get does', () => {
    const exists = parseFql('properties.a.b != null')
    const isZero = parseFql('properties.a.b = 0')
    expect(exists).toMatchObject({ children: [{ operator: 'exists' }] })
    // get returns the 0 (or '') it stopped at, which exists; undefined or null do not.
    const events = [
      { properties: { a: 0 } },
      { properties: { a: '' } },
      { properties: { a: null } },
      { properties: {} }
    ]
    expect(events.map(compileCondition(exists))).toEqual([true, true, false, false])
    expect(events.map((e) => validate(exists, e))).toEqual([true, true, false, false])
    expect(events.map(compileCondition(isZero))).toEqual([true, false, false, false])
    expect(events.map((e) => validate(isZero, e))).toEqual([true, false, false, false])
  })

  it('keeps the throws of a child the parser left undefined, which matches treats as no match', () => {
    const ast = parseFql('type = "track" or (foo = 1)')
    expect(ast).toMatchObject({ operator: 'or', children: [{ type: 'event-type' }, undefined] })
    const predicate = compileCondition(ast)
    expect(predicate({ type: 'track' })).toBe(true)
    expect(() => validate(ast, { type: 'page' })).toThrow(TypeError)
    expect(() => predicate({ type: 'page' })).toThrow(TypeError)
    const [subscription] = compileSubscriptions([
      { subscribe: 'type = "track" or (foo = 1)', partnerAction: 'trackConversion' }
    ])
    expect(subscription.matches({ type: 'track' })).toBe(true)
    expect(subscription.matches({ type: 'page' })).toBe(false)
  })

  it('answers false for an undefined event or a parse error, and no match when reading the event throws', () => {
    const [subscription] = compileSubscriptions([{ subscribe: 'properties.a = 1', partnerAction: 'trackConversion' }])
    expect(subscription.matches(undefined as unknown as SegmentEvent)).toBe(false)
    expect(subscription.matches(null as unknown as SegmentEvent)).toBe(false)
    expect(subscription.matches(throwingGetter('properties') as SegmentEvent)).toBe(false)
    expect(subscription.matches({ type: 'track', properties: { a: 1 } })).toBe(true)
    expect(compileCondition(parseFql('type = '))({ type: 'track' })).toBe(false)
  })
})

describe('the destination presets through compiled conditions', () => {
  const presets = presetSubscriptions()
  const matching = (event: Partial<SegmentEvent>): string[] =>
    presets.filter((subscription) => subscription.matches(event as SegmentEvent)).map(({ name }) => name)

  it('match typical events to the same presets as validate', () => {
    const events: Array<Partial<SegmentEvent>> = [
      { type: 'track', event: 'Order Completed', properties: { revenue: 10 } },
      { type: 'track', event: 'purchase' },
      { type: 'track', event: 'generate_lead' },
      { type: 'track', event: 'Order Refunded' },
      { type: 'track', event: 'Order Updated' },
      { type: 'page', name: 'Home' },
      { type: 'identify', userId: 'u1' },
      { type: 'track', event: 'order completed' },
      { type: 'page', event: 'Order Completed' }
    ]
    expect(events.map(matching)).toEqual([
      ['Purchase'],
      ['Purchase'],
      ['Lead'],
      ['Retract'],
      ['Restate'],
      ['Page Load'],
      [],
      [],
      ['Page Load']
    ])
    for (const event of events) {
      const byValidate = presets
        .filter((subscription) => validate(parseFql(subscription.subscribe), event))
        .map(({ name }) => name)
      expect(matching(event)).toEqual(byValidate)
    }
  })
})
