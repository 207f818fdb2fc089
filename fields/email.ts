import type { InputField } from '@segment/actions-core'

/** The person's email for enhanced conversions. The core normalises and hashes it; a SHA-256 digest passes as is. */
export const email: InputField = {
  label: 'Email',
  description:
    'Email address of the person who converted. It is normalised (trimmed, lower-cased, dots and +alias removed from the local part) and hashed with SHA-256 before it leaves Segment; a value that is already a SHA-256 hex digest is sent unchanged. Not sent when ad_user_data consent is denied.',
  type: 'string',
  category: 'hashedPII',
  default: {
    '@if': {
      exists: { '@path': '$.context.traits.email' },
      then: { '@path': '$.context.traits.email' },
      else: { '@path': '$.properties.email' }
    }
  }
}
