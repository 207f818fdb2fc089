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
