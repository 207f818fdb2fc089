import type { InputField } from '@segment/actions-core'

/** Segment's e-commerce spec: revenue, else value, else total. */
const REVENUE_ELSE_VALUE_ELSE_TOTAL = {
  '@if': {
    exists: { '@path': '$.properties.revenue' },
    then: { '@path': '$.properties.revenue' },
    else: {
      '@if': {
        exists: { '@path': '$.properties.value' },
        then: { '@path': '$.properties.value' },
        else: { '@path': '$.properties.total' }
      }
    }
  }
}

export const conversionValue: InputField = {
  label: 'Conversion Value',
  description:
    'Value of the conversion, a number of at least 0. By default the revenue property, else value, else total. When empty, Microsoft uses the value of the conversion goal.',
  type: 'number',
  default: REVENUE_ELSE_VALUE_ELSE_TOTAL
}

export const adjustmentValue: InputField = {
  label: 'Adjustment Value',
  description:
    'The new value of the conversion, required for a Restate. By default the revenue property, else value, else total. Not used for a Retract.',
  type: 'number',
  default: REVENUE_ELSE_VALUE_ELSE_TOTAL
}
