import type { CapiEvent } from '../../microsoft/models/capi'
import type {
  OfflineConversion,
  OfflineConversionAdjustment,
  OnlineConversionAdjustment
} from '../../microsoft/models/offline-conversions'
import type { ForwardEntry, ForwardKind } from './forward-entry'

/** What the forward log keeps of the Microsoft item an event became. */
export type EntryDetails = Pick<
  ForwardEntry,
  'kind' | 'goal' | 'orderId' | 'clickId' | 'hashedEmail' | 'hashedPhone' | 'conversionTime' | 'value' | 'currency'
>

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : undefined

/** An order id as the forward log keeps it (text or a number, never empty). */
export const orderIdText = text
const amount = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined

/** The details without their undefined keys (copied rather than deleted: an object that loses a key gets slow). */
function compact(details: EntryDetails): EntryDetails {
  const kept: Record<string, unknown> = {}
  for (const key of Object.keys(details) as Array<keyof EntryDetails>)
    if (details[key] !== undefined) kept[key] = details[key]
  return kept as EntryDetails
}

/**
 * The details of a Microsoft item as the core built it, with a key for every detail its kind has, undefined when the
 * item has none: for a row, which writes undefined as NULL (no second, compacted object per event).
 */
export function itemDetails(kind: ForwardKind, record: unknown): EntryDetails {
  if (kind === 'offline') {
    const item = record as OfflineConversion
    return {
      kind,
      goal: text(item.ConversionName),
      conversionTime: text(item.ConversionTime),
      clickId: text(item.MicrosoftClickId),
      hashedEmail: text(item.HashedEmailAddress),
      hashedPhone: text(item.HashedPhoneNumber),
      value: amount(item.ConversionValue),
      currency: text(item.ConversionCurrencyCode)
    }
  }
  if (kind === 'adjustment') {
    const item = record as OfflineConversionAdjustment & OnlineConversionAdjustment
    return {
      kind,
      goal: text(item.ConversionName),
      orderId: text(item.TransactionId),
      conversionTime: text(item.ConversionTime),
      clickId: text(item.MicrosoftClickId),
      hashedEmail: text(item.HashedEmailAddress),
      hashedPhone: text(item.HashedPhoneNumber),
      value: amount(item.AdjustmentValue),
      currency: text(item.AdjustmentCurrencyCode)
    }
  }
  if (kind === 'capi') {
    const item = record as CapiEvent
    return {
      kind,
      goal: text(item.eventName),
      orderId: text(item.customData?.transactionId),
      clickId: text(item.userData?.msclkid),
      value: amount(item.customData?.value),
      currency: text(item.customData?.currency)
    }
  }
  return { kind }
}

/** The details of a Microsoft item as the core built it (what is, or would be, sent), without undefined keys. */
export function detailsOfRecord(kind: ForwardKind, record: unknown): EntryDetails {
  return compact(itemDetails(kind, record))
}

/** The details of an input the core did not turn into an item (rejected or skipped): what the mapping named. */
export function detailsOfInput(
  kind: ForwardKind,
  input: { conversionName?: unknown; transactionId?: unknown; value?: unknown; currency?: unknown }
): EntryDetails {
  return compact({
    kind,
    goal: text(input.conversionName),
    orderId: text(input.transactionId),
    value: amount(input.value),
    currency: text(input.currency)
  })
}
