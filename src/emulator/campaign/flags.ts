/**
 * A flags enum as REST sends it: one comma-separated string, "Url,Event" or "Url, Event".
 * Returns the values, or the first one that is not allowed.
 */
export function parseFlags<T extends string>(
  text: string | null | undefined,
  allowed: readonly T[]
): { values: T[] } | { unknown: string } {
  const values: T[] = []
  if (!text) return { values }
  for (const raw of text.split(',')) {
    const value = raw.trim()
    if (value === '') continue
    if (!(allowed as readonly string[]).includes(value)) return { unknown: value }
    if (!values.includes(value as T)) values.push(value as T)
  }
  return { values }
}
