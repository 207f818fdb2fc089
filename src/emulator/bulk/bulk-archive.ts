import { unzipSync, type UnzipFileInfo } from 'fflate'

/**
 * An uploaded file as the Bulk service takes it: the CSV text to process later; a file whose content cannot be
 * read (processing ends Failed); or a refusal at the upload URL with a Bulk code.
 */
export type UploadedFile =
  { kind: 'csv'; text: string } | { kind: 'unreadable'; reason: string } | { kind: 'refused'; code: number }

const CSV_NAME = /\.csv$/i
const ZIP_NAME = /\.zip$/i

function isDirectory(entry: UnzipFileInfo): boolean {
  return entry.name.endsWith('/')
}

/** The entries of an archive, read from its central directory without inflating any of them. */
function entriesOf(archive: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = []
  unzipSync(archive, {
    filter: (entry) => {
      entries.push(entry)
      return false
    }
  })
  return entries.filter((entry) => !isDirectory(entry))
}

/**
 * A ZIP upload (https://learn.microsoft.com/advertising/guides/bulk-download-upload: "The ZIP-compressed upload should contain one file
 * formatted as either Csv or Tsv. The ZIP file must be properly structured, including an end of central directory
 * record"): no file in it is 3221 (no file uploaded), several are 3222 (more than one file), an entry that is not
 * .csv is 3223 (extension not recognized; TSV is not implemented). An archive that cannot be read is received and
 * then fails, as a CSV without its byte order mark does.
 */
function readArchive(archive: Uint8Array): UploadedFile {
  let entries: UnzipFileInfo[]
  try {
    entries = entriesOf(archive)
  } catch (error) {
    return { kind: 'unreadable', reason: `The ZIP archive cannot be read: ${(error as Error).message}.` }
  }
  if (!entries.length) return { kind: 'refused', code: 3221 }
  if (entries.length > 1) return { kind: 'refused', code: 3222 }
  const [entry] = entries
  if (!CSV_NAME.test(entry.name)) return { kind: 'refused', code: 3223 }
  try {
    const unzipped = unzipSync(archive, { filter: (candidate) => candidate.name === entry.name })
    return { kind: 'csv', text: Buffer.from(unzipped[entry.name]).toString('utf8') }
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `The ZIP entry ${entry.name} cannot be inflated: ${(error as Error).message}.`
    }
  }
}

/** A .csv file is taken as UTF-8 text, a .zip file is opened; any other extension is 3223. */
export function readUpload(fileName: string, content: Buffer): UploadedFile {
  if (CSV_NAME.test(fileName)) return { kind: 'csv', text: content.toString('utf8') }
  if (ZIP_NAME.test(fileName)) return readArchive(content)
  return { kind: 'refused', code: 3223 }
}
