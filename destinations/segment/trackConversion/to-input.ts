import type { OfflineConversionInput } from 'msads-conversions'
import { clickIdSources, consentSignals } from '../translate/inputs'
import type { Payload } from './generated-types'

/** The mapped fields as the core's neutral offline conversion; the core validates every value. */
export function toOfflineConversionInput(payload: Payload): OfflineConversionInput {
  return {
    conversionName: payload.conversion_name,
    conversionTime: payload.conversion_time,
    clickId: clickIdSources(payload.microsoft_click_id, payload.click_id_sources),
    email: payload.email,
    phone: payload.phone,
    value: payload.conversion_value,
    currency: payload.currency,
    externalAttributionModel: payload.external_attribution_model,
    externalAttributionCredit: payload.external_attribution_credit,
    transactionId: payload.transaction_id,
    consent: consentSignals(payload)
  }
}
