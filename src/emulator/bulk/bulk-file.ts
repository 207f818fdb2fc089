import { BOM, parseCsv } from '../../microsoft/bulk/csv-table'

/** What a file is, once read: its columns and records, or the final status Microsoft gives a bad file. */
export type ReadFile =
  | { ok: true; header: string[]; records: Array<{ row: number; cells: Record<string, string> }> }
  | { ok: false; status: 'Failed' | 'UploadFileRowCountExceeded' | 'UploadFileFormatNotSupported'; reason: string }

export const SUPPORTED_FORMAT_VERSION = '6.0'

/**
 * Reads an uploaded Bulk CSV as Microsoft describes it (https://learn.microsoft.com/advertising/guides/bulk-download-upload,
 * https://learn.microsoft.com/advertising/bulk-service/bulk-file-schema): UTF-8 with a byte order mark, a header row with a Type column, a Format
 * Version record naming 6.0, and no more records than the row limit.
 */
export function readBulkFile(text: string, rowLimit: number): ReadFile {
  if (!text.startsWith(BOM))
    return { ok: false, status: 'Failed', reason: 'A UTF-8 Bulk file must start with a byte order mark.' }
  const rows = parseCsv(text)
  const header = rows[0] ?? []
  if (!header.includes('Type')) return { ok: false, status: 'Failed', reason: 'The header row has no Type column.' }
  if (rows.length - 1 > rowLimit) {
    return {
      ok: false,
      status: 'UploadFileRowCountExceeded',
      reason: `The file has ${rows.length - 1} rows; the limit is ${rowLimit}.`
    }
  }
  const typeAt = header.indexOf('Type')
  const nameAt = header.indexOf('Name')
  const version = rows.slice(1).find((cells) => cells[typeAt] === 'Format Version')
  if (!version || nameAt < 0 || version[nameAt] !== SUPPORTED_FORMAT_VERSION) {
    return {
      ok: false,
      status: 'UploadFileFormatNotSupported',
      reason: `The Format Version record must name ${SUPPORTED_FORMAT_VERSION}.`
    }
  }
  const records = rows.slice(1).flatMap((cells, index) => {
    if (cells[typeAt] === 'Format Version') return []
    return [{ row: index + 2, cells: Object.fromEntries(header.map((name, at) => [name, cells[at] ?? ''])) }]
  })
  return { ok: true, header, records }
}

const BULK_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?: ?([AP]M))?$/i

/**
 * A Bulk time (UTC) to ISO-8601: `MM/dd/yyyy HH:mm:ss`, or the 12-hour form of Microsoft's own example
 * `4/1/2020 6:50:54 PM` (https://learn.microsoft.com/advertising/bulk-service/offline-conversion). Other text, or a 12-hour time with an hour outside
 * 1-12, is passed on unchanged, for the time rules to refuse (5607).
 */
export function isoFromBulkTime(text: string): string | null {
  if (text === '') return null
  const match = BULK_TIME.exec(text)
  if (!match) return text
  const [, month, day, year, hourText, minute, second, meridiem] = match
  let hour = Number(hourText)
  if (meridiem) {
    if (hour < 1 || hour > 12) return text
    hour = (hour % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0)
  }
  const pad = (value: string | number) => String(value).padStart(2, '0')
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${minute}:${second}Z`
}

/** A number cell: empty is no value; text that is not a number stays invalid (NaN) for the value rules. */
export function numberCell(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null
  return Number(text)
}

export function textCell(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text
}
