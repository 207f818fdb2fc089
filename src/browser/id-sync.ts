import { ID_SYNC_SESSION_KEY, ID_SYNC_URL } from './constants'
import { adStorageDenied } from './consent'

export interface IdSyncOptions {
  /** The Microsoft Advertising customer id (CID, digits; not the UET tag id): sent as `Red3=BACID_<CID>`. */
  customerId: string | number
  /**
   * The visitor's anonymous id exactly as the CDP sends it (Segment or RudderStack `anonymousId`), so that it equals
   * the Conversions API `userData.anonymousId`: sent as `VID`.
   */
  anonymousId: unknown
  /** The CDP event's `context.consent`, when there is one (see `adStorageDenied`). */
  consent?: unknown
}

/** What `idSync` did, and why. */
export type IdSyncResult =
  'sent' | 'already_sent' | 'ad_storage_denied' | 'invalid_customer_id' | 'no_anonymous_id' | 'not_anonymous'

// When sessionStorage is refused, the page remembers instead: once per page rather than per session.
let sentInPage: string | undefined

function sentThisSession(): string | null | undefined {
  try {
    return sessionStorage.getItem(ID_SYNC_SESSION_KEY)
  } catch {
    return sentInPage
  }
}

function remember(value: string): void {
  sentInPage = value
  try {
    sessionStorage.setItem(ID_SYNC_SESSION_KEY, value)
  } catch {
    // the page-level memory above stands in
  }
}

/**
 * Fires Microsoft's ID Sync pixel (`https://c.bing.com/c.gif?Red3=BACID_<CID>&VID=<anonymous id>`) once per browser
 * session and visitor id. Nothing is sent when ad storage is denied, or when the visitor id looks like an email
 * address or a phone number: Microsoft asks for an anonymous id, never a real one. `UID` is never sent.
 */
export function idSync(options: IdSyncOptions): IdSyncResult {
  const customerId = String(options.customerId ?? '').trim()
  if (!/^\d+$/.test(customerId)) return 'invalid_customer_id'
  const visitor = options.anonymousId
  const vid = typeof visitor === 'string' || typeof visitor === 'number' ? String(visitor).trim() : ''
  if (!vid) return 'no_anonymous_id'
  if (vid.includes('@') || /^\+?[\d\s().-]{7,}$/.test(vid)) return 'not_anonymous'
  if (adStorageDenied(options.consent)) return 'ad_storage_denied'
  const key = customerId + '|' + vid
  if (sentThisSession() === key) return 'already_sent'
  new Image().src = ID_SYNC_URL + '?Red3=BACID_' + customerId + '&VID=' + encodeURIComponent(vid)
  remember(key)
  return 'sent'
}
