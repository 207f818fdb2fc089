import fc from 'fast-check'
import { Readable } from 'stream'
import { canonicalRow, CSV_COLUMNS, mapCsvHeader } from '../../src/cli/send/csv-columns'
import { CSV_FIELD_NAMES, csvConversion } from '../../src/cli/send/csv-conversions'
import type { InputFormat, InputSource } from '../../src/cli/send/input-source'
import { readRecords, type InputRecord } from '../../src/cli/send/read-records'
import { prepareAdjustments, prepareOfflineConversions } from '../../src'
import { clickId, currency, email, fuzzParameters, money, phone, timeAround } from './fuzz-support'

/**
 * The readers of `msads send` under random input: NDJSON with garbage, non-objects, blank and CRLF lines, split into
 * random chunks; CSV with known and unknown columns, quoted cells, cells full of commas, quotes and newlines, and
 * broken rows. Then the CSV rows through the same steps the command takes (columns, row to input, the core).
 * Properties: nothing throws; every line is accounted for; an unreadable line names its line and why; a refused
 * row names its column.
 */

function source(text: string, format: InputFormat, cuts: number[]): InputSource {
  const chunks: string[] = []
  let at = 0
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const end = Math.min(text.length, cut)
    if (end > at) chunks.push(text.slice(at, end))
    at = Math.max(at, end)
  }
  chunks.push(text.slice(at))
  return { name: '-', stream: Readable.from(chunks.map((chunk) => Buffer.from(chunk))), format, bytesRead: () => 0 }
}

async function readAll(input: InputSource): Promise<InputRecord[]> {
  const records: InputRecord[] = []
  for await (const record of readRecords(input)) records.push(record)
  return records
}

const NOW = Date.now()

const jsonLine = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        type: fc.constantFrom('track', 'page', 'record'),
        event: fc.string({ maxLength: 10 }),
        properties: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }))
      })
      .map((v) => JSON.stringify(v))
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }).filter((s) => !/[\r\n]/.test(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '   ',
      '{',
      '{"a":',
      '[1,2',
      'null',
      '"text"',
      '{"type":"track"} trailing',
      '\u00ef\u00bb\u00bf{}'
    )
  }
)

describe('msads send readers under random input', () => {
  it('NDJSON: one record or one reasoned error per non-blank line, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonLine, { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 2000 }), { maxLength: 8 }),
        async (lines, crlf, cuts) => {
          const text = lines.join(crlf ? '\r\n' : '\n')
          const records = await readAll(source(text, 'ndjson', cuts))
          const expected = lines.flatMap((line, index) => (line.trim() ? [{ line: index + 1, text: line }] : []))
          expect(records.map((r) => r.line)).toEqual(expected.map((e) => e.line))
          records.forEach((record, i) => {
            if ('error' in record) {
              expect(['invalid_json', 'not_an_object']).toContain(record.error.reason)
              expect(record.error.message).toContain(`Line ${record.line}`)
            } else {
              expect(record.record).toEqual(JSON.parse(expected[i].text))
            }
          })
        }
      ),
      fuzzParameters()
    )
  })

  const columnNames = fc.uniqueArray(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CSV_COLUMNS.flatMap((c) => c.names)) },
      { weight: 1, arbitrary: fc.constantFrom('notes', 'Status', 'extra column') }
    ),
    {
      minLength: 1,
      maxLength: 9,
      selector: (name) => name.toLowerCase().replace(/[\s_]+/g, '')
    }
  )

  const cellFor = (name: string): fc.Arbitrary<string> => {
    const key = name.toLowerCase().replace(/[\s_]+/g, '')
    const plausible: Record<string, fc.Arbitrary<unknown>> = {
      conversionname: fc.constantFrom('Purchase', 'Lead', '', 'A "quoted", name'),
      conversiontime: timeAround(NOW),
      adjustedconversiontime: timeAround(NOW),
      adjustmenttime: timeAround(NOW),
      microsoftclickid: clickId,
      msclkid: clickId,
      email,
      hashedemailaddress: email,
      phone,
      hashedphonenumber: phone,
      conversionvalue: money,
      adjustmentvalue: money,
      conversioncurrencycode: currency,
      currency,
      action: fc.constantFrom('insert', 'update', 'delete', 'Restate', 'upsert', ''),
      adjustmenttype: fc.constantFrom('Restate', 'Retract', 'Cancel'),
      type: fc.constantFrom('Offline Conversion', 'Format Version', '')
    }
    return fc.oneof(
      { weight: 3, arbitrary: (plausible[key] ?? fc.string({ maxLength: 8 })).map(String) },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }
    )
  }
  const quote = (cell: string) =>
    /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replace(/"/g, '""')}"` : cell

  const csv = columnNames.chain((names) =>
    fc.record({
      names: fc.constant(names),
      rows: fc.array(fc.tuple(...names.map(cellFor)), { maxLength: 12 }),
      broken: fc.array(
        fc.constantFrom('"unclosed, quote', 'too,many,cells,here,and,more,than,the,header,has,at,all', 'a"b,c'),
        { maxLength: 2 }
      )
    })
  )

  it('CSV: never throws; rows become inputs whose refusals name their column, unreadable rows name their line', async () => {
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.boolean(),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 6 }),
        async ({ names, rows, broken }, bom, cuts) => {
          const lines = [names.map(quote).join(','), ...rows.map((row) => row.map(quote).join(',')), ...broken]
          const records = await readAll(source(`${bom ? '\ufeff' : ''}${lines.join('\n')}\n`, 'csv', cuts))
          // A row that is an empty line (one empty cell) is no row, as a blank NDJSON line is no event.
          const dataRows = rows.filter((row) => row.map(quote).join(',') !== '')
          if (!broken.length) expect(records.filter((r) => !('error' in r))).toHaveLength(dataRows.length)
          const header = mapCsvHeader(names)
          const columns = [...new Set([...Object.values(CSV_FIELD_NAMES), 'action'])] as string[]
          for (const record of records) {
            if ('error' in record) {
              expect(record.error.reason).toBe('invalid_csv_row')
              expect(record.error.message).toMatch(/^Row at line (\d+|\?) could not be read/)
              continue
            }
            const conversion = csvConversion(canonicalRow(record.record, header))
            const outcomes =
              conversion.kind === 'none'
                ? [conversion.outcome]
                : conversion.kind === 'offline'
                  ? prepareOfflineConversions([conversion.input], {
                      fieldNames: CSV_FIELD_NAMES,
                      defaultPhoneCountry: 'US'
                    }).slots.flatMap((s) => ('outcome' in s ? [s.outcome] : []))
                  : prepareAdjustments([conversion.input], {
                      fieldNames: CSV_FIELD_NAMES,
                      defaultPhoneCountry: 'US'
                    }).slots.flatMap((s) => ('outcome' in s ? [s.outcome] : []))
            for (const outcome of outcomes) {
              if (outcome.outcome !== 'rejected') continue
              expect(columns).toContain(outcome.field)
              expect(outcome.message.startsWith(String(outcome.field))).toBe(true)
            }
          }
        }
      ),
      fuzzParameters()
    )
  })
})
