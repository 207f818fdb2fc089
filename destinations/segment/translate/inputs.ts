import type { ClickIdSources, ConsentSignals } from 'msads-conversions'

/** The click_id_sources field (fields/click-id-sources.ts). */
export interface MappedClickIdSources {
  integrations?: string
  properties?: string
  page_url?: string
  cookie?: string
}

/** The mapped click id first, then the other places, in the order the core resolves them. */
export function clickIdSources(mapped: unknown, sources: MappedClickIdSources | undefined): ClickIdSources {
  return {
    mapped,
    integrations: sources?.integrations,
    properties: sources?.properties,
    pageUrl: sources?.page_url,
    cookie: sources?.cookie
  }
}

/** The consent fields (fields/consent.ts), passed raw: the core reads granted/denied/true/false/G/D. */
export function consentSignals(payload: {
  ad_storage_consent?: unknown
  ad_user_data_consent?: unknown
}): ConsentSignals {
  return { adStorage: payload.ad_storage_consent, adUserData: payload.ad_user_data_consent }
}
