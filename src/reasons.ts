import type { OutcomeKind } from './outcome'

/**
 * The reasons this package gives that are not Microsoft's own codes: what each means and what to do.
 * Microsoft's codes are in microsoft/error-codes.ts; the identity platform's in microsoft/oauth/identity-errors.ts.
 */
export interface ReasonInfo {
  reason: string
  outcome: OutcomeKind
  meaning: string
  action: string
}

export const OWN_REASONS: readonly ReasonInfo[] = [
  {
    reason: 'accepted',
    outcome: 'delivered',
    meaning: 'Microsoft accepted the conversion or event.',
    action: 'Nothing. Offline conversions show in reports after a few hours.'
  },
  {
    reason: 'ad_storage_consent_denied',
    outcome: 'skipped',
    meaning: 'The event (or the admin default) denies ad_storage consent, so nothing was sent.',
    action: 'Expected for users who declined advertising storage. Check the consent default if every event is skipped.'
  },
  {
    reason: 'ad_user_data_consent_denied',
    outcome: 'skipped',
    meaning:
      'ad_user_data consent is denied, so email, phone, IP and user agent were withheld, and nothing else identified the conversion.',
    action: 'Expected. Send the click id (msclkid) to count such conversions without personal data.'
  },
  {
    reason: 'duplicate_in_batch',
    outcome: 'skipped',
    meaning:
      "An earlier event of the same batch is the same conversion as Microsoft decides it: Microsoft's DuplicateConversionKey (same click id, goal, conversion time to the second, hashed email and hashed phone; an order id is no part of it); for adjustments the same adjustment of the same conversion at the same adjustment time; CAPI: same eventId and eventName. So it was sent once. `duplicateOf` and the message name that event.",
    action:
      'Nothing; Microsoft would have ignored the repeat. Conversions at different seconds are all sent, and a sale split across several click ids is several conversions.'
  },
  {
    reason: 'event_not_mapped',
    outcome: 'skipped',
    meaning: 'The event is not mapped to a conversion goal or an adjustment.',
    action: 'Map the event name to a goal in the destination settings if it should count.'
  },
  {
    reason: 'dry_run',
    outcome: 'skipped',
    meaning: '`msads send --dry-run` printed the request instead of sending it.',
    action: 'Nothing; run without --dry-run to send.'
  },
  {
    reason: 'filtered',
    outcome: 'skipped',
    meaning: 'The RudderStack destination filtered the event (298) for a reason given in its message.',
    action: 'Read the message: usually consent, or the event is not meant for this destination.'
  },
  {
    reason: 'invalid_input',
    outcome: 'rejected',
    meaning:
      'A field broke a rule; the outcome names the field and the rule (required, type, format, finite, max_age, future (more than the future-time hold bound ahead: 5614 FutureConversionTimeCannotBeSet), e164, iso4217, identity_required…). An unusable email or phone is a rejection only when nothing else identifies the conversion; otherwise it is dropped with a warning.',
    action: 'Fix the mapping or the source data for that field. The event was not sent.'
  },
  {
    reason: 'internal_error',
    outcome: 'rejected',
    meaning: 'The event could not be converted because of a bug in this package.',
    action: 'Report it with the event shape (not its personal data).'
  },
  {
    reason: 'batch_not_processed',
    outcome: 'retry',
    meaning: 'Microsoft refused the whole request because of another item in it; this one was not processed.',
    action: 'Nothing; it is sent again without the bad item.'
  },
  {
    reason: 'not_confirmed',
    outcome: 'retry',
    meaning: 'Microsoft neither counted nor named this CAPI event (it shows at most 10 errors).',
    action: 'Nothing; it is sent again with the same eventId, which Microsoft deduplicates.'
  },
  {
    reason: 'validation_error_not_detailed',
    outcome: 'retry',
    meaning: 'Microsoft rejected the request without naming this event.',
    action: 'Nothing; it is sent again.'
  },
  {
    reason: 'not_sent',
    outcome: 'retry',
    meaning: 'The event was prepared but its request was never sent.',
    action: 'Nothing; it is sent again.'
  },
  {
    reason: 'time_not_yet_due',
    outcome: 'retry',
    meaning:
      "The event's time is ahead of this clock by less than the future-time hold bound (300 s by default, the clockSkewMs option). Microsoft refuses any future time for good (5614 FutureConversionTimeCannotBeSet), and the time is never rewritten to now, so the event is held: retryAfterSeconds says when it is due.",
    action:
      'Nothing; it is sent once due (msads send waits in its queue; hosts retry after Retry-After). Frequent holds mean the source clock runs ahead: fix its time sync.'
  },
  {
    reason: 'timeout',
    outcome: 'retry',
    meaning: 'Microsoft did not answer in time.',
    action: 'Nothing; it is retried. Persistent timeouts point at the network path to Microsoft.'
  },
  {
    reason: 'network_error',
    outcome: 'retry',
    meaning: 'The connection to Microsoft failed.',
    action: "Nothing; it is retried. Check outbound access to Microsoft's hosts if it persists."
  },
  {
    reason: 'server_error',
    outcome: 'retry',
    meaning: 'Microsoft answered with a 5xx status.',
    action: 'Nothing; it is retried after a wait.'
  },
  {
    reason: 'rate_limited',
    outcome: 'retry',
    meaning: 'Microsoft answered HTTP 429.',
    action: 'Nothing; it is retried after the wait Microsoft asks for (60 s by default).'
  },
  {
    reason: 'unreadable_response',
    outcome: 'retry',
    meaning: 'Microsoft answered with a body that could not be read.',
    action: 'Nothing; it is retried (Microsoft ignores exact duplicates).'
  },
  {
    reason: 'http_401',
    outcome: 'auth',
    meaning: 'Microsoft refused the access token.',
    action: 'Handled: the token is refreshed and the event retried.'
  },
  {
    reason: 'http_403',
    outcome: 'auth',
    meaning: 'Microsoft refused access to the account.',
    action: 'Check customer_id and account_id, and that the signed-in user can access them.'
  },
  {
    reason: 'capi_token_rejected',
    outcome: 'auth',
    meaning: 'The UET Conversions API refused the tag token for this tag.',
    action:
      'Check uet_tag_id and uet_capi_token (UET tag > Edit > Set up tagging > Use Conversions API), or clear the token to have it fetched.'
  },
  {
    reason: 'invalid_grant',
    outcome: 'auth',
    meaning: 'The identity platform refused the refresh token.',
    action: 'Sign in again (msads auth login, or reconnect the destination).'
  },
  {
    reason: 'invalid_client',
    outcome: 'auth',
    meaning: 'The identity platform refused the client id or secret.',
    action: 'Check client_id and client_secret in the app registration.'
  },
  {
    reason: 'not_settled',
    outcome: 'retry',
    meaning:
      '`msads send` ended (a stop, or requests that got no answer for --settle-timeout) before this event had an answer.',
    action: 'Send the rejects file again, or the input with --resume.'
  },
  {
    reason: 'in_flight',
    outcome: 'retry',
    meaning:
      '`msads serve`: another request is delivering the same event (same messageId, account and subscription) at this moment, so this one did not send it again.',
    action: 'Nothing; the sender retries (the answer is 503), and the retry is answered from the forward log.'
  },
  {
    reason: 'invalid_encoding',
    outcome: 'rejected',
    meaning: 'The line or CSV row is not valid UTF-8 (a Latin-1 export, for example), so it was not read.',
    action: 'Convert the file to UTF-8 and send those lines again.'
  },
  {
    reason: 'invalid_json',
    outcome: 'rejected',
    meaning: 'The NDJSON line is not JSON.',
    action: 'Fix the line (in the rejects file, its raw text) and send it again.'
  },
  {
    reason: 'not_an_object',
    outcome: 'rejected',
    meaning: 'The NDJSON line is JSON but not one event object.',
    action: 'Write one event object per line.'
  },
  {
    reason: 'invalid_csv_row',
    outcome: 'rejected',
    meaning: 'The CSV row could not be read (an unclosed quote, a wrong number of cells).',
    action: 'Fix the row in the CSV.'
  },
  {
    reason: 'invalid_subscription',
    outcome: 'rejected',
    meaning:
      "A subscription cannot be used: a rejects-file line names one whose FQL or action is invalid, or actions-core's mapping kit refuses its mapping.",
    action: "Fix the mapping, or the line's subscriptions, and send it again."
  },
  {
    reason: 'not_bulk_capable',
    outcome: 'rejected',
    meaning: '`msads send --via bulk`: a UET Conversions API event has no Bulk record, so it was not sent.',
    action: 'Send the rejects file with --via apply (the default): the event goes to the Conversions API.'
  }
]

export const CAPI_ERROR_CODES: readonly ReasonInfo[] = [
  {
    reason: 'InvalidEventTime',
    outcome: 'rejected',
    meaning: 'eventTime is not a UNIX time in seconds within the last 7 days.',
    action: 'Send events in real time; older events cannot go through the Conversions API (use offline conversions).'
  },
  {
    reason: 'InvalidEnumValue',
    outcome: 'rejected',
    meaning:
      'eventType is not pageLoad or custom (an error), or pageType is not one of the page types (a warning: Microsoft dropped pageType and kept the event).',
    action: 'Fix the event_type or page_type mapping.'
  },
  { reason: 'Empty', outcome: 'rejected', meaning: 'A required value is empty.', action: 'Map the named property.' },
  {
    reason: 'InvalidUrl',
    outcome: 'rejected',
    meaning:
      'eventSourceUrl is not valid (an error), or referrerUrl is not (a warning: Microsoft dropped referrerUrl and kept the event).',
    action: 'Map the full page URL, with https://.'
  },
  {
    reason: 'InvalidValue',
    outcome: 'rejected',
    meaning:
      'A value has the wrong type (an error), or an optional currency, ecommerce or hotel field cannot be accepted (a warning: Microsoft dropped that field and kept the event).',
    action: 'Fix the named property; for a warning the event already counted without it.'
  },
  {
    reason: 'InvalidSha256',
    outcome: 'delivered',
    meaning: 'em or ph is not a SHA-256 hex digest; Microsoft dropped that field and kept the event (a warning).',
    action: 'Send raw email and phone to this destination and let it hash them, or send proper SHA-256 hex.'
  }
]
