import type { InputField } from '@segment/actions-core'

/**
 * The click id the mapper chose. Left empty, the destination looks in the places listed in `click_id_sources`
 * (see click-id-sources.ts); the order and the shape check are the core's.
 */
export const microsoftClickId: InputField = {
  label: 'Microsoft Click ID (MSCLKID)',
  description:
    'The msclkid of the ad click that led to the conversion (32 hexadecimal characters). Leave empty to let the destination find it, in this order: the integrations object (filled by a browser plugin), properties.msclkid, the msclkid parameter of the page URL, then the _uetmsclkid cookie (see Click ID Sources). A value of the wrong shape is rejected, never replaced by another one.',
  type: 'string',
  category: 'identifier'
}
