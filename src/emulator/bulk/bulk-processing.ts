import { csvCell, BOM } from '../../microsoft/bulk/csv-table'
import type { OfflineConversion, OfflineConversionAdjustment, OnlineConversionAdjustment } from '../../microsoft/models'
import { applyItems } from '../campaign/apply-items'
import type { Caller } from '../campaign/authenticate'
import { codeText } from '../campaign/codes'
import { checkOfflineAdjustment } from '../campaign/offline-adjustment-rules'
import { checkOfflineConversion } from '../campaign/offline-conversion-rules'
import { checkOnlineAdjustment } from '../campaign/online-adjustment-rules'
import type { EmulatorState } from '../state/emulator-state'
import { isoFromBulkTime, numberCell, textCell } from './bulk-file'
import type { BulkJob } from './bulk-jobs'
import type { UploadKind } from '../state/upload-ledger'

interface RowError {
  code: number
  fieldPath: string | null
  /** The ErrorCode, which for an error Microsoft documents by name only is not the number's. */
  errorCode?: string | null
}

type Cells = Record<string, string>

function offlineConversion(cells: Cells): OfflineConversion {
  return {
    ConversionCurrencyCode: textCell(cells['Conversion Currency Code']),
    ConversionName: textCell(cells['Conversion Name']),
    ConversionTime: isoFromBulkTime(cells['Conversion Time'] ?? ''),
    ConversionValue: numberCell(cells['Conversion Value']),
    ExternalAttributionCredit: numberCell(cells['External Attribution Credit']),
    ExternalAttributionModel: textCell(cells['External Attribution Model']),
    HashedEmailAddress: textCell(cells['Hashed Email Address']),
    HashedPhoneNumber: textCell(cells['Hashed Phone Number']),
    MicrosoftClickId: textCell(cells['Microsoft Click Id'])
  }
}

function adjustmentFields(cells: Cells) {
  return {
    AdjustmentCurrencyCode: textCell(cells['Adjustment Currency Code']),
    AdjustmentTime: isoFromBulkTime(cells['Adjustment Time'] ?? ''),
    AdjustmentType: textCell(cells['Adjustment Type']),
    AdjustmentValue: numberCell(cells['Adjustment Value']),
    ConversionName: textCell(cells['Conversion Name'])
  }
}

function offlineAdjustment(cells: Cells): OfflineConversionAdjustment {
  return {
    ...adjustmentFields(cells),
    ConversionTime: isoFromBulkTime(cells['Conversion Time'] ?? ''),
    HashedEmailAddress: textCell(cells['Hashed Email Address']),
    HashedPhoneNumber: textCell(cells['Hashed Phone Number']),
    MicrosoftClickId: textCell(cells['Microsoft Click Id'])
  }
}

function onlineAdjustment(cells: Cells): OnlineConversionAdjustment {
  return { ...adjustmentFields(cells), TransactionId: textCell(cells['Transaction Id']) }
}

/** Runs items of one kind through the Apply rules and storage; the errors by the item's position in `rows`. */
function applyKind<T>(
  state: EmulatorState,
  rows: number[],
  items: T[],
  check: (item: T | null) => ReturnType<typeof checkOfflineConversion>,
  book: Parameters<typeof applyItems<T>>[1]['book'],
  scope: string,
  errors: Map<number, RowError>,
  kind: UploadKind
): void {
  if (!items.length) return
  const answer = applyItems(state, { items, check, book, scope, upload: { kind, channel: 'BulkAPI' } })
  for (const error of answer.PartialErrors)
    errors.set(rows[error.Index], { code: error.Code, fieldPath: error.FieldPath ?? null, errorCode: error.ErrorCode })
}

const RESULT_COLUMNS = ['Error', 'Error Number', 'Field Path']

/**
 * Processes a received file: every record through the same item rules and record books as the Apply operations
 * (so Apply and Bulk deduplicate together), then writes the results file: the records (all of them with
 * ErrorsAndResults, the failed ones with ErrorsOnly), each failed one followed by its `<Type> Error` record.
 */
export function processBulkFile(
  state: EmulatorState,
  job: BulkJob,
  header: string[],
  records: Array<{ row: number; cells: Cells }>
): void {
  const caller: Required<Caller> = { accessToken: '', customerId: job.customerId, accountId: job.accountId }
  const errors = new Map<number, RowError>()
  const conversions: { rows: number[]; items: OfflineConversion[] } = { rows: [], items: [] }
  const offlineAdjustments: { rows: number[]; items: OfflineConversionAdjustment[] } = { rows: [], items: [] }
  const onlineAdjustments: { rows: number[]; items: OnlineConversionAdjustment[] } = { rows: [], items: [] }
  records.forEach(({ cells }, position) => {
    const type = cells.Type
    if (type === 'Offline Conversion' && !cells['Adjustment Type']) {
      conversions.rows.push(position)
      conversions.items.push(offlineConversion(cells))
    } else if (type === 'Offline Conversion') {
      offlineAdjustments.rows.push(position)
      offlineAdjustments.items.push(offlineAdjustment(cells))
    } else if (type === 'Online Conversion Adjustment') {
      onlineAdjustments.rows.push(position)
      onlineAdjustments.items.push(onlineAdjustment(cells))
    } else {
      errors.set(position, { code: 4203, fieldPath: 'Type' })
    }
  })
  const scope = job.accountId
  applyKind(
    state,
    conversions.rows,
    conversions.items,
    (item) => checkOfflineConversion(item, caller, state),
    state.records.offlineConversions,
    scope,
    errors,
    'OfflineConversion'
  )
  applyKind(
    state,
    offlineAdjustments.rows,
    offlineAdjustments.items,
    (item) => checkOfflineAdjustment(item, caller, state),
    state.records.offlineConversionAdjustments,
    scope,
    errors,
    'OfflineConversionAdjustment'
  )
  applyKind(
    state,
    onlineAdjustments.rows,
    onlineAdjustments.items,
    (item) => checkOnlineAdjustment(item, caller, state),
    state.records.onlineConversionAdjustments,
    scope,
    errors,
    'OnlineConversionAdjustment'
  )

  const columns = [...header, ...RESULT_COLUMNS.filter((column) => !header.includes(column))]
  const line = (cells: Cells) => `${columns.map((column) => csvCell(cells[column])).join(',')}\r\n`
  let text = `${BOM}${columns.join(',')}\r\n${line({ Type: 'Format Version', Name: '6.0' })}`
  records.forEach(({ cells }, position) => {
    const error = errors.get(position)
    if (!error && job.responseMode === 'ErrorsOnly') return
    text += line(cells)
    if (error) {
      const errorCode = error.errorCode ?? codeText(error.code).errorCode
      text += line({
        ...cells,
        Type: `${cells.Type || 'Unknown'} Error`,
        Error: errorCode,
        'Error Number': String(error.code),
        'Field Path': error.fieldPath ?? ''
      })
    }
  })
  job.resultsFile = text
  job.status = errors.size ? 'CompletedWithErrors' : 'Completed'
  job.percentComplete = 100
}
