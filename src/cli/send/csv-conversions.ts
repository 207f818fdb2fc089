import type { AdjustmentInput, OfflineConversionInput } from '../../conversions/inputs'
import type { FieldNames } from '../../conversions/input-error'
import { rejected, skipped, type Outcome } from '../../outcome'
import { RECORD_FIELD_NAMES } from '../../../destinations/rudderstack/constants'
import type { CsvRow } from './csv-columns'

/** Messages name the CSV's own columns (the RudderStack warehouse names). */
export const CSV_FIELD_NAMES: FieldNames = { ...RECORD_FIELD_NAMES, adjustment_type: 'action' }

export type CsvConversion =
  | { kind: 'offline'; input: OfflineConversionInput }
  | { kind: 'adjustment'; input: AdjustmentInput }
  | { kind: 'none'; outcome: Outcome }

const ADJUSTMENT_ACTIONS: Record<string, 'insert' | 'update' | 'delete'> = {
  insert: 'insert',
  update: 'update',
  restate: 'update',
  delete: 'delete',
  retract: 'delete'
}

/**
 * One CSV row as the core's neutral input: insert is an offline conversion, update restates it (the new value in
 * adjustmentValue or conversionValue), delete retracts it. The core validates every value.
 */
export function csvConversion(row: CsvRow): CsvConversion {
  if (row.recordType && /^format version$/i.test(row.recordType)) {
    return { kind: 'none', outcome: skipped('bulk_format_row', 'A Bulk file Format Version row: not a conversion.') }
  }
  const requested = (row.action ?? row.adjustmentType ?? 'insert').toLowerCase()
  const action = ADJUSTMENT_ACTIONS[requested]
  if (!action) {
    return {
      kind: 'none',
      outcome: rejected(
        'invalid_input',
        `action must be insert, update or delete (or Adjustment Type Restate or Retract), not "${requested}".`,
        { field: 'action', rule: 'enum' }
      )
    }
  }
  const identity = {
    clickId: { mapped: row.microsoftClickId },
    email: row.email,
    phone: row.phone,
    transactionId: row.transactionId
  }
  if (action === 'insert') {
    return {
      kind: 'offline',
      input: {
        conversionName: row.conversionName,
        conversionTime: row.conversionTime,
        value: row.conversionValue,
        currency: row.conversionCurrencyCode,
        externalAttributionModel: row.externalAttributionModel,
        externalAttributionCredit: row.externalAttributionCredit,
        ...identity
      }
    }
  }
  const restate = action === 'update'
  return {
    kind: 'adjustment',
    input: {
      adjustmentType: restate ? 'Restate' : 'Retract',
      conversionName: row.conversionName,
      conversionTime: row.conversionTime,
      adjustmentTime: row.adjustedConversionTime,
      ...(restate
        ? {
            adjustmentValue: row.adjustmentValue ?? row.conversionValue,
            currency: row.adjustmentCurrencyCode ?? row.conversionCurrencyCode
          }
        : {}),
      ...identity
    }
  }
}
