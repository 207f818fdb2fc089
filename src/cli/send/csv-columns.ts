/**
 * The CSV columns `msads send` and `msads export-csv` accept: RudderStack's warehouse (reverse-ETL) names, as its
 * Bing Ads offline conversions destination uses them, and Microsoft's Bulk offline conversion columns. Header
 * names match without regard to case, spaces or underscores.
 */
import { plainText } from '../../support/plain-text'

export type CsvField =
  | 'conversionName'
  | 'conversionTime'
  | 'microsoftClickId'
  | 'email'
  | 'phone'
  | 'conversionValue'
  | 'conversionCurrencyCode'
  | 'adjustedConversionTime'
  | 'adjustmentValue'
  | 'adjustmentType'
  | 'adjustmentCurrencyCode'
  | 'externalAttributionModel'
  | 'externalAttributionCredit'
  | 'transactionId'
  | 'action'
  | 'recordType'

export const CSV_COLUMNS: ReadonlyArray<{ field: CsvField; names: readonly string[]; meaning: string }> = [
  {
    field: 'conversionName',
    names: ['conversionName', 'Conversion Name'],
    meaning: 'the offline conversion goal name'
  },
  {
    field: 'conversionTime',
    names: ['conversionTime', 'Conversion Time'],
    meaning: 'when the conversion happened (ISO-8601, epoch, or M/D/YYYY h:mm:ss AM/PM; UTC unless a zone is given)'
  },
  {
    field: 'microsoftClickId',
    names: ['microsoftClickId', 'Microsoft Click Id', 'msclkid'],
    meaning: 'the MSCLKID of the ad click'
  },
  {
    field: 'email',
    names: ['email', 'Hashed Email Address'],
    meaning: 'email, raw (normalised and hashed here) or already SHA-256'
  },
  {
    field: 'phone',
    names: ['phone', 'Hashed Phone Number'],
    meaning: 'phone, raw (E.164 and hashed here) or already SHA-256'
  },
  {
    field: 'conversionValue',
    names: ['conversionValue', 'Conversion Value'],
    meaning: 'the value; for update rows, the new value'
  },
  {
    field: 'conversionCurrencyCode',
    names: ['conversionCurrencyCode', 'Conversion Currency Code', 'currency'],
    meaning: 'ISO 4217 currency code'
  },
  {
    field: 'adjustedConversionTime',
    names: ['adjustedConversionTime', 'Adjustment Time'],
    meaning: 'when the restatement or retraction happened (update and delete rows)'
  },
  {
    field: 'adjustmentValue',
    names: ['adjustmentValue', 'Adjustment Value'],
    meaning: 'the restated value (Bulk files); conversionValue is used when absent'
  },
  {
    field: 'adjustmentType',
    names: ['adjustmentType', 'Adjustment Type'],
    meaning: 'Restate or Retract (Bulk files): the same as action update or delete'
  },
  {
    field: 'adjustmentCurrencyCode',
    names: ['adjustmentCurrencyCode', 'Adjustment Currency Code'],
    meaning: 'currency of the restated value'
  },
  {
    field: 'externalAttributionModel',
    names: ['externalAttributionModel', 'External Attribution Model'],
    meaning: 'your attribution model name, for externally attributed goals'
  },
  {
    field: 'externalAttributionCredit',
    names: ['externalAttributionCredit', 'External Attribution Credit'],
    meaning: 'the credit of this click, more than 0 and at most 1'
  },
  {
    field: 'transactionId',
    names: ['transactionId', 'Transaction Id', 'order_id'],
    meaning: 'order id: identifies an online adjustment; never merges conversions (one sale may span click ids)'
  },
  { field: 'action', names: ['action'], meaning: 'insert (default), update (restate) or delete (retract)' },
  { field: 'recordType', names: ['Type'], meaning: 'the Bulk record type; Format Version rows are passed over' }
]

/** Bulk columns that carry nothing to send. */
const IGNORED_BULK_COLUMNS = ['Status', 'Id', 'Parent Id', 'Client Id', 'Modified Time', 'Name']

const squash = (name: string): string => name.toLowerCase().replace(/[\s_]+/g, '')

const BY_NAME = new Map<string, CsvField>(
  CSV_COLUMNS.flatMap(({ field, names }) => names.map((name) => [squash(name), field] as [string, CsvField]))
)
const IGNORED = new Set(IGNORED_BULK_COLUMNS.map(squash))

export interface CsvHeaderMap {
  /** Header name as in the file to the field it holds. */
  columns: Map<string, CsvField>
  /** Header names that are not known (they are ignored; the command says so once). */
  unknown: string[]
}

export function mapCsvHeader(header: readonly string[]): CsvHeaderMap {
  const columns = new Map<string, CsvField>()
  const unknown: string[] = []
  for (const name of header) {
    const field = BY_NAME.get(squash(name))
    if (field) columns.set(name, field)
    else if (!IGNORED.has(squash(name))) unknown.push(name)
  }
  return { columns, unknown }
}

export type CsvRow = Partial<Record<CsvField, string>>

/** A parsed CSV row under the canonical field names; empty cells are absent. */
export function canonicalRow(record: Record<string, unknown>, header: CsvHeaderMap): CsvRow {
  const row: CsvRow = {}
  for (const [name, value] of Object.entries(record)) {
    const field = header.columns.get(name)
    if (!field) continue
    const text = plainText(value)?.trim()
    if (text) row[field] = text
  }
  return row
}
