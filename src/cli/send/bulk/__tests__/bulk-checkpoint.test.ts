import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { BulkCheckpoint } from '../bulk-checkpoint'
import { chooseVia, parseVia } from '../choose-via'

describe('BulkCheckpoint', () => {
  const directory = mkdtempSync(join(tmpdir(), 'msads-bulk-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('keeps pending uploads across instances, readable by its owner only, and removes the file when none is left', async () => {
    const path = join(directory, 'a.json')
    const first = new BulkCheckpoint(path)
    await Promise.all([first.uploaded('hash-1', 'request-1'), first.uploaded('hash-2', 'request-2')])
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 1,
      uploads: { 'hash-1': 'request-1', 'hash-2': 'request-2' }
    })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(directory)).toEqual(['a.json'])
    const second = new BulkCheckpoint(path)
    expect(second.pending('hash-1')).toBe('request-1')
    await second.finished('hash-1')
    await second.finished('hash-2')
    expect(existsSync(path)).toBe(false)
  })

  it('treats an unreadable checkpoint as empty', () => {
    const path = join(directory, 'b.json')
    writeFileSync(path, '{not json')
    expect(new BulkCheckpoint(path).pendingCount).toBe(0)
  })
})

describe('--via', () => {
  const directory = mkdtempSync(join(tmpdir(), 'msads-via-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('refuses a value other than apply, bulk or auto', () => {
    expect(() => parseVia('fast')).toThrow(/--via must be apply, bulk or auto/)
    expect(parseVia(undefined)).toBe('apply')
  })

  it('auto picks Bulk only for a CSV file of more than 10,000 rows', async () => {
    const rows = (count: number) => `h\n${'x\n'.repeat(count)}`
    writeFileSync(join(directory, 'at.csv'), rows(10_000))
    writeFileSync(join(directory, 'over.csv'), rows(10_001))
    writeFileSync(join(directory, 'over.ndjson'), rows(10_001))
    expect(await chooseVia('auto', join(directory, 'at.csv'))).toBe('apply')
    expect(await chooseVia('auto', join(directory, 'over.csv'))).toBe('bulk')
    expect(await chooseVia('auto', join(directory, 'over.ndjson'))).toBe('apply')
    expect(await chooseVia('auto', '-')).toBe('apply')
    expect(await chooseVia('bulk', join(directory, 'at.csv'))).toBe('bulk')
  })
})
