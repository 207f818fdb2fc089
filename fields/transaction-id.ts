import type { InputField } from '@segment/actions-core'

export const transactionId: InputField = {
  label: 'Transaction ID',
  description:
    'Your id for the order or lead, by default the order_id property. Two events of a batch with the same transaction id and conversion name are sent once.',
  type: 'string',
  default: { '@path': '$.properties.order_id' }
}
