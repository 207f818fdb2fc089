import { UET_OPT_OUT_COOKIE } from './constants'

type Fields = Record<string, unknown>

declare global {
  interface Window {
    dataLayer?: unknown[]
  }
}

function denied(value: unknown): boolean {
  return value === false || (typeof value === 'string' && /^(denied|false|d|no|0)$/i.test(value.trim()))
}

/** The `ad_storage` of the last `['consent', 'default' | 'update', { ad_storage }]` command among `commands`. */
function lastAdStorage(commands: ArrayLike<unknown>[]): unknown {
  let state: unknown
  for (const command of commands) {
    const settings = command?.[0] === 'consent' && (command[2] as Fields | undefined)
    if (settings && typeof settings === 'object' && settings.ad_storage !== undefined) state = settings.ad_storage
  }
  return state
}

/**
 * True when any consent signal the page shows denies ad storage:
 * - the CDP event's `context.consent`: `ad_storage`, or Segment Consent Management's `categoryPreferences.Advertising`
 *   (what the server-side destinations read by default);
 * - Google consent mode: the last `gtag('consent', …)` command in `window.dataLayer`;
 * - UET consent mode: the last `uetq.push('consent', …)` while `window.uetq` is still a queue (before bat.js loads);
 * - UET's opt-out cookie `_uetmsdns=1`.
 */
export function adStorageDenied(eventConsent?: unknown): boolean {
  const consent = (eventConsent && typeof eventConsent === 'object' ? eventConsent : {}) as Fields
  const categories = (consent.categoryPreferences || {}) as Fields
  const dataLayer = Array.isArray(window.dataLayer) ? window.dataLayer : []
  const uetq = window.uetq
  const uetCommands = Array.isArray(uetq) ? uetq.map((_, index) => uetq.slice(index, index + 3)) : []
  return (
    denied(consent.ad_storage) ||
    denied(categories.Advertising) ||
    denied(lastAdStorage(dataLayer as ArrayLike<unknown>[])) ||
    denied(lastAdStorage(uetCommands)) ||
    document.cookie.split('; ').includes(UET_OPT_OUT_COOKIE + '=1')
  )
}
