import { redactText } from 'msads-conversions'
import type { AdjustmentInput, OfflineConversionInput } from 'msads-conversions'
import { RECORD_FIELD_NAMES } from './constants'
import { consentSignals } from './consent'
import type { RudderRecordV2 } from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'
import { invalidInput } from './job-errors'
import { bag, isPresent } from './message-values'
import type { Part } from './parts'

/** The action as the message gave it, for the error: a value that is not text is shown as JSON, never converted. */
function describeAction(action: unknown): string {
  if (typeof action === 'string') return `"${action}"`
  try {
    return JSON.stringify(action) ?? String(action)
  } catch {
    return 'of an unreadable kind'
  }
}

/**
 * Reverse-ETL records, with the field names of RudderStack's Bing Ads offline conversions destination so that
 * existing warehouse mappings keep working: insert is a conversion, update restates it (conversionValue is the
 * new value), delete retracts it. Times may be RFC 3339 or M/D/YYYY h:mm:ss AM/PM; the core converts them to UTC.
 */
export function recordParts(message: RudderRecordV2, settings: DestinationSettings): Part[] {
  const fields = bag(message.fields)
  const consent = consentSignals(message, settings)
  const identity = {
    clickId: { mapped: fields.microsoftClickId },
    email: fields.email,
    phone: fields.phone,
    transactionId: fields.transactionId
  }
  // The goal name names the part in messages; it is warehouse data, so a wrong column could put an email there.
  const goal = typeof fields.conversionName === 'string' ? redactText(fields.conversionName.trim()) : ''
  switch (message.action) {
    case 'insert': {
      const input: OfflineConversionInput = {
        conversionName: fields.conversionName,
        conversionTime: fields.conversionTime,
        value: fields.conversionValue,
        currency: fields.conversionCurrencyCode,
        externalAttributionModel: fields.externalAttributionModel,
        externalAttributionCredit: fields.externalAttributionCredit,
        ...identity,
        consent
      }
      return [
        {
          kind: 'offline',
          label: goal ? `offline conversion for goal "${goal}"` : 'offline conversion',
          input,
          fieldNames: RECORD_FIELD_NAMES
        }
      ]
    }
    case 'update':
    case 'delete': {
      const restate = message.action === 'update'
      const label = `${restate ? 'Restate' : 'Retract'} adjustment${goal ? ` for goal "${goal}"` : ''}`
      // Processing time would make every resend a new adjustment; rudder-server refuses such records as well.
      if (!isPresent(fields.adjustedConversionTime)) {
        throw invalidInput(
          `${label}: adjustedConversionTime is required for ${message.action} records: ` +
            'an adjustment needs the time of the change, so that sending it again is the same adjustment.',
          { field: 'adjustedConversionTime', rule: 'required' }
        )
      }
      const input: AdjustmentInput = {
        adjustmentType: restate ? 'Restate' : 'Retract',
        conversionName: fields.conversionName,
        conversionTime: fields.conversionTime,
        adjustmentTime: fields.adjustedConversionTime,
        // A retraction carries no value; a deleted row still has its old one, which must not be sent.
        ...(restate ? { adjustmentValue: fields.conversionValue, currency: fields.conversionCurrencyCode } : {}),
        ...identity,
        consent
      }
      return [{ kind: 'adjustment', label, input, fieldNames: RECORD_FIELD_NAMES }]
    }
    default:
      throw invalidInput(
        `Record action ${describeAction(message.action)} is not supported: use insert, update or delete.`,
        { field: 'action', rule: 'enum' }
      )
  }
}
