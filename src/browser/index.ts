/**
 * The browser module: keeps Microsoft's click id (msclkid) from the landing URL in a first-party cookie and adds it
 * to analytics.js and RudderStack events for the server-side destinations; gives each conversion one id shared by
 * the UET tag and the Conversions API; fires Microsoft's ID Sync. See docs/browser.md.
 */
export { type CaptureOptions, captureClickId, getClickId } from './capture'
export { type ClickId } from './click-id-cookie'
export { type Conversion, trackConversion } from './conversion'
export { adStorageDenied } from './consent'
export {
  type AnalyticsPlugin,
  type EnrichableEvent,
  type SegmentPluginOptions,
  enrichEvent,
  rudderstackArgs,
  rudderstackConversion,
  rudderstackOptions,
  segmentPlugin,
  withClickId,
  withIntegration
} from './enrich'
export { type IdSyncOptions, type IdSyncResult, idSync } from './id-sync'
export { getPageLoadId, startPageLoad } from './ids'
export {
  COOKIE_MAX_AGE_SECONDS,
  COOKIE_NAME,
  EVENT_ID_PROPERTY,
  INTEGRATION_NAME,
  PAGE_LOAD_ID_PROPERTY,
  UET_COOKIE_NAME
} from './constants'
