import type { OutcomeKind } from './outcome-kind'

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

const SIGN_IN_AGAIN = 'Sign in again (msads auth login, or reconnect the destination).'

const OWN_REASON_LIST = [
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
    action: SIGN_IN_AGAIN
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
    reason: 'invalid_settings',
    outcome: 'rejected',
    meaning:
      'A destination setting is missing or has the wrong shape (a customer id that is not a number, a tag id with letters…); the message names the setting. Nothing was sent.',
    action: 'Fix the named setting in the destination (or the msads config).'
  },
  {
    reason: 'invalid_config',
    outcome: 'rejected',
    meaning: "The RudderStack destination's configuration is unusable (rudder-transformer's ConfigurationError).",
    action: 'Fix the destination configuration the message names.'
  },
  {
    reason: 'oauth_secret_missing',
    outcome: 'retry',
    meaning: 'RudderStack delivered the event without the OAuth secret (the access token) of the account.',
    action: 'Reconnect the Microsoft Advertising account in RudderStack if it persists.'
  },
  {
    reason: 'unexpected_error',
    outcome: 'retry',
    meaning: 'A call failed in a way this package did not foresee; the message carries the error (redacted).',
    action: 'Nothing at first; it is retried. Report it if it persists.'
  },
  {
    reason: 'no_tag_auth_key',
    outcome: 'rejected',
    meaning: 'Microsoft returned no Conversions API key for the UET tag (GetUetTagAuthKey answered without one).',
    action:
      "Check uet_tag_id, or paste the tag's token into uet_capi_token (UET tag > Edit > Set up tagging > Use Conversions API)."
  },
  {
    reason: 'bulk_format_row',
    outcome: 'skipped',
    meaning: "A CSV row is the Bulk file's Format Version row, not a conversion.",
    action: 'Nothing.'
  },
  {
    reason: 'bulk_row_count_exceeded',
    outcome: 'rejected',
    meaning:
      'Microsoft refused the Bulk file: it has more rows than a Bulk upload allows (UploadFileRowCountExceeded).',
    action: 'Send the events again in smaller files (msads send splits its own files; check --bulk-rows).'
  },
  {
    reason: 'bulk_format_not_supported',
    outcome: 'rejected',
    meaning: "Microsoft refused the Bulk file's Format Version (UploadFileFormatNotSupported).",
    action: 'Report it: this package writes the Format Version Microsoft documents.'
  },
  {
    reason: 'bulk_upload_failed',
    outcome: 'retry',
    meaning: "Microsoft's Bulk service ended the upload as Failed (or another final status) without per-row errors.",
    action: 'Nothing; its events are sent again after a wait.'
  },
  {
    reason: 'bulk_not_uploaded',
    outcome: 'retry',
    meaning: 'The Bulk file could not be uploaded (no upload URL, or the upload failed every attempt).',
    action: 'Nothing; its events are sent again.'
  },
  {
    reason: 'bulk_results_unavailable',
    outcome: 'retry',
    meaning:
      "Microsoft's Bulk results file could not be downloaded (its URL may have expired), so the rows' outcomes are unknown.",
    action: 'Nothing; the events are sent again (Microsoft ignores exact duplicates).'
  },
  {
    reason: 'bulk_status_timeout',
    outcome: 'retry',
    meaning: 'The Bulk upload did not reach a final status in time.',
    action: 'Nothing; its events are sent again (Microsoft ignores exact duplicates).'
  },
  {
    reason: 'written',
    outcome: 'delivered',
    meaning: '`msads export-csv` wrote the conversion into the Bulk file.',
    action: 'Upload the file in Microsoft Advertising (Bulk upload), or send it with msads send --via bulk.'
  },
  {
    reason: 'not_exportable',
    outcome: 'skipped',
    meaning: 'A UET Conversions API event cannot go into a Bulk offline conversion file.',
    action: 'Send CAPI events with msads send.'
  },
  {
    reason: 'unreadable_token_response',
    outcome: 'retry',
    meaning: 'The identity platform answered a token request without a usable access or refresh token.',
    action: 'Nothing at first; it is retried. If it persists, request the offline_access scope at sign-in.'
  },
  {
    reason: 'identity_server_error',
    outcome: 'retry',
    meaning: 'The identity platform answered the token refresh with a 5xx status.',
    action: 'Nothing; it is retried after a wait.'
  },
  {
    reason: 'token_refresh_failed',
    outcome: 'auth',
    meaning: 'The identity platform refused the token refresh without an OAuth error code.',
    action: 'Sign in again (msads auth login, or reconnect the destination); the message names the AADSTS code if any.'
  },
  {
    reason: 'invalid_request',
    outcome: 'rejected',
    meaning: 'The identity platform refused the token request as malformed (OAuth invalid_request).',
    action: 'Read the AADSTS code in the message (troubleshooting: identity platform errors).'
  },
  {
    reason: 'unauthorized_client',
    outcome: 'rejected',
    meaning: 'The app registration may not use this grant (OAuth unauthorized_client).',
    action: 'Register the app as a Web app with a client secret; check client_id.'
  },
  {
    reason: 'invalid_scope',
    outcome: 'rejected',
    meaning: 'The identity platform refused the requested scope (OAuth invalid_scope).',
    action: 'Report it: this package asks for msads.manage and offline_access.'
  },
  {
    reason: 'unsupported_grant_type',
    outcome: 'rejected',
    meaning: 'The identity platform does not accept this grant type (OAuth unsupported_grant_type).',
    action: 'Report it: this package uses the authorization code and refresh token grants.'
  },
  {
    reason: 'interaction_required',
    outcome: 'auth',
    meaning: 'The identity platform wants the user to sign in interactively (MFA, conditional access).',
    action: SIGN_IN_AGAIN
  },
  {
    reason: 'consent_required',
    outcome: 'auth',
    meaning: 'The user has not consented to the app using Microsoft Advertising.',
    action: 'Run the consent flow again (msads auth login) with the Microsoft Advertising user.'
  },
  {
    reason: 'login_required',
    outcome: 'auth',
    meaning: 'The identity platform needs the user to sign in again.',
    action: SIGN_IN_AGAIN
  },
  {
    reason: 'not_bulk_capable',
    outcome: 'rejected',
    meaning: '`msads send --via bulk`: a UET Conversions API event has no Bulk record, so it was not sent.',
    action: 'Send the rejects file with --via apply (the default): the event goes to the Conversions API.'
  }
] as const

/** Every reason of ours, with its meaning and what to do: the troubleshooting page is generated from it. */
export const OWN_REASONS: readonly ReasonInfo[] = OWN_REASON_LIST

/** A reason of ours: a literal not in the table above does not compile where an outcome is built. */
export type OwnReason = (typeof OWN_REASON_LIST)[number]['reason']

const CAPI_ERROR_CODE_LIST = [
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
  },
  {
    reason: 'ValidationError',
    outcome: 'rejected',
    meaning: 'The Conversions API refused the event without a more specific errorCode.',
    action: "Read the message: it quotes Microsoft's words."
  },
  {
    reason: 'ValidationWarning',
    outcome: 'delivered',
    meaning: 'The Conversions API dropped a field of the event without a more specific errorCode, and kept the event.',
    action: 'Fix the named property; the event already counted without it.'
  }
] as const

/** The UET Conversions API's errorCode values as outcome reasons. */
export const CAPI_ERROR_CODES: readonly ReasonInfo[] = CAPI_ERROR_CODE_LIST

export type CapiErrorCode = (typeof CAPI_ERROR_CODE_LIST)[number]['reason']

declare const FOREIGN: unique symbol

/**
 * A code the far side sent (Microsoft's ErrorCode, the identity platform's `error`), used as the reason as it came:
 * its meaning lives in microsoft/error-codes.ts or the identity platform's pages, not in this table.
 */
export type ForeignReason = string & { readonly [FOREIGN]: true }

/** Marks a code read from an answer as a reason (never a literal of ours: those go into the tables above). */
export function foreignReason(code: string): ForeignReason {
  return code as ForeignReason
}

/** What an outcome may be built with: a reason of the tables, an HTTP status (`http_404`), or a code that came in. */
export type Reason = OwnReason | CapiErrorCode | `http_${number}` | ForeignReason
