import type { EmulatorSeed } from '../../emulator'
import { NON_CREDENTIAL_KEYS, registerSettingSecrets, type CliSettings } from './settings'

/**
 * The emulator seed's demo credentials as destination settings (they work on the emulator only), with the settings
 * the user gave that are not credentials (environment, consent default, phone country) kept as given.
 */
export function demoSettings(seed: EmulatorSeed, given: CliSettings = {}): CliSettings {
  const customer = seed.customers[0]
  const tag = seed.tags.find((candidate) => candidate.customerId === customer?.id) ?? seed.tags[0]
  const settings: CliSettings = {
    customer_id: customer?.id,
    account_id: customer?.accounts[0]?.id,
    developer_token: seed.credentials.developerToken,
    client_id: seed.credentials.clientId,
    client_secret: seed.credentials.clientSecret,
    refresh_token: seed.credentials.refreshToken,
    environment: 'production',
    // Unless the user chose otherwise: the demo's events carry no consent signal, and nothing reaches anyone.
    consent_default: 'granted'
  }
  if (tag) {
    settings.uet_tag_id = tag.id
    if (tag.capiToken) settings.uet_capi_token = tag.capiToken
  }
  for (const key of NON_CREDENTIAL_KEYS) if (given[key]) settings[key] = given[key]
  registerSettingSecrets(settings)
  return settings
}
