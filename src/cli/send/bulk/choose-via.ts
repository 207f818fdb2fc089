import { createReadStream } from 'fs'
import { UsageError } from '../../errors'
import { formatOf } from '../input-source'

export type Via = 'apply' | 'bulk' | 'auto'

/**
 * Above this many CSV rows `--via auto` takes the Bulk path: 10,000 rows are 10 Apply calls; past that a backfill
 * starts to meet Microsoft's per-minute throttle, while one Bulk file takes millions of rows.
 */
export const BULK_AUTO_THRESHOLD = 10_000

export function parseVia(value: string | undefined): Via {
  const via = (value ?? 'apply').toLowerCase()
  if (via !== 'apply' && via !== 'bulk' && via !== 'auto')
    throw new UsageError(`--via must be apply, bulk or auto, not "${value}".`)
  return via
}

/** Line breaks in a file, stopping once past `limit` (it need not read a large file to the end). */
async function linesAtLeast(file: string, limit: number): Promise<number> {
  let lines = 0
  const stream = createReadStream(file)
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines += 1
      if (lines > limit) break
    }
  } finally {
    stream.destroy()
  }
  return lines
}

/** Which path a send takes: Bulk for `--via bulk`, and for `--via auto` with a CSV file past the threshold. */
export async function chooseVia(via: Via, file: string, format?: string): Promise<'apply' | 'bulk'> {
  if (via !== 'auto') return via
  if (file === '-' || formatOf(file, format) !== 'csv') return 'apply'
  // The header is one line: more than threshold + 1 line breaks means more than threshold rows.
  return (await linesAtLeast(file, BULK_AUTO_THRESHOLD + 1)) > BULK_AUTO_THRESHOLD + 1 ? 'bulk' : 'apply'
}
