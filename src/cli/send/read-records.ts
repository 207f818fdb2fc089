import { parse } from 'csv-parse'
import { Transform } from 'stream'
import type { InputSource } from './input-source'
import { decodeLine, utf8LineBatches } from './utf8-lines'

/** One line (NDJSON) or row (CSV) of the input: a record to send, or why it cannot be read. */
export type InputRecord =
  | {
      line: number
      record: Record<string, unknown>
      /** Its size in the input, for the bounds on what is held. */ bytes: number
      /** The NDJSON line it was parsed from. */
      text?: string
    }
  | { line: number; error: { reason: string; message: string }; raw?: string; rawBase64?: string }

export interface ReadOptions {
  /** Lines up to this one were accounted for by an earlier run (--resume): not read again as events. */
  skipThroughLine?: number
}

/** Longest raw text kept for a line that could not be read (the rejects file has it in full up to this). */
const MAX_RAW_CHARS = 1_000_000

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value)
}

function invalidEncoding(line: number, what: string): InputRecord & { error: unknown } {
  return {
    line,
    error: {
      reason: 'invalid_encoding',
      message: `${what} is not valid UTF-8 (the file is in another encoding, such as Latin-1): convert it to UTF-8.`
    }
  }
}

/** One NDJSON line as a record or a reasoned error. */
export function parseNdjsonLine(line: number, text: string): InputRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message.replace(/, ".*$/s, '')
    return {
      line,
      error: { reason: 'invalid_json', message: `Line ${line} is not valid JSON (${reason}).` },
      raw: text.slice(0, MAX_RAW_CHARS)
    }
  }
  if (!isObject(value)) {
    return {
      line,
      error: {
        reason: 'not_an_object',
        message: `Line ${line} is JSON but not an object; each line must be one event object.`
      },
      raw: text.slice(0, MAX_RAW_CHARS)
    }
  }
  return { line, record: value, bytes: text.length, text }
}

/**
 * NDJSON: one JSON object per line; blank lines are not events and are passed over. Each line is decoded as UTF-8
 * on its own: a line whose bytes are not UTF-8 is refused (`invalid_encoding`, its bytes kept in base64), never
 * read with replacement characters and hashed. The records of each chunk of the input come together.
 */
export async function* readNdjsonBatches(
  source: InputSource,
  options: ReadOptions = {}
): AsyncGenerator<InputRecord[]> {
  const skipThrough = options.skipThroughLine ?? 0
  for await (const lines of utf8LineBatches(source.stream)) {
    const records: InputRecord[] = []
    for (const { number, text, bytes } of lines) {
      if (number <= skipThrough) continue
      if (text === undefined)
        records.push({ ...invalidEncoding(number, `Line ${number}`), rawBase64: bytes.toString('base64') })
      else if (text.trim()) records.push(parseNdjsonLine(number, text))
    }
    if (records.length) yield records
  }
}

/** Passes the bytes on unchanged, noting which lines are not valid UTF-8. */
function utf8LineWatch(invalid: Set<number>): Transform {
  let pending: Buffer[] = []
  let line = 0
  const check = (bytes: Buffer) => {
    line += 1
    if (decodeLine(bytes, line === 1) === undefined) invalid.add(line)
  }
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      let start = 0
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        pending.push(data.subarray(start, end))
        check(Buffer.concat(pending))
        pending = []
        start = end + 1
      }
      if (start < data.length) pending.push(Buffer.from(data.subarray(start)))
      done(null, data)
    },
    flush(done) {
      if (pending.length) check(Buffer.concat(pending))
      done()
    }
  })
}

/**
 * CSV with a header row; each row is an object keyed by the header. Rows the parser cannot read (an unclosed
 * quote, a wrong number of columns) are reported with their line number and the parser's reason, and rows holding
 * bytes that are not UTF-8 are refused (`invalid_encoding`); the run goes on. A UTF-8 BOM is accepted.
 */
export async function* readCsv(source: InputSource, options: ReadOptions = {}): AsyncGenerator<InputRecord> {
  const skipThrough = options.skipThroughLine ?? 0
  const skipped: InputRecord[] = []
  const invalidLines = new Set<number>()
  const parser = source.stream.pipe(utf8LineWatch(invalidLines)).pipe(
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
          error: {
            reason: 'invalid_csv_row',
            message: `Row at line ${line || '?'} could not be read: ${error?.message ?? 'malformed CSV'}`
          },
          raw: raw?.slice(0, MAX_RAW_CHARS)
        })
        return undefined
      }
    })
  )
  let previousEnd = 1
  const badBytesIn = (end: number): boolean => {
    for (let line = previousEnd + 1; line <= end; line++) if (invalidLines.has(line)) return true
    return false
  }
  const rows = parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number }; raw: string }>
  for await (const row of rows) {
    while (skipped.length) {
      const next = skipped.shift() as InputRecord
      if (next.line > skipThrough) yield next
    }
    const end = row.info.lines
    const bad = badBytesIn(end)
    previousEnd = end
    if (end <= skipThrough) continue
    if (bad) yield { ...invalidEncoding(end, `Row at line ${end}`), raw: row.raw.slice(0, MAX_RAW_CHARS) }
    else yield { line: end, record: row.record, bytes: row.raw.length }
  }
  for (const next of skipped) if (next.line > skipThrough) yield next
}

async function* oneByOne(records: AsyncIterable<InputRecord>): AsyncGenerator<InputRecord[]> {
  for await (const record of records) yield [record]
}

/** The records of the input in the order of its lines, a chunk's worth at a time (a CSV row at a time). */
export function readRecordBatches(source: InputSource, options: ReadOptions = {}): AsyncGenerator<InputRecord[]> {
  return source.format === 'csv' ? oneByOne(readCsv(source, options)) : readNdjsonBatches(source, options)
}

/** The records of the input one at a time. */
export async function* readRecords(source: InputSource, options: ReadOptions = {}): AsyncGenerator<InputRecord> {
  for await (const records of readRecordBatches(source, options)) yield* records
}
