/** The UTF-8 byte order mark Microsoft requires at the start of a Bulk CSV file. */
export const BOM = '\uFEFF'

/** One record that holds a quote, read cell by cell from `start`: its cells and where the next record starts. */
function quotedRecord(text: string, start: number): { cells: string[]; next: number } {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  let index = start
  for (; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char !== '"') cell += char
      else if (text[index + 1] === '"') {
        cell += '"'
        index++
      } else quoted = false
    } else if (char === '"') quoted = true
    else if (char === ',') {
      cells.push(cell)
      cell = ''
    } else if (char === '\n' || char === '\r') {
      const next = char === '\r' && text[index + 1] === '\n' ? index + 2 : index + 1
      cells.push(cell)
      return { cells, next }
    } else cell += char
  }
  cells.push(cell)
  return { cells, next: index }
}

/**
 * Splits RFC 4180 CSV text into rows of cells: quoted cells may hold commas, quotes (doubled) and line breaks;
 * rows end in CRLF or LF; empty lines are skipped. A leading byte order mark is not part of the first cell.
 * A line without a quote is split directly, which is nearly every line of a Bulk file.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let index = text.startsWith(BOM) ? 1 : 0
  while (index < text.length) {
    let end = text.indexOf('\n', index)
    if (end < 0) end = text.length
    const line = text.slice(index, end > index && text[end - 1] === '\r' ? end - 1 : end)
    if (line.includes('"')) {
      const record = quotedRecord(text, index)
      rows.push(record.cells)
      index = record.next
      continue
    }
    if (line !== '') rows.push(line.split(','))
    index = end + 1
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
