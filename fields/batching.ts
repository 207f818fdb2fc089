import type { InputField } from '@segment/actions-core'

/** Microsoft takes at most 1,000 items per Apply call and per Conversions API request. */
export const MAX_BATCH_SIZE = 1000

// Read-only, and the size hidden, as in Segment's own Microsoft destination (ms-bing-capi): batching is how the
// destination sends, not a choice the admin makes.
export const enableBatching: InputField = {
  label: 'Enable Batching',
  description:
    'Send events to Microsoft in batches. Microsoft recommends full batches; each event still gets its own status.',
  type: 'boolean',
  default: true,
  readOnly: true
}

export const batchSize: InputField = {
  label: 'Batch Size',
  description: 'Maximum number of events in one request to Microsoft (at most 1,000). Actual batches may be smaller.',
  type: 'number',
  default: MAX_BATCH_SIZE,
  minimum: 1,
  maximum: MAX_BATCH_SIZE,
  readOnly: true,
  unsafe_hidden: true
}
