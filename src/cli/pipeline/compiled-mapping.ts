import { transform, type JSONObject } from '@segment/actions-core'

/**
 * A subscription's mapping resolved as actions-core's `transform` resolves it, compiled once: actions-core checks the
 * whole mapping and splits every `@path` with a regular expression on each event; here the check runs once (by
 * `transform` itself) and the paths are split once. The directives a mapping of this destination uses are compiled
 * (@path, @if, @arrayPath, @literal); a mapping with any other keeps actions-core's `transform` per event.
 * compiled-mapping.test.ts checks the results against actions-core's `transform` on generated mappings and events.
 */
export type MappingResolver = (event: Record<string, unknown>) => Record<string, unknown>

type Resolve = (payload: unknown) => unknown

/** actions-core's `typeOf(value) === 'object'`, without making its lower-cased tag per call. */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  Object.prototype.toString.call(value) === '[object Object]'

/** actions-core's `get` path splitting (src/get.ts): `a.b`, `a[0]`, `a["b.c"]`, quotes dropped. */
const ARRAY_RE = /\[(?="|'|\d)|\.|(?<="|'|\d)]+/g

function splitPath(path: string): string[] {
  return path
    .split(ARRAY_RE)
    .filter((part) => part)
    .map((part) => part.replace(/'|"/g, ''))
}

/** A value read from the event, as `transform` returns it: objects and arrays copied without their undefined keys. */
const cleaned = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? removeUndefined(value) : value

function compileGet(path: string): Resolve {
  if (path === '' || path === '.') return (payload) => payload
  const keys = splitPath(path)
  return (payload) => {
    let value = payload as Record<string, unknown> | undefined
    for (const key of keys) value = value && (value[key] as Record<string, unknown>)
    return value
  }
}

/** A directive this module does not compile: the mapping keeps actions-core's `transform`. */
class NotCompiled extends Error {}

function isDirective(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value)
  if (!keys.some((key) => key.startsWith('@'))) return false
  return keys.every((key) => key.startsWith('@') || key === '_metadata')
}

/**
 * A resolver returns its value either `raw`, as mapping-kit resolves it before its last removeUndefined (what an
 * `@if` tests and an `@arrayPath` walks), or cleaned, as `transform` returns it: what is read from the event copied
 * by removeUndefined, objects built without their undefined keys. Cleaned as each value is resolved, the result is
 * not copied a second time.
 */
function compileDirective(directive: Record<string, unknown>, raw: boolean): Resolve {
  const name = Object.keys(directive).find((key) => key.startsWith('@')) as string
  const value = directive[name]
  switch (name) {
    case '@path': {
      if (typeof value !== 'string') throw new NotCompiled()
      const get = compileGet(value.replace('$.', ''))
      return raw ? get : (payload) => cleaned(get(payload))
    }
    case '@literal':
      return compile(value, raw)
    case '@if': {
      if (!isPlainObject(value) || (!value.exists && !value.blank)) throw new NotCompiled()
      const exists = value.exists !== undefined
      const test = compile(exists ? value.exists : value.blank, true)
      const then = value.then !== undefined ? compile(value.then, raw) : undefined
      const otherwise = value.else ? compile(value.else, raw) : undefined
      return (payload) => {
        const tested = test(payload)
        // eslint-disable-next-line eqeqeq -- actions-core's own loose comparison for `blank`
        const condition = tested !== undefined && tested !== null && (exists || tested != '')
        if (condition && then) return then(payload)
        if (!condition && otherwise) return otherwise(payload)
        return undefined
      }
    }
    case '@arrayPath': {
      if (!Array.isArray(value)) throw new NotCompiled()
      const [path, itemShape] = value as [unknown, unknown]
      const root = typeof path === 'string' ? compileGet(path.replace('$.', '')) : compile(path, true)
      const item = isPlainObject(itemShape) && Object.keys(itemShape).length > 0 ? compile(itemShape, raw) : undefined
      return (payload) => {
        const found = root(payload)
        const isArray = Array.isArray(found)
        if (!item || (!isArray && !isPlainObject(found))) return raw ? found : cleaned(found)
        return (isArray ? found : [found]).map((entry) => item(entry))
      }
    }
    default:
      throw new NotCompiled()
  }
}

function compile(mapping: unknown, raw: boolean): Resolve {
  if (Array.isArray(mapping)) {
    const items = mapping.map((entry) => compile(entry, raw))
    return (payload) => items.map((item) => item(payload))
  }
  if (!isPlainObject(mapping)) return () => mapping
  if (isDirective(mapping)) return compileDirective(mapping, raw)
  const fields = Object.keys(mapping).map((key) => [key, compile(mapping[key], raw)] as const)
  return (payload) => {
    const resolved: Record<string, unknown> = {}
    for (const [key, field] of fields) {
      const value = field(payload)
      if (raw || value !== undefined) resolved[key] = value
    }
    return resolved
  }
}

/** actions-core's removeUndefined: plain objects copied without their undefined keys, arrays mapped. */
function removeUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(removeUndefined)
  if (!isPlainObject(value)) return value
  const cleaned: Record<string, unknown> = {}
  for (const key of Object.keys(value)) if (value[key] !== undefined) cleaned[key] = removeUndefined(value[key])
  return cleaned
}

/**
 * The mapping's resolver. actions-core's own check of the mapping runs once, in `transform` on an empty event: a
 * mapping it refuses there (or that fails on that event) keeps `transform` per event, which throws what it throws.
 */
export function compileMapping(mapping: JSONObject): MappingResolver {
  const perEvent: MappingResolver = (event) => transform(mapping, event)
  try {
    transform(mapping, {})
  } catch {
    return perEvent
  }
  if (Object.keys(mapping).includes('__segment_internal_directive')) return perEvent
  let resolve: Resolve
  try {
    resolve = compile({ ...mapping }, false)
  } catch (error) {
    if (error instanceof NotCompiled) return perEvent
    throw error
  }
  return (event) => resolve(event) as Record<string, unknown>
}
