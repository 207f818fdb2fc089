import { validate } from '@segment/destination-subscriptions'
import type { Subscription } from '@segment/destination-subscriptions'

/**
 * A subscription's FQL as a predicate built once: `validate(ast, event)`'s answer (a throw where it throws) without
 * its per-event closures, `String(expected)` conversions and path splitting. The AST is read only when compiling.
 */
export type EventPredicate = (event: unknown) => boolean

/** The event fields `validate` reads. An event may be any value: a primitive has none of them, null throws. */
interface EventFields {
  type?: unknown
  event?: unknown
  name?: unknown
  userId?: unknown
  properties?: unknown
  traits?: unknown
  context?: unknown
}

type Node = (event: EventFields) => boolean
type ValueTest = (actual: unknown) => boolean

/** How @segment/destination-subscriptions' `get` splits a path: runs of characters other than `[`, `.` and `]`. */
const PATH_SEGMENTS = /([^[.\]])+/g

const never = (): boolean => false

export function compileCondition(subscription: Subscription): EventPredicate {
  // validate itself throws on these; keep that for the caller's try/catch rather than throwing while compiling.
  if (subscription === null || subscription === undefined) return (event) => validate(subscription, event)
  if ((subscription as { error?: unknown }).error) return never
  // validate treats the root as a group whatever its type says.
  const root = compileGroup(subscription as GroupLike, (event) => validate(subscription, event))
  return (event) => typeof event !== 'undefined' && root(event as EventFields)
}

interface GroupLike {
  operator?: unknown
  children?: unknown
}

interface ConditionLike {
  type?: unknown
  name?: unknown
  operator?: unknown
  value?: unknown
}

function compileGroup(group: GroupLike, asValidateWould: Node): Node {
  const { operator, children } = group
  if (operator !== 'and' && operator !== 'or') return never
  // Anything but a dense array (every/some skip holes, a non-array may throw) is left to validate.
  if (!Array.isArray(children) || !isDense(children)) return asValidateWould
  const nodes = children.map(compileChild)
  return operator === 'and' ? allOf(nodes) : anyOf(nodes)
}

function allOf(nodes: readonly Node[]): Node {
  return (event) => {
    for (let index = 0; index < nodes.length; index++) if (!nodes[index](event)) return false
    return true
  }
}

function anyOf(nodes: readonly Node[]): Node {
  return (event) => {
    for (let index = 0; index < nodes.length; index++) if (nodes[index](event)) return true
    return false
  }
}

function isDense(array: readonly unknown[]): boolean {
  for (let index = 0; index < array.length; index++) if (!(index in array)) return false
  return true
}

/** The child evaluated by validate itself, inside a group of one (the root is only ever called with an event). */
function validatedChild(child: unknown): Node {
  const single = { type: 'group', operator: 'and', children: [child] } as unknown as Subscription
  return (event) => validate(single, event)
}

function compileChild(child: unknown): Node {
  if (child === null || child === undefined) return validatedChild(child) // throws, as validate does on it
  const condition = child as ConditionLike
  if (condition.type === 'group') return compileGroup(condition, validatedChild(child))
  return compileLeaf(condition) ?? validatedChild(child)
}

/** A condition on one field; undefined when validate's own evaluation is needed for exactness. */
function compileLeaf(condition: ConditionLike): Node | undefined {
  // The presets' own form (`type = "track"`, `event = "…"`) in one closure rather than a reader and a test.
  if (condition.operator === '=' && hasPureConversions(condition.value)) {
    const text = String(condition.value)
    if (condition.type === 'event-type') return (event) => event.type === text
    if (condition.type === 'event') return (event) => event.event === text
  }
  const test = compileValueTest(condition.operator, condition.value)
  const keys = pathKeys(condition.name)
  switch (condition.type) {
    case 'event-type':
      return test && ((event) => test(event.type))
    case 'event':
      return test && ((event) => test(event.event))
    case 'name':
      return test && ((event) => test(event.name))
    case 'userId':
      return test && ((event) => test(event.userId))
    case 'event-property':
      return test && keys && ((event) => test(valueAt(event.properties, keys)))
    case 'event-trait':
      return test && keys && ((event) => test(valueAt(event.traits, keys)))
    case 'event-context':
      return test && keys && ((event) => test(valueAt(event.context, keys)))
    default:
      return never // validate answers false for any other type, without reading the event
  }
}

/** The path split as `get` splits it; undefined for a name `get` does not split (it returns undefined or throws). */
function pathKeys(name: unknown): readonly string[] | undefined {
  if (typeof name !== 'string' || name === '') return undefined
  return name.match(PATH_SEGMENTS) ?? undefined
}

/** `get`'s `keys.reduce((object, key) => object && object[key], root)`: a falsy step is the answer as it is. */
function valueAt(root: unknown, keys: readonly string[]): unknown {
  let value = root
  for (let index = 0; index < keys.length; index++) {
    if (!value) return value
    value = (value as Record<string, unknown>)[keys[index]]
  }
  return value
}

/** `String(value)` and `Number(value)` are pure for primitives; an object's toString/valueOf may vary or throw. */
function hasPureConversions(value: unknown): boolean {
  if (typeof value === 'object') return value === null
  return typeof value !== 'function' && typeof value !== 'symbol' // Number(symbol) throws
}

/** validateValue with `String(expected)` and `Number(expected)` worked out once; undefined if they are not pure. */
function compileValueTest(operator: unknown, expected: unknown): ValueTest | undefined {
  if (!hasPureConversions(expected)) return undefined
  const text = String(expected)
  const number = Number(expected)
  switch (operator) {
    case '=':
      return (actual) => actual === text
    case 'number_equals':
      return (actual) => typeof actual === 'number' && actual === number
    case '!=':
      return (actual) => actual !== text
    case 'number_not_equals':
      return (actual) => typeof actual === 'number' && actual !== number
    case '<':
      return (actual) => typeof actual === 'number' && actual < number
    case '<=':
      return (actual) => typeof actual === 'number' && actual <= number
    case '>':
      return (actual) => typeof actual === 'number' && actual > number
    case '>=':
      return (actual) => typeof actual === 'number' && actual >= number
    case 'contains':
      return (actual) => typeof actual === 'string' && actual.includes(text)
    case 'not_contains':
      return (actual) => typeof actual === 'string' && !actual.includes(text)
    case 'starts_with':
      return (actual) => typeof actual === 'string' && actual.startsWith(text)
    case 'not_starts_with':
      return (actual) => typeof actual === 'string' && !actual.startsWith(text)
    case 'ends_with':
      return (actual) => typeof actual === 'string' && actual.endsWith(text)
    case 'not_ends_with':
      return (actual) => typeof actual === 'string' && !actual.endsWith(text)
    case 'exists':
      return (actual) => actual !== undefined && actual !== null
    case 'not_exists':
      return (actual) => actual === undefined || actual === null
    case 'is_true':
      return (actual) => actual === true
    case 'is_false':
      return (actual) => actual === false
    default:
      return never
  }
}
