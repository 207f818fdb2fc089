import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { fileSystem } from '../../support/write-all'
import { bulkPreamble } from '../export/bulk-csv'
import { ForwardLog } from '../forward-log/forward-log'
import { runCli } from '../program'
import { demoEnv, memoryIo, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from './helpers'

/**
 * A disk with `capacity` bytes left for the files whose name matches `which`: each write takes at most 100 bytes
 * (a short write), and once it is full a write takes nothing, as a full disk does.
 */
function nearlyFullDisk(which: RegExp, capacity: number): jest.SpyInstance {
  const open = fileSystem.open
  let left = capacity
  return jest.spyOn(fileSystem, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
    const handle = await open(...args)
    if (!which.test(String(args[0]))) return handle
    const write = (buffer: Uint8Array, offset: number, length: number) => {
      const take = Math.max(0, Math.min(length, 100, left))
      left -= take
      return handle.write(buffer, offset, take)
    }
    return new Proxy(handle, {
      get: (target, key) => (key === 'write' ? write : Reflect.get(target, key, target))
    })
  })
}

describe('a nearly full disk', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(() => emulator)
  afterEach(() => jest.restoreAllMocks())
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('send: a short write of the rejects file names it, --json still prints its line, the exit is not 0, no torn file', async () => {
    const now = Date.now()
    const lines = Array.from({ length: 500 }, (_, index) =>
      // Every event is older than Microsoft's 90 days: all 500 go to the rejects file, about 400 bytes each.
      JSON.stringify(orderCompleted(index, now, { timestamp: new Date(now - 100 * 86_400_000).toISOString() }))
    )
    const input = join(directory.path, 'old.ndjson')
    writeFileSync(input, `${lines.join('\n')}\n`)
    const rejects = join(directory.path, 'old.rejects.jsonl')
    const env = demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, 'tokens.json') })
    nearlyFullDisk(/rejects/, 50_000)

    const io = memoryIo(env)
    const code = await runCli(['send', input, '--rejects', rejects, '--json', '--no-progress'], io)
    expect(code).not.toBe(0)
    expect(io.err()).toMatch(/Could not write \S*old\.rejects\.jsonl\S* \(ENOSPC, no space left on the device\)/)
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as Record<string, unknown>
    expect(summary).toMatchObject({ input, complete: false, stopReason: 'write_failed' })
    expect(summary.error).toMatch(/old\.rejects\.jsonl.*ENOSPC/)
    // The full summary: every line read has its outcome, the ones never sent as retry (not_settled).
    const outcomes = summary.outcomes as Record<string, Record<string, number>>
    const unsettled = summary.unsettled as number
    expect(unsettled).toBeGreaterThan(0)
    expect(outcomes).toEqual({ rejected: { invalid_input: 500 - unsettled }, retry: { not_settled: unsettled } })
    expect(summary).toMatchObject({
      format: 'ndjson',
      total: 500,
      notDelivered: 500,
      totals: { delivered: 0, skipped: 0, rejected: 500 - unsettled, retry: unsettled, auth: 0 },
      stoppedAtLine: 500
    })
    // Neither a rejects file nor a checkpoint is named: the disk kept both from being written.
    expect(summary).not.toHaveProperty('rejectsFile')
    expect(summary).not.toHaveProperty('checkpointFile')
    // Never a torn file in place of the rejects file: it is there whole, or not at all.
    if (existsSync(rejects)) {
      const text = readFileSync(rejects, 'utf8')
      expect(text.endsWith('\n')).toBe(true)
      expect(text.trim().split('\n')).toHaveLength(500)
    }
  })

  it('export-csv: a short write of the Bulk file names it, the summary is still printed, the exit is not 0', async () => {
    const lines = Array.from({ length: 200 }, (_, index) => JSON.stringify(orderCompleted(index)))
    const input = join(directory.path, 'export.ndjson')
    writeFileSync(input, `${lines.join('\n')}\n`)
    const output = join(directory.path, 'export.bulk.csv')
    // Room for the preamble and a few rows: the disk fills up in the middle of the file.
    nearlyFullDisk(/export\.bulk\.csv/, bulkPreamble().length + 500)

    const io = memoryIo(demoEnv(directory.path))
    const code = await runCli(
      ['export-csv', input, '--output', output, '--rejects', join(directory.path, 'export.rejects.jsonl')],
      io
    )
    expect(code).toBe(1)
    expect(io.err()).toContain(`msads export-csv: Could not write ${output} (ENOSPC, no space left on the device)`)
    // The outcome table of every line read, and no stack trace of an unhandled error.
    expect(io.err()).toMatch(/total\s+200/)
    expect(io.err()).not.toMatch(/^\s+at /m)
  })

  it('export-csv: a Bulk file that cannot be opened names it', async () => {
    const input = join(directory.path, 'one-export.ndjson')
    writeFileSync(input, `${JSON.stringify(orderCompleted(1))}\n`)
    const output = join(directory.path, 'no-such-folder', 'export.bulk.csv')
    const io = memoryIo(demoEnv(directory.path))
    expect(await runCli(['export-csv', input, '--output', output], io)).toBe(1)
    expect(io.err()).toContain(`msads export-csv: Could not write ${output} (ENOENT, its folder does not exist)`)
  })

  it('send refuses a rejects path that is not a regular file, rather than replace or remove it', async () => {
    const input = join(directory.path, 'one.ndjson')
    writeFileSync(input, `${JSON.stringify(orderCompleted(1))}\n`)
    const folder = join(directory.path, 'a-folder')
    mkdirSync(folder)
    const io = memoryIo(demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, 'tokens.json') }))
    expect(await runCli(['send', input, '--rejects', folder, '--no-progress'], io)).toBe(2)
    expect(io.err()).toContain(`The rejects file ${folder} exists and is not a regular file`)
    expect(statSync(folder).isDirectory()).toBe(true)
  })

  it('the forward log names its file when it cannot be written', () => {
    const blocker = join(directory.path, 'not-a-folder')
    writeFileSync(blocker, '')
    const path = join(blocker, 'forward-log.sqlite')
    expect(() => ForwardLog.open(path)).toThrow(
      `Could not write ${path} (EEXIST, a file stands where it or its folder should be)`
    )
  })
})
