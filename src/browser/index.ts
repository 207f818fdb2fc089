/**
 * The browser click-id module: keeps Microsoft's click id (msclkid) from the landing URL in a first-party cookie
 * and adds it to analytics.js and RudderStack events for the server-side destinations. See docs/browser.md.
 */
export { type CaptureOptions, captureClickId, getClickId } from './capture'
export { type ClickId } from './click-id-cookie'
export {
  type AnalyticsPlugin,
  type EnrichableEvent,
  enrichEvent,
  rudderstackArgs,
  rudderstackOptions,
  segmentPlugin,
  withClickId,
  withIntegration
} from './enrich'
export { COOKIE_MAX_AGE_SECONDS, COOKIE_NAME, INTEGRATION_NAME, UET_COOKIE_NAME } from './constants'
