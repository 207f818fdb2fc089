import type { InputField } from '@segment/actions-core'
import { batchSize, enableBatching } from '../../../fields/batching'
import { clickIdSources } from '../../../fields/click-id-sources'
import { adStorageConsent, adUserDataConsent } from '../../../fields/consent'
import { conversionName } from '../../../fields/conversion-name'
import { currency } from '../../../fields/currency'
import { email } from '../../../fields/email'
import { microsoftClickId } from '../../../fields/microsoft-click-id'
import { phone } from '../../../fields/phone'
import { transactionId } from '../../../fields/transaction-id'
import { conversionValue } from '../../../fields/value'
import { CLICK_ID_INTEGRATION_NAMES } from '../constants'

export const fields: Record<string, InputField> = {
  conversion_name: conversionName,
  conversion_time: {
    label: 'Conversion Time',
    description:
      'When the conversion happened, by default the event timestamp. Any ISO-8601 time or epoch is read (without a zone it is UTC). Microsoft accepts the last 90 days, not the future, and not before the click.',
    type: 'datetime',
    required: true,
    default: { '@path': '$.timestamp' }
  },
  microsoft_click_id: microsoftClickId,
  click_id_sources: clickIdSources(CLICK_ID_INTEGRATION_NAMES),
  conversion_value: conversionValue,
  currency,
  email,
  phone,
  external_attribution_model: {
    label: 'External Attribution Model',
    description:
      'Name of your own attribution model, for goals set up for external attribution (an API-only goal setting). Leave empty otherwise.',
    type: 'string'
  },
  external_attribution_credit: {
    label: 'External Attribution Credit',
    description:
      'The share of the conversion credited to this click by your model: more than 0 and at most 1. Only with External Attribution Model.',
    type: 'number'
  },
  ad_storage_consent: adStorageConsent,
  ad_user_data_consent: adUserDataConsent,
  transaction_id: transactionId,
  enable_batching: enableBatching,
  batch_size: batchSize
}
