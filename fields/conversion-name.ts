import type { InputField } from '@segment/actions-core'

export const conversionName: InputField = {
  label: 'Conversion Name',
  description:
    'Name of an offline conversion goal of the account, exactly as it appears in Microsoft Advertising (Tools > Conversion goals). Pick one from the list, or type a name.',
  type: 'string',
  required: true,
  dynamic: true
}
