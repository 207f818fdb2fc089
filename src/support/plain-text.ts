/**
 * A value read from JSON, the environment or a CSV cell, as text: a string as it is, a number or boolean as
 * String writes it, an object or array as its JSON (so that it fails a later check visibly, never as
 * "[object Object]"). undefined and null have no text.
 */
export function plainText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  // Functions and symbols have no JSON; nothing read from JSON, the environment or a CSV file is one.
  const json: string | undefined = JSON.stringify(value)
  return json
}
