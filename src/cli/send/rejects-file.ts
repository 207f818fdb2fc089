import { randomBytes } from 'crypto'
import { createReadStream, type Stats } from 'fs'
import { lstat, realpath, rename, rm, stat, type FileHandle } from 'fs/promises'
import { basename, dirname, extname, join, resolve } from 'path'
import { createInterface } from 'readline'
import { fileSystem, writeAll } from '../../support/write-all'
import { UsageError } from '../errors'

/** `<input>.rejects.jsonl` beside the input, or `msads-rejects.jsonl` in the working directory for stdin. */
export function defaultRejectsPath(input: string, cwd: string = process.cwd()): string {
  if (input === '-') return join(cwd, 'msads-rejects.jsonl')
  const extension = extname(input)
  return join(dirname(input), `${basename(input, extension)}.rejects.jsonl`)
}

async function statOf(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path)
  } catch {
    return undefined
  }
}

async function canonical(path: string): Promise<string> {
  try {
    return await realpath(path)
  } catch {
    return resolve(path)
  }
}

/**
 * Refuses a rejects path that is the input itself (same path, same file through a link, or stdin redirected from
 * it): the run would destroy the events it is reading. A pipe (`cat FILE | msads send -`) cannot be told apart;
 * the rejects file is written beside and renamed at the end, so even then the input is read whole first.
 */
export async function refuseInputAsRejects(input: string, rejectsPath: string, stdinFd?: number): Promise<void> {
  const rejects = await statOf(rejectsPath)
  let same = false
  if (input !== '-') {
    const file = await statOf(input)
    same =
      (await canonical(input)) === (await canonical(rejectsPath)) ||
      Boolean(file && rejects && file.ino === rejects.ino && file.dev === rejects.dev)
  } else if (stdinFd !== undefined && rejects) {
    try {
      const { fstatSync } = await import('fs')
      const info = fstatSync(stdinFd)
      same = info.isFile() && info.ino === rejects.ino && info.dev === rejects.dev
    } catch {
      same = false
    }
  }
  if (same) {
    throw new UsageError(
      `The rejects file ${rejectsPath} is the input itself: writing it would destroy the events being sent. ` +
        'Pass another --rejects FILE.'
    )
  }
}

const FLUSH_BYTES = 256 * 1024

/**
 * The JSONL file of events that were not delivered, one per line with the line number, the outcome and its
 * reason, how the event was routed, and the event itself, so nothing is lost: fix the cause and send the file
 * again. It holds the input's own data, so it is written readable by its owner only (0600), to a temporary file in
 * the same folder that replaces the rejects file at the end, whatever mode an earlier file had. An empty file is
 * removed at the end.
 */
export class RejectsFile {
  /** Where the lines are written while the run goes on. */
  readonly partialPath: string
  private handle?: FileHandle
  private buffer: string[] = []
  private bufferedBytes = 0
  private writing: Promise<void> = Promise.resolve()
  count = 0
  closed = false

  private constructor(readonly path: string) {
    this.partialPath = join(
      dirname(path),
      `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`
    )
  }

  static async create(path: string): Promise<RejectsFile> {
    // The file is replaced at the end, or removed when there are no rejects: never a device, a folder or a pipe.
    const existing = await lstat(path).catch(() => undefined)
    if (existing && !existing.isFile())
      throw new UsageError(`The rejects file ${path} exists and is not a regular file; name a file with --rejects.`)
    const file = new RejectsFile(path)
    file.handle = await fileSystem.open(file.partialPath, 'wx', 0o600)
    return file
  }

  async write(entry: Record<string, unknown>): Promise<void> {
    if (this.closed) return
    const text = `${JSON.stringify(entry)}\n`
    this.count += 1
    this.buffer.push(text)
    this.bufferedBytes += text.length
    if (this.bufferedBytes >= FLUSH_BYTES) await this.flush()
  }

  /** Resolves when every line written so far is in the file (a checkpoint may then count on them). */
  flush(): Promise<void> {
    if (this.buffer.length && this.handle) {
      const text = this.buffer.join('')
      const handle = this.handle
      this.buffer = []
      this.bufferedBytes = 0
      this.writing = this.writing.then(() => writeAll(handle, text, this.partialPath))
    }
    return this.writing
  }

  /** Copies the lines of an earlier run's rejects file whose input line is at most `throughLine` (--resume). */
  async carryOver(previous: string, throughLine: number): Promise<number> {
    let carried = 0
    const lines = createInterface({ input: createReadStream(previous), crlfDelay: Infinity })
    for await (const text of lines) {
      let entry: { line?: unknown }
      try {
        entry = JSON.parse(text)
      } catch {
        continue // the torn last line of a run that was killed: its line is past the checkpoint
      }
      if (typeof entry.line === 'number' && entry.line <= throughLine) {
        await this.write(entry)
        carried += 1
      }
    }
    return carried
  }

  /**
   * Puts the lines in place of the rejects file, or removes both when there are none: a run that failed
   * (`failed`) and wrote none leaves an earlier rejects file as it was.
   */
  async close(options: { failed?: boolean } = {}): Promise<void> {
    if (this.closed) return
    this.closed = true
    let failure: Error | undefined
    try {
      await this.flush()
    } catch (error) {
      failure = error as Error
    }
    await this.handle?.close()
    // A failed write never puts a torn file in place of the rejects file: the partial one stays for --resume.
    if (failure) throw failure
    if (this.count === 0) {
      await rm(this.partialPath, { force: true })
      if (!options.failed) await rm(this.path, { force: true })
    } else {
      await rename(this.partialPath, this.path)
    }
  }
}
