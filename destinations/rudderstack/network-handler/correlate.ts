import type { ProxyMetadata } from '../contracts/rudder-types'

function indexesOf(metadata: ProxyMetadata, listKey: string, itemCount: number): number[] | undefined {
  const indexes = (metadata.destInfo?.recordIndexes as Record<string, unknown> | undefined)?.[listKey]
  if (!Array.isArray(indexes)) return undefined
  if (!indexes.every((i) => Number.isInteger(i) && i >= 0 && i < itemCount)) return undefined
  return indexes as number[]
}

/**
 * Which items of a request belong to which job. The router writes the positions into each job's `destInfo`; a
 * request without them (built by the processor transform) is one job owning every item, or one item per job in
 * order. `undefined` when the jobs cannot be told apart: every job then reports the outcome of the whole request.
 */
export function itemsByJob(
  metadata: readonly ProxyMetadata[],
  listKey: string,
  itemCount: number
): number[][] | undefined {
  const fromDestInfo = metadata.map((m) => indexesOf(m, listKey, itemCount))
  if (fromDestInfo.every((indexes) => indexes !== undefined)) return fromDestInfo
  const all = Array.from({ length: itemCount }, (_, index) => index)
  if (metadata.length === 1) return [all]
  if (metadata.length === itemCount) return all.map((index) => [index])
  return undefined
}

export function notesOf(metadata: ProxyMetadata): string[] {
  const notes = metadata.destInfo?.notes
  return Array.isArray(notes) ? notes.filter((note): note is string => typeof note === 'string') : []
}
