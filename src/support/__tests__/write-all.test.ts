import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { FileWriteError, fileSystem, replaceFile, writeAll, writeFileChecked, type WritableHandle } from '../write-all'

/** A file that takes at most `chunk` bytes a call, and nothing once `capacity` bytes are in. */
function smallDisk(capacity: number, chunk: number): WritableHandle & { content: () => string } {
  const parts: Buffer[] = []
  let used = 0
  return {
    async write(buffer, offset, length) {
      const bytesWritten = Math.max(0, Math.min(length, chunk, capacity - used))
      parts.push(Buffer.from(buffer.subarray(offset, offset + bytesWritten)))
      used += bytesWritten
      return { bytesWritten }
    },
    content: () => Buffer.concat(parts).toString('utf8')
  }
}

describe('writeAll', () => {
  it('goes on after short writes until every byte is in, multi-byte characters included', async () => {
    const disk = smallDisk(1_000, 3)
    const text = '{"event":"Order Completed","city":"Zürich"}\n'.repeat(5)
    await writeAll(disk, text, '/data/rejects.jsonl')
    expect(disk.content()).toBe(text)
  })

  it('fails naming the file and how much got in when the disk takes nothing more', async () => {
    const disk = smallDisk(10, 4)
    const failure = writeAll(disk, 'x'.repeat(25), '/data/rejects.jsonl')
    await expect(failure).rejects.toThrow(FileWriteError)
    await expect(failure).rejects.toThrow(
      'Could not write /data/rejects.jsonl (ENOSPC, no space left on the device): 10 of 25 bytes written.'
    )
  })

  it('names the file when the system refuses the write', async () => {
    const refusing: WritableHandle = {
      write: () =>
        Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))
    }
    await expect(writeAll(refusing, 'line\n', '/data/out.csv')).rejects.toMatchObject({
      path: '/data/out.csv',
      code: 'ENOSPC'
    })
  })
})

describe('files written whole or not at all', () => {
  const directory = mkdtempSync(join(tmpdir(), 'write-all-'))
  afterEach(() => jest.restoreAllMocks())
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('fails with ENOSPC naming the file on a device that is full (/dev/full)', async () => {
    const failure = writeFileChecked('/dev/full', 'x'.repeat(10_000))
    await expect(failure).rejects.toBeInstanceOf(FileWriteError)
    await expect(failure).rejects.toMatchObject({ path: '/dev/full', code: 'ENOSPC' })
    await expect(failure).rejects.toThrow('Could not write /dev/full (ENOSPC, no space left on the device): 0 of 10000')
  })

  it('replaceFile keeps the previous file and leaves no temporary file when a write stops short', async () => {
    const path = join(directory, 'checkpoint.json')
    await replaceFile(path, '{"line":1}\n')
    const open = fileSystem.open
    jest.spyOn(fileSystem, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args)
      return new Proxy(handle, {
        get: (target, key) =>
          key === 'write'
            ? (buffer: Uint8Array, offset: number) => handle.write(buffer, offset, 0)
            : Reflect.get(target, key, target)
      })
    })
    await expect(replaceFile(path, '{"line":2}\n')).rejects.toThrow(`Could not write ${path} (ENOSPC`)
    expect(readFileSync(path, 'utf8')).toBe('{"line":1}\n')
    expect(readdirSync(directory)).toEqual(['checkpoint.json'])
  })

  it('names the file when the folder cannot hold it', async () => {
    const blocker = join(directory, 'a-file')
    await replaceFile(blocker, '')
    await expect(replaceFile(join(blocker, 'tokens.json'), '{}')).rejects.toMatchObject({
      path: join(blocker, 'tokens.json'),
      code: 'ENOTDIR'
    })
  })
})
