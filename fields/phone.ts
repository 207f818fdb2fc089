import type { InputField } from '@segment/actions-core'

/** The person's phone for enhanced conversions. The core formats it as E.164 and hashes it. */
export const phone: InputField = {
  label: 'Phone',
  description:
    'Phone number of the person who converted, with its country code (for example +14255551234). It is formatted as E.164 and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.',
  type: 'string',
  category: 'hashedPII',
  default: {
    '@if': {
      exists: { '@path': '$.context.traits.phone' },
      then: { '@path': '$.context.traits.phone' },
      else: { '@path': '$.properties.phone' }
    }
  }
}
