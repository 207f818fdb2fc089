import { InputError } from './input-error'

/** Where a click id may be found, in the order DESIGN.md fixes. Hosts fill what they have. */
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
  /** The `_uetmsclkid` cookie: its value (`_uet…`) or a whole Cookie header. */
  cookie?: unknown
}

export type ClickIdSource = keyof ClickIdSources

export interface ResolvedClickId {
  value: string
  source: ClickIdSource
}

// A Microsoft click id is a GUID: 32 hex digits, sometimes written with dashes.
const MSCLKID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
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

function fromCookie(value: unknown): string | undefined {
  const raw = text(value)
  if (!raw) return undefined
  let cookie = raw
  if (raw.includes('=')) {
    const pair = raw
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith('_uetmsclkid='))
    cookie = pair ? decodeURIComponent(pair.slice('_uetmsclkid='.length)) : ''
  }
  if (cookie.startsWith(UET_COOKIE_PREFIX)) cookie = cookie.slice(UET_COOKIE_PREFIX.length)
  return text(cookie)
}

function fromIntegrations(value: unknown): string | undefined {
  if (value && typeof value === 'object') return text((value as { msclkid?: unknown }).msclkid)
  return text(value)
}

export function isMicrosoftClickId(value: string): boolean {
  return MSCLKID.test(value)
}

/**
 * The first click id present, checked for shape. An invalid first value is an error rather than a reason to
 * look further: sending a different click id than the one the user mapped would be inventing data.
 */
export function resolveClickId(sources: ClickIdSources | undefined): ResolvedClickId | undefined {
  if (!sources) return undefined
  const candidates: Array<[ClickIdSource, string | undefined]> = [
    ['mapped', sources.mapped === undefined ? undefined : mappedText(sources.mapped)],
    ['integrations', fromIntegrations(sources.integrations)],
    ['properties', text(sources.properties)],
    ['pageUrl', fromUrl(sources.pageUrl)],
    ['campaign', fromIntegrations(sources.campaign)],
    ['cookie', fromCookie(sources.cookie)]
  ]
  for (const [source, value] of candidates) {
    if (value === undefined) continue
    if (!isMicrosoftClickId(value)) {
      throw new InputError(
        'microsoft_click_id',
        'format',
        `is not a Microsoft click id (32 hexadecimal characters) as found in ${describeSource(source)}`
      )
    }
    return { value, source }
  }
  return undefined
}

function mappedText(value: unknown): string | undefined {
  if (value === null || value === '') return undefined
  if (typeof value !== 'string') throw new InputError('microsoft_click_id', 'type', 'must be a string')
  return text(value)
}

function describeSource(source: ClickIdSource): string {
  switch (source) {
    case 'mapped':
      return 'the mapped field'
    case 'integrations':
      return 'the integrations object'
    case 'properties':
      return 'properties.msclkid'
    case 'pageUrl':
      return 'the msclkid parameter of the page URL'
    case 'campaign':
      return 'the campaign context'
    case 'cookie':
      return 'the _uetmsclkid cookie'
  }
}
