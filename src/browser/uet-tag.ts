type Fields = Record<string, unknown>

/** The UET tag's command queue: an array until bat.js loads, then the tag itself; both take `push`. */
interface UetQueue {
  push(...command: unknown[]): unknown
}

declare global {
  interface Window {
    uetq?: UetQueue
  }
}

/**
 * The parameters of the UET custom event for a conversion, from the properties the server-side destinations read
 * by default (revenue, else value, else total; currency; order_id), so that both sides report the same conversion.
 * `event_id` is the name Microsoft's UET Conversions API guide gives in its deduplication example.
 */
export function uetEventParams(properties: Fields, eventId: string): Fields {
  const params: Fields = { event_id: eventId }
  const revenue = properties.revenue ?? properties.value ?? properties.total
  const orderId = properties.order_id
  if (revenue != null) params.revenue_value = revenue
  if (properties.currency) params.currency = properties.currency
  if (orderId != null) params.transaction_id = orderId
  return params
}

/** `window.uetq.push('event', action, params)`, creating the queue when the tag has not loaded yet. */
export function pushUetEvent(action: string, params: Fields): void {
  ;(window.uetq = window.uetq || []).push('event', action, params)
}
