/** What the page knows about the ad click that brought the visitor. */
export interface ClickId {
  /** Microsoft's click id, exactly as it arrived (32 hex digits or the dashed GUID form). */
  msclkid: string
  /** When the click id first landed on the site, ISO 8601 UTC. Absent when only `_uetmsclkid` knew the click. */
  clickTime?: string
}

// The same shape the core accepts (src/conversions/click-id.ts); a unit test keeps the two in step.
const CLICK_ID = /^([\da-f]{32}|[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12})$/i
const COOKIE_VALUE = /^(.+)\.(\d{1,15})$/

export function isClickId(value: string | null | undefined): value is string {
  return !!value && CLICK_ID.test(value)
}

export function formatClickCookie(msclkid: string, clickTimeMs: number): string {
  return msclkid + '.' + clickTimeMs
}

/** Reads a value written by `formatClickCookie`; anything that is not a valid click id gives undefined. */
export function parseClickCookie(value: string): ClickId | undefined {
  const parts = COOKIE_VALUE.exec(value)
  if (parts && isClickId(parts[1])) return { msclkid: parts[1], clickTime: new Date(+parts[2]).toISOString() }
  return undefined
}

/** Reads Microsoft's `_uetmsclkid` cookie value (`_uet<msclkid>`). */
export function parseUetCookie(value: string): ClickId | undefined {
  const msclkid = value.slice(4)
  return value.startsWith('_uet') && isClickId(msclkid) ? { msclkid } : undefined
}
