import type { UnattributedReason } from './models/offline-conversion-reports'

/**
 * Why Microsoft accepted a conversion and then did not count it (OfflineConversionUnattributedReason,
 * https://learn.microsoft.com/advertising/campaign-management-service/offlineconversionunattributedreason), and what a person should do. `msads
 * diagnostics`, `msads serve`'s /diagnostics and the troubleshooting guide all read this table.
 */
export interface UnattributedReasonInfo {
  reason: UnattributedReason
  /** Microsoft's description, in a sentence. */
  meaning: string
  action: string
}

export const UNATTRIBUTED_REASON_INFO: readonly UnattributedReasonInfo[] = [
  {
    reason: 'AccountMismatch',
    meaning: 'Matching clicks were found, but all of them belong to other accounts.',
    action:
      'Send each conversion to the account whose ads were clicked: check account_id (or the serve account the event is routed to), and use a Customer-scope goal if several accounts share the goal.'
  },
  {
    reason: 'AdjustmentOriginalNotFound',
    meaning: 'A restate or retract names an original conversion that Microsoft does not have.',
    action:
      'Send the original conversion first, and name it exactly as sent: the same goal, click id (or hashes) and ConversionTime to the second. Adjustments of conversions that were refused or never sent cannot apply.'
  },
  {
    reason: 'ClickTimestampAfterConversion',
    meaning: 'The click happened after the conversion time.',
    action:
      'The conversion time is wrong or in another time zone: send the time the sale happened, in UTC (or with its offset), never the time of an earlier step. Check that the click id belongs to this customer.'
  },
  {
    reason: 'ConversionAlreadyRetracted',
    meaning: 'The conversion was retracted already; a second adjustment is not permitted.',
    action:
      'Nothing for the retracted conversion. Make sure a refund or cancellation is sent once (its order id mapped to the same conversion), and that restates come before a retract.'
  },
  {
    reason: 'ConversionTimeExceedsMaxLookback',
    meaning: 'The conversion time is older than 90 days.',
    action: 'Upload within 90 days of the conversion; backfill older data is not counted.'
  },
  {
    reason: 'ConversionTimeInFuture',
    meaning: 'The conversion time is in the future.',
    action:
      "Check the sender's clock (NTP) and the time zone of the conversion time: a local time written without an offset is read as UTC."
  },
  {
    reason: 'DuplicateConversionKey',
    meaning:
      'Another conversion had the same click id, goal, conversion time, hashed email and hashed phone, or one with the same key was already attributed.',
    action:
      'Expected when a resend repeats a conversion (it counts once). If different sales collide, they share a click id and a time to the second: send each sale with its own time.'
  },
  {
    reason: 'GoalNotFoundOrInactive',
    meaning: 'No active goal has the conversion name: it does not exist, or it is paused or deleted.',
    action:
      'Activate the goal in Microsoft Advertising (Tools > Conversion goals), or map the events to an active goal (`msads goals list` shows each status).'
  },
  {
    reason: 'HistoricalClickDataExpired',
    meaning: 'The original conversion exists, but its click is older than 90 days.',
    action: 'Adjust conversions within 90 days of their click.'
  },
  {
    reason: 'MalformedData',
    meaning: 'The upload held malformed data or characters that stopped processing.',
    action:
      'Check the detail file of that day (its URL is printed) for the rows at fault: unusual characters in the goal name, or a hash that is not SHA-256 of the normalised value.'
  },
  {
    reason: 'MissingMatchIdentifiers',
    meaning: 'No click id, and no click could be found through the hashed email or phone (enhanced conversions).',
    action:
      'Send the click id (msclkid) whenever you have it. For hash-only conversions, check that enhanced conversions are on for the goal and that email and phone are the ones the user signed in with.'
  },
  {
    reason: 'NoMatchingClickFound',
    meaning: 'No click matches the click id, hashed email or hashed phone.',
    action:
      'Check where the click id comes from: it must be the msclkid of an ad click of this customer, captured on the landing page (auto-tagging on), sent unchanged and within the goal window. Test clicks and clicks of other customers never match.'
  },
  {
    reason: 'OutsideGoalLookbackWindow',
    meaning: "The click is outside the goal's conversion window.",
    action:
      "Upload sooner after the click, or widen the goal's conversion window (up to 90 days) in Microsoft Advertising if sales take longer."
  },
  {
    reason: 'Unknown',
    meaning: 'Microsoft gave no reason.',
    action: 'Read the detail file of that day; if the cause is not there, ask Microsoft Advertising support.'
  }
]

const BY_REASON = new Map<string, UnattributedReasonInfo>(
  UNATTRIBUTED_REASON_INFO.map((entry) => [entry.reason, entry])
)

/** The entry of a reason; a reason Microsoft added after this table gets the Unknown remedy under its own name. */
export function unattributedReasonInfo(reason: string): UnattributedReasonInfo {
  const known = BY_REASON.get(reason)
  if (known) return known
  const unknown = BY_REASON.get('Unknown') as UnattributedReasonInfo
  return { ...unknown, reason: reason as UnattributedReason, meaning: `A reason this version does not know.` }
}
