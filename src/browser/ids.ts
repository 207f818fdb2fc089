type Fields = Record<string, unknown>

/** A random version-4 UUID. `crypto.getRandomValues` works on http pages too, unlike `crypto.randomUUID`. */
export function randomUuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6] & 15) | 64
  bytes[8] = (bytes[8] & 63) | 128
  let hex = ''
  for (const byte of bytes) hex += (byte + 256).toString(16).slice(1)
  return hex.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')
}

let pageLoadId: string | undefined

/** The id of this page load (a v4 UUID, as the Conversions API asks), made on first use. */
export function getPageLoadId(): string {
  return (pageLoadId ??= randomUuid())
}

/** Starts a new page load, for a single-page app's navigation: later events get a new pageLoadId. */
export function startPageLoad(): string {
  return (pageLoadId = randomUuid())
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== ''
}

/** The id of a conversion: the `event_id` the page gave, else its `order_id` (both as they are), else a new UUID. */
export function conversionEventId(properties?: Fields): string {
  const given = present(properties?.event_id) ? properties!.event_id : properties?.order_id
  return present(given) ? String(given) : randomUuid()
}
