import type { InputField } from '@segment/actions-core'
import type { DependsOnConditions } from '@segment/actions-core/destination-kit/types'
import { batchSize, enableBatching } from '../../../fields/batching'
import { clickIdSources } from '../../../fields/click-id-sources'
import { adStorageConsent, adUserDataConsent } from '../../../fields/consent'
import { conversionName } from '../../../fields/conversion-name'
import { currency } from '../../../fields/currency'
import { email } from '../../../fields/email'
import { microsoftClickId } from '../../../fields/microsoft-click-id'
import { phone } from '../../../fields/phone'
import { transactionId } from '../../../fields/transaction-id'
import { adjustmentValue } from '../../../fields/value'
import { CLICK_ID_INTEGRATION_NAMES } from '../constants'

/** A Retract carries no value: the value fields are shown for a Restate only. */
const RESTATE_ONLY: DependsOnConditions = {
  conditions: [{ fieldKey: 'adjustment_type', operator: 'is', value: 'Restate' }]
}

export const fields: Record<string, InputField> = {
  adjustment_type: {
    label: 'Adjustment Type',
    description: 'Restate changes the value of a conversion; Retract cancels it (its count and value).',
    type: 'string',
    required: true,
    choices: [
      { label: 'Restate', value: 'Restate' },
      { label: 'Retract', value: 'Retract' }
    ]
  },
  conversion_name: {
    ...conversionName,
    description:
      'Name of the conversion goal of the original conversion, exactly as it appears in Microsoft Advertising: an offline conversion goal, or a UET goal for conversions sent by the UET tag or the Conversions API.'
  },
  transaction_id: {
    ...transactionId,
    description:
      'The transaction id of the original conversion, by default the order_id property. With it, the adjustment applies to a conversion sent through the UET tag or the Conversions API (an online adjustment) unless Conversion Time and a click id, email or phone are also mapped.'
  },
  conversion_time: {
    label: 'Conversion Time',
    description:
      'Time of the original offline conversion, exactly as it was sent: by default the conversion_time property, which a refund or order update carries as the timestamp of its Order Completed event. With it and the same click id, email or phone as the original, the adjustment applies to that offline conversion; when it is empty, to an online conversion by Transaction ID.',
    type: 'datetime',
    default: { '@path': '$.properties.conversion_time' }
  },
  adjustment_time: {
    label: 'Adjustment Time',
    description:
      'When the change happened, by default the event timestamp. Not before the conversion, not in the future. Required: the same adjustment sent again must carry the same time, so it is never taken from the clock.',
    type: 'datetime',
    required: true,
    default: { '@path': '$.timestamp' }
  },
  adjustment_value: { ...adjustmentValue, depends_on: RESTATE_ONLY },
  currency: { ...currency, depends_on: RESTATE_ONLY },
  microsoft_click_id: microsoftClickId,
  click_id_sources: clickIdSources(CLICK_ID_INTEGRATION_NAMES),
  email,
  phone,
  ad_storage_consent: adStorageConsent,
  ad_user_data_consent: adUserDataConsent,
  enable_batching: enableBatching,
  batch_size: batchSize
}
