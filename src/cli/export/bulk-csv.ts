import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../../microsoft/models/offline-conversions'

/**
 * Microsoft's Bulk file for offline conversions (the Offline Conversion record,
 * https://learn.microsoft.com/advertising/bulk-service/offline-conversion):
 * a header row, a Format Version 6.0 row, then one record per conversion or adjustment. Times are UTC,
 * MM/dd/yyyy HH:mm:ss; email and phone are the core's SHA-256 hashes.
 */
export const BULK_COLUMNS = [
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
  'Microsoft Click Id',
  'Hashed Email Address',
  'Hashed Phone Number',
  'External Attribution Model',
  'External Attribution Credit',
  'Adjustment Type',
  'Adjustment Value',
  'Adjustment Time',
  'Adjustment Currency Code',
  'Transaction Id'
] as const

type Column = (typeof BULK_COLUMNS)[number]
type Row = Partial<Record<Column, string | number | null | undefined>>

export const BULK_FORMAT_VERSION = '6.0'
export const OFFLINE_CONVERSION_RECORD = 'Offline Conversion'
export const ONLINE_ADJUSTMENT_RECORD = 'Online Conversion Adjustment'

/** RFC 4180: quoted when the value holds a comma, a quote or a line break; quotes doubled. */
function cell(value: string | number | null | undefined): string {
  if (value === undefined || value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function line(row: Row): string {
  return `${BULK_COLUMNS.map((column) => cell(row[column])).join(',')}\r\n`
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `2026-11-22T15:29:51.000Z` as the Bulk file writes it: `11/22/2026 15:29:51` (UTC). */
export function bulkTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
}

/** The header row and the Format Version row that open every Bulk file. */
export function bulkPreamble(): string {
  return `${BULK_COLUMNS.join(',')}\r\n${line({ Type: 'Format Version', Name: BULK_FORMAT_VERSION })}`
}

export function offlineConversionRow(record: OfflineConversion, clientId: string): string {
  return line({
    Type: OFFLINE_CONVERSION_RECORD,
    'Client Id': clientId,
    'Conversion Currency Code': record.ConversionCurrencyCode,
    'Conversion Name': record.ConversionName,
    'Conversion Time': bulkTime(record.ConversionTime),
    'Conversion Value': record.ConversionValue,
    'Microsoft Click Id': record.MicrosoftClickId,
    'Hashed Email Address': record.HashedEmailAddress,
    'Hashed Phone Number': record.HashedPhoneNumber,
    'External Attribution Model': record.ExternalAttributionModel,
    'External Attribution Credit': record.ExternalAttributionCredit
  })
}

/** A restatement or retraction: offline (by click id or hash and conversion time) or online (by transaction id). */
export function adjustmentRow(
  record: OfflineConversionAdjustment | OnlineConversionAdjustment,
  clientId: string
): string {
  const online = 'TransactionId' in record && record.TransactionId
  const offline = record as OfflineConversionAdjustment
  return line({
    Type: online ? ONLINE_ADJUSTMENT_RECORD : OFFLINE_CONVERSION_RECORD,
    'Client Id': clientId,
    'Conversion Name': record.ConversionName,
    'Conversion Time': online ? undefined : bulkTime(offline.ConversionTime),
    'Microsoft Click Id': online ? undefined : offline.MicrosoftClickId,
    'Hashed Email Address': online ? undefined : offline.HashedEmailAddress,
    'Hashed Phone Number': online ? undefined : offline.HashedPhoneNumber,
    'Adjustment Type': record.AdjustmentType,
    'Adjustment Value': record.AdjustmentValue,
    'Adjustment Time': bulkTime(record.AdjustmentTime),
    'Adjustment Currency Code': record.AdjustmentCurrencyCode,
    'Transaction Id': online ? record.TransactionId : undefined
  })
}
