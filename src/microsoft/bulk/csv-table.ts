/** The UTF-8 byte order mark Microsoft requires at the start of a Bulk CSV file. */
export const BOM = '\uFEFF'

/**
 * Splits RFC 4180 CSV text into rows of cells: quoted cells may hold commas, quotes (doubled) and line breaks;
 * rows end in CRLF or LF. A leading byte order mark is not part of the first cell.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let index = text.startsWith(BOM) ? 1 : 0
  let rowStarted = false
  for (; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"'
          index++
        } else quoted = false
      } else cell += char
      continue
    }
    if (char === '"') {
      quoted = true
      rowStarted = true
    } else if (char === ',') {
      row.push(cell)
      cell = ''
      rowStarted = true
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++
      if (rowStarted || cell !== '') {
        row.push(cell)
        rows.push(row)
      }
      row = []
      cell = ''
      rowStarted = false
    } else {
      cell += char
      rowStarted = true
    }
  }
  if (rowStarted || cell !== '') {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** Rows as records keyed by the header row's names; missing cells are empty strings. */
export function csvRecords(rows: readonly string[][]): { header: string[]; records: Array<Record<string, string>> } {
  const [header = [], ...body] = rows
  const records = body.map((cells) => Object.fromEntries(header.map((name, index) => [name, cells[index] ?? ''])))
  return { header, records }
}

/** One RFC 4180 cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
