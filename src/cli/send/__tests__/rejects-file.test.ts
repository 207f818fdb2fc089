import { existsSync, readFileSync } from 'fs'
import { join } from 'path'
import type { WritableHandle } from '../../../support/write-all'
import { temporaryDirectory } from '../../__tests__/helpers'
import { RejectsFile } from '../rejects-file'

describe('the rejects file on a disk that fills up', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('fails naming the file instead of keeping a torn one', async () => {
    const path = join(directory.path, 'events.rejects.jsonl')
    const file = await RejectsFile.create(path)
    // The real handle stays open underneath; the writes go to a disk with room for 300 bytes, 64 at a time.
    const real = (file as unknown as { handle: WritableHandle & { close(): Promise<void> } }).handle
    let room = 300
    ;(file as unknown as { handle: unknown }).handle = {
      write: async (buffer: Uint8Array, offset: number, length: number) => {
        const take = Math.max(0, Math.min(length, 64, room))
        room -= take
        return real.write(buffer, offset, take)
      },
      close: () => real.close()
    }
    for (let line = 1; line <= 20; line += 1) await file.write({ line, outcome: 'rejected', reason: 'x' })
    await expect(file.flush()).rejects.toThrow(
      `Could not write ${file.partialPath} (ENOSPC, no space left on the device): 300 of`
    )
    await expect(file.close()).rejects.toThrow(file.partialPath)
    expect(existsSync(path)).toBe(false)
    expect(readFileSync(file.partialPath).length).toBe(300)
  })
})
