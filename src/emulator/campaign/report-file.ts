import { csvCell } from '../../microsoft/bulk/csv-table'
import type { EmulatorRequest, Reply } from '../server/reply'
import { header, textReply } from '../server/reply'
import type { EmulatorState } from '../state/emulator-state'
import type { UploadEntry } from '../state/upload-ledger'
import { codeText } from './codes'

export const REPORT_FILE_PREFIX = '/offline-conversion-reports/'
/** How long a detail file URL works; Microsoft gives FileUrlExpiryTimeUtc without saying how long. */
export const REPORT_FILE_LIFETIME_MS = 15 * 60_000

/** The columns Microsoft lists for the detail records (https://learn.microsoft.com/advertising/campaign-management-service/dailysummary, the pilot elements). */
const COLUMNS = [
  'RecordId',
  'ChannelName',
  'IdIdentifier',
  'MSClickId',
  'ConversionName',
  'TimeZone',
  'ConversionTime',
  'ConversionOrAdjustmentValue',
  'ConversionOrAdjustmentCurrency',
  'HashedEmailAddress',
  'HashedPhoneNumber',
  'AdjustmentType',
  'Status'
]

type Item = Record<string, unknown> | null

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
}

function row(entry: UploadEntry, index: number, uploadId: string): string {
  const item = (entry.item ?? null) as Item
  const adjustment = entry.kind === 'OfflineConversionAdjustment'
  const status = typeof entry.result === 'object' ? codeText(entry.result.code).errorCode : 'Success'
  const cells = [
    String(index + 1),
    entry.channel === 'BulkAPI' ? 'Bulk' : 'SOAP',
    uploadId,
    text(item?.MicrosoftClickId),
    text(item?.ConversionName),
    'UTC',
    text(item?.ConversionTime),
    text(adjustment ? item?.AdjustmentValue : item?.ConversionValue),
    text(adjustment ? item?.AdjustmentCurrencyCode : item?.ConversionCurrencyCode),
    text(item?.HashedEmailAddress),
    text(item?.HashedPhoneNumber),
    adjustment ? text(item?.AdjustmentType).toUpperCase() : '',
    status
  ]
  return `${cells.map((cell) => csvCell(cell)).join(',')}\r\n`
}

/** The offline items of an account received that day, one row each, with Success or the error's name. */
export function reportFileText(state: EmulatorState, accountId: string, day: string): string {
  const entries = state.uploads
    .entries(accountId)
    .filter(
      (entry) =>
        entry.kind !== 'OnlineConversionAdjustment' && new Date(entry.receivedAt).toISOString().slice(0, 10) === day
    )
  // One IdIdentifier per arrival time stands for one upload request.
  const uploads = new Map<number, string>()
  let text = `${COLUMNS.join(',')}\r\n`
  entries.forEach((entry, index) => {
    if (!uploads.has(entry.receivedAt)) uploads.set(entry.receivedAt, String(uploads.size + 1))
    text += row(entry, index, uploads.get(entry.receivedAt) as string)
  })
  return text
}

/** The URL of a day's detail file, signed for REPORT_FILE_LIFETIME_MS. */
export function reportFileUrl(
  request: EmulatorRequest | undefined,
  state: EmulatorState,
  accountId: string,
  day: string
) {
  const expiresAt = state.now() + REPORT_FILE_LIFETIME_MS
  const token = state.reportFiles.issue({ accountId, day, expiresAt })
  const origin = `http://${(request && header(request, 'Host')) ?? '127.0.0.1'}`
  return { url: `${origin}${REPORT_FILE_PREFIX}${token}`, expiresAt }
}

/** GET /offline-conversion-reports/{token}: the file while its URL is valid, as a pre-signed download answers. */
export function handleReportFile(token: string, state: EmulatorState): Reply {
  const grant = state.reportFiles.grant(token)
  if (!grant) return textReply(404, 'The specified blob does not exist.')
  if (state.now() > grant.expiresAt)
    return textReply(403, 'Server failed to authenticate the request: the signed URL has expired.')
  return {
    status: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    body: reportFileText(state, grant.accountId, grant.day)
  }
}
