/** The first-party cookie this module writes: `<msclkid>.<click time in epoch milliseconds>`. */
export const COOKIE_NAME = 'msads_msclkid'

/** The cookie Microsoft's UET tag writes: `_uet<msclkid>`. Read as a fallback, never written. */
export const UET_COOKIE_NAME = '_uetmsclkid'

/** Microsoft accepts offline conversions up to 90 days after the click, so the click id is kept that long. */
export const COOKIE_MAX_AGE_SECONDS = 90 * 24 * 60 * 60

/**
 * The key under `integrations` that carries `{ msclkid, clickTime }` to the server-side destinations: the Segment
 * destination's name. A value of `false` there (the destination turned off for an event) is left alone.
 */
export const INTEGRATION_NAME = 'Microsoft Advertising Conversions (Actions)'

/** Kept equal to package.json's version by a test. */
export const MODULE_VERSION = '0.1.0'

/**
 * Where a conversion's id travels in a CDP event: `properties.event_id`, which the server-side destinations map to
 * the Conversions API eventId by default. The UET tag gets the same id as its `event_id` parameter.
 */
export const EVENT_ID_PROPERTY = 'event_id'

/** Where the page load's id travels in a CDP event; the destinations map it to the Conversions API pageLoadId. */
export const PAGE_LOAD_ID_PROPERTY = 'page_load_id'

/** Microsoft's ID Sync pixel (UET Conversions API guide, "ID Sync and why it matters"). */
export const ID_SYNC_URL = 'https://c.bing.com/c.gif'

/** The sessionStorage key that remembers the ID Sync sent in this session: `<customer id>|<visitor id>`. */
export const ID_SYNC_SESSION_KEY = 'msads_id_sync'

/** UET's opt-out cookie: `_uetmsdns=1` stops the UET tag sending anything, and this module's ID Sync with it. */
export const UET_OPT_OUT_COOKIE = '_uetmsdns'
