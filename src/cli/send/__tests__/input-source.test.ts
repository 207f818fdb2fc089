import { Readable } from 'stream'
import { openInput } from '../input-source'
import { readRecords } from '../read-records'

describe('reading the input', () => {
  it('loses nothing of an input that is readable before the reader starts (stdin in process, a pipe already full)', async () => {
    const input = await openInput('-', 'ndjson', Readable.from(['{"n":1}\n{"n":2}\n', '{"n":3}\n']))
    // What the sender does between opening the input and reading it (settings, a dry-run sink, an emulator).
    await new Promise((resolve) => setTimeout(resolve, 20))
    const lines: unknown[] = []
    const reading = (async () => {
      for await (const record of readRecords(input)) lines.push(record)
    })()
    let timer: NodeJS.Timeout | undefined
    const stuck = new Promise(
      (_, reject) => (timer = setTimeout(() => reject(new Error('the reader never saw the end of the input')), 2000))
    )
    await Promise.race([reading, stuck]).finally(() => clearTimeout(timer))
    expect(lines).toEqual([1, 2, 3].map((n) => ({ line: n, record: { n }, bytes: 7, text: `{"n":${n}}` })))
    expect(input.bytesRead()).toBe(24)
  })
})
