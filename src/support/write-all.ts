/** The part of a file handle a checked write needs (fs/promises' FileHandle has it). */
export interface WritableHandle {
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>
}

/** A write that failed or stopped short, naming the file: a full disk must never leave a file silently torn. */
export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly code: string,
    written: number,
    total: number
  ) {
    super(`Could not write ${path} (${code}): ${written} of ${total} bytes written.`)
    this.name = 'FileWriteError'
  }
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
