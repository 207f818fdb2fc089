import { strToU8, zipSync } from 'fflate'

const FIXED_ENTRY_TIME = new Date(Date.UTC(2000, 0, 1))

/**
 * A Bulk CSV as a one-entry ZIP archive, which Microsoft accepts in place of the CSV ("The ZIP-compressed upload
 * should contain one file formatted as either Csv or Tsv", https://learn.microsoft.com/advertising/guides/bulk-download-upload). The entry
 * keeps the CSV's name; the archive is named after it with the .zip extension Microsoft requires.
 */
export function zipBulkFile(file: { name: string; content: string }): { name: string; content: Uint8Array } {
  const entryName = /\.csv$/i.test(file.name) ? file.name : `${file.name}.csv`
  // A fixed entry time: the same CSV always gives the same archive, so a resumed send splits and names it alike.
  const archive = zipSync({ [entryName]: strToU8(file.content) }, { level: 6, mtime: FIXED_ENTRY_TIME })
  return { name: entryName.replace(/\.csv$/i, '.zip'), content: archive }
}
