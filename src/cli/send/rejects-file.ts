import { createWriteStream, type WriteStream } from 'fs'
import { rm } from 'fs/promises'
import { basename, dirname, extname, join } from 'path'

/** `<input>.rejects.jsonl` beside the input, or `msads-rejects.jsonl` in the working directory for stdin. */
export function defaultRejectsPath(input: string, cwd: string = process.cwd()): string {
  if (input === '-') return join(cwd, 'msads-rejects.jsonl')
  const extension = extname(input)
  return join(dirname(input), `${basename(input, extension)}.rejects.jsonl`)
}

/**
 * The JSONL file of events that were not delivered, one per line with the line number, the outcome and its
 * reason, and the event itself, so nothing is lost: fix the cause and send the file again. It holds the input's
 * own data (as the input does), so it is created readable by its owner only. Writes wait for the disk
 * (backpressure); an empty file is removed at the end.
 */
export class RejectsFile {
  private readonly stream: WriteStream
  count = 0
  closed = false

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { flags: 'w', mode: 0o600 })
  }

  async write(entry: Record<string, unknown>): Promise<void> {
    this.count += 1
    if (!this.stream.write(`${JSON.stringify(entry)}\n`)) await new Promise<void>((resolve) => this.stream.once('drain', resolve))
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
    if (this.count === 0) await rm(this.path, { force: true })
  }
}
