import { createReadStream } from 'fs'
import { stat } from 'fs/promises'
import { extname } from 'path'
import { Transform, type Readable } from 'stream'
import { UsageError } from '../errors'

export type InputFormat = 'ndjson' | 'csv'

export interface InputSource {
  /** `-` for stdin. */
  name: string
  stream: Readable
  format: InputFormat
  /** Bytes, when known (a regular file), for the progress bar. */
  size?: number
  /** Bytes read so far. */
  bytesRead(): number
}

const EXTENSIONS: Record<string, InputFormat> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'ndjson',
  '.csv': 'csv'
}

export function formatOf(file: string, requested?: string): InputFormat {
  if (requested) {
    const format = requested.toLowerCase()
    if (format === 'ndjson' || format === 'jsonl') return 'ndjson'
    if (format === 'csv') return 'csv'
    throw new UsageError(`--format must be ndjson or csv, not "${requested}".`)
  }
  if (file === '-') return 'ndjson'
  const format = EXTENSIONS[extname(file.replace(/\.gz$/, '')).toLowerCase()]
  if (!format)
    throw new UsageError(`Cannot tell the format of ${file} from its extension; pass --format ndjson or --format csv.`)
  return format
}

/** Opens the input file (or stdin for `-`), counting the bytes read for progress. */
export async function openInput(file: string, format: InputFormat, stdin: Readable): Promise<InputSource> {
  let stream: Readable
  let size: number | undefined
  if (file === '-') {
    stream = stdin
  } else {
    try {
      const info = await stat(file)
      if (!info.isFile()) throw new UsageError(`${file} is not a file.`)
      size = info.size
    } catch (error) {
      if (error instanceof UsageError) throw error
      throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`)
    }
    stream = createReadStream(file, { highWaterMark: 256 * 1024 })
  }
  // Bytes are counted on the way through a pass-through stream. A 'data' listener on the input itself would set it
  // flowing at once, and whatever it emitted before the reader was attached (an input already readable) was lost.
  let bytes = 0
  const counted = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length
      done(null, chunk)
    }
  })
  stream.on('error', (error) => counted.destroy(error))
  // Closing the input (a file) when the reader is done with it; stdin is the process's own.
  if (file !== '-') counted.on('close', () => stream.destroy())
  return { name: file, stream: stream.pipe(counted), format, size, bytesRead: () => bytes }
}
