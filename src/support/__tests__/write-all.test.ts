import { FileWriteError, writeAll, type WritableHandle } from '../write-all'

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
    await expect(failure).rejects.toThrow('Could not write /data/rejects.jsonl (ENOSPC): 10 of 25 bytes written.')
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
