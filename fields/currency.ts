import type { InputField } from '@segment/actions-core'

export const currency: InputField = {
  label: 'Currency',
  description:
    'ISO 4217 code of the value, such as USD or EUR. When empty, Microsoft uses the currency of the conversion goal.',
  type: 'string',
  default: { '@path': '$.properties.currency' }
}
