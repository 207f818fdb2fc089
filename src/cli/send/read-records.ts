import { parse } from 'csv-parse'
import { createInterface } from 'readline'
import type { InputSource } from './input-source'

/** One line (NDJSON) or row (CSV) of the input: a record to send, or why it cannot be read. */
export type InputRecord =
  | { line: number; record: Record<string, unknown> }
  | { line: number; error: { reason: string; message: string }; raw?: string }

/** Longest raw text kept for a line that could not be read (the rejects file has it in full up to this). */
const MAX_RAW_CHARS = 1_000_000

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

/** NDJSON: one JSON object per line; blank lines are not events and are passed over. */
export async function* readNdjson(source: InputSource): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input: source.stream, crlfDelay: Infinity })
  let line = 0
  for await (const text of lines) {
    line += 1
    if (!text.trim()) continue
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch (error) {
      yield { line, error: { reason: 'invalid_json', message: `Line ${line} is not valid JSON (${(error as Error).message.replace(/, ".*$/s, '')}).` }, raw: text.slice(0, MAX_RAW_CHARS) }
      continue
    }
    if (!isObject(value)) {
      yield { line, error: { reason: 'not_an_object', message: `Line ${line} is JSON but not an object; each line must be one event object.` }, raw: text.slice(0, MAX_RAW_CHARS) }
      continue
    }
    yield { line, record: value }
  }
}

/**
 * CSV with a header row; each row is an object keyed by the header. Rows the parser cannot read (an unclosed
 * quote, a wrong number of columns) are reported with their line number and the parser's reason; the run goes on.
 */
export async function* readCsv(source: InputSource): AsyncGenerator<InputRecord> {
  const skipped: InputRecord[] = []
  const parser = source.stream.pipe(
    parse({
      columns: (header: string[]) => header.map((name) => name.trim()),
      info: true,
      raw: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      trim: true,
      on_skip: (error, raw) => {
        const line = Number((error as { lines?: unknown } | undefined)?.lines) || 0
        skipped.push({
          line,
          error: { reason: 'invalid_csv_row', message: `Row at line ${line || '?'} could not be read: ${error?.message ?? 'malformed CSV'}` },
          raw: raw?.slice(0, MAX_RAW_CHARS)
        })
        return undefined
      }
    })
  )
  for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    while (skipped.length) yield skipped.shift() as InputRecord
    yield { line: row.info.lines, record: row.record }
  }
  while (skipped.length) yield skipped.shift() as InputRecord
}

export function readRecords(source: InputSource): AsyncGenerator<InputRecord> {
  return source.format === 'csv' ? readCsv(source) : readNdjson(source)
}
