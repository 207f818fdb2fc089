import { sha256Hex } from '../conversions/sha256'
import type { CapiEvent } from './models/capi'

/**
 * A stable eventId for a CAPI event that has none: UUID-shaped (version 8, name-based) from the SHA-256 of the tag,
 * the event's type, name, time, page and identifiers. The same event always gets the same id, so a resend after an
 * unconfirmed answer is deduplicated by Microsoft (tag + eventId + eventName) instead of counted twice.
 */
export function deriveCapiEventId(event: Omit<CapiEvent, 'eventId'>, tagId = ''): string {
  const user = event.userData ?? {}
  const parts = [
    tagId,
    event.eventType,
    event.eventName ?? '',
    event.eventTime,
    event.eventSourceUrl ?? '',
    event.pageLoadId ?? '',
    // The 32 digits as landing pages carry them: ids derived before msclkid was sent dashed stay the same.
    user.msclkid?.replace(/-/g, '') ?? '',
    user.em ?? '',
    user.ph ?? '',
    user.anonymousId ?? '',
    user.externalId ?? '',
    user.idfa ?? '',
    user.gaid ?? '',
    event.customData?.transactionId ?? '',
    event.customData?.value ?? ''
  ]
  const hex = sha256Hex(JSON.stringify(parts))
  const variant = ((parseInt(hex[16], 16) % 4) + 8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
