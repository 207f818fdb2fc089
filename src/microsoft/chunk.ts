/** Microsoft's limit for every Apply call and every CAPI request. */
export const MAX_ITEMS_PER_REQUEST = 1000

export function chunk<T>(items: readonly T[], size = MAX_ITEMS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`)
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}
