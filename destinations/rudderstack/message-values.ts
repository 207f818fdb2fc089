/** Small readers for RudderStack payloads, whose values may be anything. */

export type Bag = Record<string, unknown>

export function bag(value: unknown): Bag {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Bag) : {}
}

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')
}

/** The first present value and the path it was read from; the last path names the field when none is present. */
export function pick(candidates: ReadonlyArray<readonly [path: string, value: unknown]>): {
  value: unknown
  path: string
} {
  for (const [path, value] of candidates) if (isPresent(value)) return { value, path }
  return { value: undefined, path: candidates[0]?.[0] ?? '' }
}
