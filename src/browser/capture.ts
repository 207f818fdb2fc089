import { COOKIE_MAX_AGE_SECONDS, COOKIE_NAME, UET_COOKIE_NAME } from './constants'
import { type ClickId, formatClickCookie, isClickId, parseClickCookie, parseUetCookie } from './click-id-cookie'

export interface CaptureOptions {
  /**
   * Domain attribute for the cookie, e.g. `example.com` to share it with `shop.example.com`. Without it the cookie
   * belongs to the current host only.
   */
  cookieDomain?: string
}

// The click that landed on this page, for when the browser refuses to store cookies.
let landed: ClickId | undefined

/** The valid click ids held by the cookies called `name`; a browser may hold several (host and domain cookies). */
function cookieClickIds(name: string, parse: (value: string) => ClickId | undefined): ClickId[] {
  const found: ClickId[] = []
  for (const pair of document.cookie.split('; ')) {
    const clickId = pair.startsWith(name + '=') && parse(pair.slice(name.length + 1))
    if (clickId) found.push(clickId)
  }
  return found
}

/** Our latest click: after a change of cookie domain, a host cookie and a domain cookie may both exist. */
function storedClickId(): ClickId | undefined {
  return cookieClickIds(COOKIE_NAME, parseClickCookie).sort((a, b) => (a.clickTime! < b.clickTime! ? 1 : -1))[0]
}

/** Writes the cookie for a new click, timed now, and returns what it holds. */
function storeClick(msclkid: string, cookieDomain?: string): ClickId | undefined {
  const value = formatClickCookie(msclkid, Date.now())
  document.cookie =
    COOKIE_NAME +
    '=' +
    value +
    '; Max-Age=' +
    COOKIE_MAX_AGE_SECONDS +
    '; Path=/; SameSite=Lax' +
    (cookieDomain ? '; Domain=' + cookieDomain : '') +
    (location.protocol === 'https:' ? '; Secure' : '')
  return parseClickCookie(value)
}

/**
 * The click id to attribute conversions to: this page's landing click, else our cookie, else Microsoft's
 * `_uetmsclkid` cookie. Undefined when none holds a valid click id; one is never made up.
 */
export function getClickId(): ClickId | undefined {
  return landed || storedClickId() || cookieClickIds(UET_COOKIE_NAME, parseUetCookie)[0]
}

/**
 * Stores the `msclkid` of the landing URL, if valid, in the first-party cookie, then returns `getClickId()`.
 * A click id already stored keeps its original click time and expiry; a different (newer) one replaces it.
 */
export function captureClickId(options: CaptureOptions = {}): ClickId | undefined {
  const msclkid = new URLSearchParams(location.search).get('msclkid')
  if (isClickId(msclkid)) {
    const stored = storedClickId()
    landed = stored?.msclkid === msclkid ? stored : storeClick(msclkid, options.cookieDomain)
  }
  return getClickId()
}
