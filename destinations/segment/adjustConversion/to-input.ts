import type { AdjustmentInput } from 'msads-conversions'
import { clickIdSources, consentSignals } from '../translate/inputs'
import type { Payload } from './generated-types'

/**
 * The mapped fields as the core's neutral adjustment. Offline or online is the core's choice: offline when the
 * conversion time and a click id or hash identify the conversion, online by transaction id otherwise.
 */
export function toAdjustmentInput(payload: Payload): AdjustmentInput {
  return {
    adjustmentType: payload.adjustment_type,
    conversionName: payload.conversion_name,
    conversionTime: payload.conversion_time,
    adjustmentTime: payload.adjustment_time,
    adjustmentValue: payload.adjustment_value,
    currency: payload.currency,
    clickId: clickIdSources(payload.microsoft_click_id, payload.click_id_sources),
    email: payload.email,
    phone: payload.phone,
    transactionId: payload.transaction_id,
    consent: consentSignals(payload)
  }
}
