import { COOKIE_NAME, UET_COOKIE_NAME } from '../browser/constants'
import { InputError, kindOf } from './input-error'

/** Where a click id may be found, in a fixed order (docs/fields.md, Microsoft Click ID). Hosts fill what they have. */
export interface ClickIdSources {
  /** The field the user mapped. */
  mapped?: unknown
  /** The host's integrations object (filled by the browser module or a plugin). */
  integrations?: unknown
  /** `properties.msclkid`. */
  properties?: unknown
  /** The page URL, whose `msclkid` query parameter is read. */
  pageUrl?: unknown
  /** The campaign context a tracking SDK parsed from the landing URL (`context.campaign`): its `msclkid`, or the value. */
  campaign?: unknown
  /** The click-id cookie: a value of `msads_msclkid` or `_uetmsclkid`, or a whole Cookie header holding either. */
  cookie?: unknown
}

export type ClickIdSource = keyof ClickIdSources

export interface ResolvedClickId {
  value: string
  source: ClickIdSource
}

// A Microsoft click id is a GUID: 32 hex digits, sometimes written with dashes.
const MSCLKID = /^(?:[\da-f]{32}|[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12})$/i
const UET_COOKIE_PREFIX = '_uet'

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function fromUrl(value: unknown): string | undefined {
  const url = text(value)
  if (!url) return undefined
  const query = url.indexOf('?')
  if (query < 0) return undefined
  const hash = url.indexOf('#', query)
  const params = new URLSearchParams(url.slice(query + 1, hash < 0 ? undefined : hash))
  return text(params.get('msclkid') ?? undefined)
}

function cookieValue(header: string, name: string): string | undefined {
  const prefix = `${name}=`
  for (const part of header.split(';')) {
    const pair = part.trim()
    if (pair.startsWith(prefix)) {
      try {
        return decodeURIComponent(pair.slice(prefix.length))
      } catch {
        return pair.slice(prefix.length)
      }
    }
  }
  return undefined
}

/** A click-id cookie value: ours (`<msclkid>.<click time ms>`) or Microsoft's (`_uet<msclkid>`). */
function clickIdOfCookieValue(value: string): string {
  if (value.startsWith(UET_COOKIE_PREFIX)) return value.slice(UET_COOKIE_PREFIX.length)
  const dot = value.lastIndexOf('.')
  return dot > 0 && /^\d{1,15}$/.test(value.slice(dot + 1)) ? value.slice(0, dot) : value
}

function fromCookie(value: unknown): string | undefined {
  const raw = text(value)
  if (!raw) return undefined
  const cookie = raw.includes('=') ? (cookieValue(raw, COOKIE_NAME) ?? cookieValue(raw, UET_COOKIE_NAME)) : raw
  return cookie === undefined ? undefined : text(clickIdOfCookieValue(cookie))
}

function fromIntegrations(value: unknown): string | undefined {
  if (value && typeof value === 'object') return text((value as { msclkid?: unknown }).msclkid)
  return text(value)
}

// 1 for the char codes of hexadecimal digits, either case.
const HEX_DIGIT = new Uint8Array(128)
for (const digit of '0123456789abcdefABCDEF') HEX_DIGIT[digit.charCodeAt(0)] = 1

/**
 * A click id in the form the UET Conversions API guide gives for `msclkid` ("Send MSCLKID whenever possible": a
 * UUID such as `dd4afccc-b1c9-4a4c-ad95-44dd7e5006ab`): the same 32 hex digits, lower case, dashed 8-4-4-4-12.
 * Landing pages carry the 32 digits without dashes; offline conversions keep the id as captured.
 */
export function clickIdAsUuid(value: string): string {
  const hex = value.length === 32 ? value.toLowerCase() : value.replace(/-/g, '').toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export function isMicrosoftClickId(value: string): boolean {
  if (value.length === 32) {
    for (let i = 0; i < 32; i += 1) if (HEX_DIGIT[value.charCodeAt(i)] !== 1) return false
    return true
  }
  return value.length === 36 && MSCLKID.test(value)
}

const SOURCE_DESCRIPTIONS: Record<ClickIdSource, string> = {
  mapped: 'the mapped field',
  integrations: 'the integrations object',
  properties: 'properties.msclkid',
  pageUrl: 'the msclkid parameter of the page URL',
  campaign: 'the campaign context',
  cookie: 'the _uetmsclkid cookie'
}

function checked(source: ClickIdSource, value: string | undefined): ResolvedClickId | undefined {
  if (value === undefined) return undefined
  if (!isMicrosoftClickId(value)) {
    throw new InputError(
      'microsoft_click_id',
      'format',
      `is not a Microsoft click id (32 hexadecimal characters) as found in ${SOURCE_DESCRIPTIONS[source]}`
    )
  }
  return { value, source }
}

function mappedText(value: unknown): string | undefined {
  if (value === null || value === '') return undefined
  if (typeof value !== 'string')
    throw new InputError('microsoft_click_id', 'type', `must be a string, not ${kindOf(value)}`)
  return text(value)
}

/**
 * The first click id present, checked for shape. An invalid first value is an error rather than a reason to
 * look further: sending a different click id than the one the user mapped would be inventing data.
 */
export function resolveClickId(sources: ClickIdSources | undefined): ResolvedClickId | undefined {
  if (!sources) return undefined
  // Each source is read only when the ones before it are empty.
  return (
    checked('mapped', sources.mapped === undefined ? undefined : mappedText(sources.mapped)) ??
    checked('integrations', fromIntegrations(sources.integrations)) ??
    checked('properties', text(sources.properties)) ??
    checked('pageUrl', fromUrl(sources.pageUrl)) ??
    checked('campaign', fromIntegrations(sources.campaign)) ??
    checked('cookie', fromCookie(sources.cookie))
  )
}
