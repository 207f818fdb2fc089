import { csvRecords, parseCsv } from './csv-table'

/** One error of the upload results file: a record whose Type ends in " Error" (https://learn.microsoft.com/advertising/bulk-service/bulk-file-schema#errors). */
export interface BulkRowError {
  clientId: string
  code: number
  errorCode?: string
  fieldPath?: string
  /** The record type the error is about, e.g. `Offline Conversion`. */
  recordType: string
}

export interface BulkResults {
  /** Errors by Client Id, in file order; one record may have several. */
  errorsByClientId: Map<string, BulkRowError[]>
  /** Error records that carry no Client Id (they cannot be matched to an input). */
  unmatched: BulkRowError[]
}

const ERROR_SUFFIX = ' Error'

/**
 * Reads Microsoft's upload results file (CSV, with or without a byte order mark). Client Id is passed through
 * from the uploaded record to its result and error records, which is how errors are matched to inputs. Column
 * order is not relied on: Microsoft may add records and columns at any time.
 */
export function parseBulkResults(text: string): BulkResults {
  const { records } = csvRecords(parseCsv(text))
  const errorsByClientId = new Map<string, BulkRowError[]>()
  const unmatched: BulkRowError[] = []
  for (const record of records) {
    const type = record.Type ?? ''
    if (!type.endsWith(ERROR_SUFFIX)) continue
    const code = Number(record['Error Number'])
    const error: BulkRowError = {
      clientId: record['Client Id'] ?? '',
      code: Number.isInteger(code) ? code : 0,
      recordType: type.slice(0, -ERROR_SUFFIX.length),
      ...(record.Error ? { errorCode: record.Error } : {}),
      ...(record['Field Path'] ? { fieldPath: record['Field Path'] } : {})
    }
    if (!error.clientId) {
      unmatched.push(error)
      continue
    }
    const list = errorsByClientId.get(error.clientId)
    if (list) list.push(error)
    else errorsByClientId.set(error.clientId, [error])
  }
  return { errorsByClientId, unmatched }
}
