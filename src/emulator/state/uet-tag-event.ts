/** A custom event of the UET JavaScript tag: `window.uetq.push('event', eventAction, params)`. */
export interface UetTagEvent {
  eventAction: string
  params: Record<string, unknown>
}

/**
 * The key Microsoft dedupes a conversion on across the UET tag and the Conversions API (same tag, eventId and
 * eventName; the tag's event action is the CAPI eventName). Without an id, nothing is a duplicate.
 */
export function conversionKey(eventId: unknown, eventName: unknown): string | null {
  return typeof eventId === 'string' && eventId !== ''
    ? `${eventId}|${typeof eventName === 'string' ? eventName : ''}`
    : null
}
