/**
 * Entry of the script-tag bundle: defines `window.msadsClickId` and captures the click id as soon as the script
 * runs. `<script src="msads-click-id.min.js" data-cookie-domain="example.com">` sets the cookie domain.
 */
import { captureClickId, getClickId } from './capture'
import { enrichEvent, rudderstackArgs, rudderstackOptions, segmentPlugin, withClickId } from './enrich'

declare global {
  interface Window {
    msadsClickId: typeof api
  }
}

const api = { getClickId, captureClickId, segmentPlugin, enrichEvent, withClickId, rudderstackOptions, rudderstackArgs }

captureClickId({ cookieDomain: (document.currentScript as HTMLScriptElement | null)?.dataset.cookieDomain })
window.msadsClickId = api
