import type { ConsentSignals, ConsentState } from 'msads-conversions'
import type { RudderMessage } from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'
import { integrationsObject } from './integrations-object'

function idList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string').map((id) => id.trim())
  if (value && typeof value === 'object') return Object.keys(value)
  return undefined
}

function fromConsentIds(management: unknown, categoryIds: readonly string[]): ConsentState | undefined {
  if (categoryIds.length === 0 || !management || typeof management !== 'object') return undefined
  const { deniedConsentIds, allowedConsentIds } = management as {
    deniedConsentIds?: unknown
    allowedConsentIds?: unknown
  }
  const denied = idList(deniedConsentIds)
  if (denied?.some((id) => categoryIds.includes(id))) return 'denied'
  if (denied) return 'granted'
  if (idList(allowedConsentIds)?.some((id) => categoryIds.includes(id))) return 'granted'
  return undefined
}

function integrationsConsent(message: RudderMessage): ConsentSignals {
  const entry = integrationsObject(message)
  const consents = (entry?.consents ?? entry?.consent) as Record<string, unknown> | undefined
  if (!consents || typeof consents !== 'object') return {}
  return {
    adStorage: consents.ad_storage ?? consents.adStorage,
    adUserData: consents.ad_user_data ?? consents.adUserData
  }
}

/**
 * RudderStack's consent signals for the core's two rules. The raw values go to the core, which decides what
 * they mean; the admin's default applies to whatever stays unknown.
 *
 * 1. `context.consentManagement`: a category id configured for ad_storage (or ad_user_data) that appears in
 *    `deniedConsentIds` denies it; when the consent manager reported its denials and none of the configured ids
 *    is among them, consent is granted.
 * 2. The integrations object: `integrations.BINGADS_CONVERSIONS.consents.ad_storage` / `ad_user_data`
 *    (`adStorage` / `adUserData` also read), in the Google consent-mode style.
 */
export function consentSignals(message: RudderMessage, settings: DestinationSettings): ConsentSignals {
  const management = (message.context as { consentManagement?: unknown } | undefined)?.consentManagement
  const fromIntegrations = integrationsConsent(message)
  return {
    adStorage: fromConsentIds(management, settings.adStorageCategoryIds) ?? fromIntegrations.adStorage,
    adUserData: fromConsentIds(management, settings.adUserDataCategoryIds) ?? fromIntegrations.adUserData
  }
}
