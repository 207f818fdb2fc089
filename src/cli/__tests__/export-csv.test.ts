import { readFileSync } from 'fs'
import { join } from 'path'
import { runExport } from '../export/export-run'
import { bulkTime } from '../export/bulk-csv'
import { runCli } from '../program'
import { memoryIo, temporaryDirectory } from './helpers'

const FIXTURES = join(__dirname, 'fixtures')
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)

/** Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change; review the diff. */
function expectGolden(actual: string, file: string): void {
  const path = join(FIXTURES, file)
  if (process.env.UPDATE_GOLDEN) require('fs').writeFileSync(path, actual)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('msads export-csv', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it.each([
    [
      'export-input.csv',
      'export-input.csv.golden.csv',
      { exported: { written: 5 }, skipped: { duplicate_in_batch: 1 }, rejected: { invalid_input: 2 } }
    ],
    [
      'export-input.ndjson',
      'export-input.ndjson.golden.csv',
      {
        exported: { written: 2 },
        skipped: { not_exportable: 1, event_not_mapped: 1, ad_storage_consent_denied: 1 },
        rejected: { invalid_json: 1 }
      }
    ]
  ])('writes the Bulk file of %s as the golden file', async (input, golden, outcomes) => {
    const io = memoryIo({})
    const summary = await runExport(
      { file: join(FIXTURES, input), rejectsPath: join(directory.path, `${input}.rejects.jsonl`), now: () => NOW },
      io
    )
    expectGolden(io.out(), golden)
    expect(summary.outcomes).toEqual(outcomes)
    expect(
      Object.values(summary.outcomes)
        .flatMap((reasons) => Object.values(reasons))
        .reduce((a, b) => a + b, 0)
    ).toBe(summary.total)
  })

  it('opens with the header and Format Version 6.0 rows, and writes times as MM/dd/yyyy HH:mm:ss UTC', async () => {
    const output = join(directory.path, 'bulk.csv')
    const io = memoryIo({})
    // The command uses the real clock; the fixture's times are in November 2026, so this run checks only the shape.
    await runCli(
      [
        'export-csv',
        join(FIXTURES, 'export-input.csv'),
        '--output',
        output,
        '--rejects',
        join(directory.path, 'r.jsonl')
      ],
      io
    )
    const [header, version] = readFileSync(output, 'utf8').split('\r\n')
    expect(header.split(',').slice(0, 12)).toEqual([
      'Type',
      'Status',
      'Id',
      'Parent Id',
      'Client Id',
      'Modified Time',
      'Name',
      'Conversion Currency Code',
      'Conversion Name',
      'Conversion Time',
      'Conversion Value',
      'Microsoft Click Id'
    ])
    expect(version.split(',')[0]).toBe('Format Version')
    expect(version.split(',')[6]).toBe('6.0')
    expect(bulkTime('2026-01-05T03:04:05.000Z')).toBe('01/05/2026 03:04:05')
    expect(io.err()).toMatch(/Bulk records written to/)
  })
})
