import { open, rename, rm } from 'fs/promises'

/** The part of a file handle a checked write needs (fs/promises' FileHandle has it). */
export interface WritableHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
}

/** What the system's codes for a failed write mean, for the person who must free space or fix a permission. */
const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is larger than the system allows',
  EIO: 'the device reported an input/output error',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'its folder does not exist',
  EISDIR: 'it is a folder',
  EEXIST: 'a file stands where it or its folder should be',
  SQLITE_FULL: 'no space left on the device',
  SQLITE_IOERR: 'the device reported an input/output error',
  SQLITE_READONLY: 'the file is read-only',
  SQLITE_CANTOPEN: 'it cannot be opened'
}

/** The codes that say the disk (not the program) stopped a write: a top-level handler names the file for them. */
export function isWriteFailureCode(code: unknown): code is string {
  return typeof code === 'string' && (code in WRITE_FAILURES || code.startsWith('SQLITE_IOERR'))
}

function meaning(code: string): string {
  return WRITE_FAILURES[code] ?? (code.startsWith('SQLITE_IOERR') ? WRITE_FAILURES.SQLITE_IOERR : 'the write failed')
}

/** A write that failed or stopped short, naming the file: a full disk must never leave a file silently torn. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    readonly written?: number,
    readonly total?: number
  ) {
    const amount = written !== undefined && total !== undefined ? `: ${written} of ${total} bytes written` : ''
    super(`Could not write ${path} (${code}, ${meaning(code)})${amount}.`)
    this.name = 'FileWriteError'
  }
}

/** A failure of a write to `path` as a FileWriteError naming it; a FileWriteError already is one. */
export function fileWriteError(path: string, error: unknown): FileWriteError {
  if (error instanceof FileWriteError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return new FileWriteError(path, typeof code === 'string' ? code : 'EIO')
}

/**
 * Writes every byte of `text`, going on after a short write (the system may take less than asked), and fails with
 * the path when the system takes nothing more or refuses.
 */
export async function writeAll(handle: WritableHandle, text: string, path: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8')
  let written = 0
  while (written < bytes.length) {
    let step: number
    try {
      step = (await handle.write(bytes, written, bytes.length - written)).bytesWritten
    } catch (error) {
      throw new FileWriteError(path, (error as NodeJS.ErrnoException).code ?? 'EIO', written, bytes.length)
    }
    if (step <= 0) throw new FileWriteError(path, 'ENOSPC', written, bytes.length)
    written += step
  }
}

/** Where files are opened: the one seam a test replaces to stand in for a full disk. */
export const fileSystem = { open }

/** A file written piece by piece (an export, a log), each piece checked, its failures naming the file. */
export interface FileWriter {
  readonly path: string
  write(text: string): Promise<void>
  close(): Promise<void>
}

/** Opens `path` for checked writes: `w` (the default) truncates, `a` appends, `wx` refuses an existing file. */
export async function openFileWriter(
  path: string,
  options: { flags?: string; mode?: number } = {}
): Promise<FileWriter> {
  let handle: Awaited<ReturnType<typeof open>>
  try {
    handle = await fileSystem.open(path, options.flags ?? 'w', options.mode ?? 0o644)
  } catch (error) {
    throw fileWriteError(path, error)
  }
  let closed = false
  return {
    path,
    write: (text) => writeAll(handle, text, path),
    close: async () => {
      if (closed) return
      closed = true
      try {
        await handle.close()
      } catch (error) {
        throw fileWriteError(path, error)
      }
    }
  }
}

/** Writes the whole file, every byte checked; a failure names it (`replaceFile` never leaves it torn). */
export async function writeFileChecked(path: string, text: string, mode = 0o644): Promise<void> {
  const file = await openFileWriter(path, { mode })
  try {
    await file.write(text)
  } finally {
    await file.close()
  }
}

/**
 * Replaces `path` with `text` whole or not at all: written to a temporary file beside it, every byte checked, then
 * renamed over it. A failure leaves the previous file as it was, removes the temporary one and names `path`.
 */
export async function replaceFile(path: string, text: string, mode = 0o600): Promise<void> {
  const temporary = `${path}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`
  try {
    await writeFileChecked(temporary, text, mode)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    // Named as the file it replaces: the temporary one is gone, and is not what the person asked for.
    if (error instanceof FileWriteError) throw new FileWriteError(path, error.code, error.written, error.total)
    throw fileWriteError(path, error)
  }
}
