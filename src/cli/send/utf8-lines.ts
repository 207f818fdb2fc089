/** Physical lines of a byte stream, each checked for UTF-8 on its own, so one bad byte costs only its line. */
export interface ByteLine {
  /** 1-based line number (lines end with \n; a \r before it is dropped). */
  number: number
  /** The line decoded, or undefined when its bytes are not UTF-8. */
  text?: string
  /** The line's bytes when they are not UTF-8 (empty otherwise). */
  bytes: Buffer
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const BOM = '\ufeff'

/** Decodes one line strictly: undefined when the bytes are not valid UTF-8. A BOM on the first line is dropped. */
export function decodeLine(bytes: Buffer, first: boolean): string | undefined {
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    return undefined
  }
  return first && text.startsWith(BOM) ? text.slice(1) : text
}

function lineOf(bytes: Buffer, number: number): ByteLine {
  const end = bytes.length && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length
  const line = bytes.subarray(0, end)
  return { number, text: decodeLine(line, number === 1), bytes: line }
}

/**
 * Splits a stream of chunks into lines at \n, whatever the chunk boundaries (a character may straddle two), and
 * gives the whole lines of each chunk together (one step of the iteration per chunk, not per line). Each chunk's
 * whole lines are decoded at once; only a chunk that holds bad bytes is decoded line by line.
 */
export async function* utf8LineBatches(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<ByteLine[]> {
  let rest: Buffer = Buffer.alloc(0)
  let number = 0
  for await (const chunk of chunks) {
    let data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    if (rest.length) data = Buffer.concat([rest, data])
    const last = data.lastIndexOf(0x0a)
    if (last === -1) {
      rest = data
      continue
    }
    const whole = data.subarray(0, last)
    const text = decodeLine(whole, number === 0)
    const lines: ByteLine[] = []
    if (text !== undefined) {
      let start = 0
      for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
        const line = text.slice(start, end === -1 ? undefined : end)
        number += 1
        lines.push({ number, text: line.endsWith('\r') ? line.slice(0, -1) : line, bytes: EMPTY })
        if (end === -1) break
        start = end + 1
      }
    } else {
      let start = 0
      for (let end = whole.indexOf(0x0a); ; end = whole.indexOf(0x0a, start)) {
        lines.push(lineOf(whole.subarray(start, end === -1 ? undefined : end), ++number))
        if (end === -1) break
        start = end + 1
      }
    }
    yield lines
    rest = Buffer.from(data.subarray(last + 1))
  }
  if (rest.length) yield [lineOf(rest, ++number)]
}

const EMPTY = Buffer.alloc(0)
