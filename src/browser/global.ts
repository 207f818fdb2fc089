/**
 * Entry of the script-tag bundle: defines `window.msadsClickId` and captures the click id as soon as the script
 * runs. `<script src="msads-click-id.min.js" data-cookie-domain="example.com">` sets the cookie domain.
 */
import { captureClickId, getClickId } from './capture'
import { trackConversion } from './conversion'
import {
  enrichEvent,
  rudderstackArgs,
  rudderstackConversion,
  rudderstackOptions,
  segmentPlugin,
  withClickId
} from './enrich'
import { idSync } from './id-sync'
import { getPageLoadId, startPageLoad } from './ids'

declare global {
  interface Window {
    msadsClickId: typeof api
  }
}

const api = {
  getClickId,
  captureClickId,
  segmentPlugin,
  enrichEvent,
  withClickId,
  rudderstackOptions,
  rudderstackArgs,
  rudderstackConversion,
  trackConversion,
  idSync,
  getPageLoadId,
  startPageLoad
}

captureClickId({ cookieDomain: (document.currentScript as HTMLScriptElement | null)?.dataset.cookieDomain })
window.msadsClickId = api
