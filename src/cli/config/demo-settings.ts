import type { EmulatorSeed } from '../../emulator/seed'
import { registerSettingSecrets, type CliSettings } from './settings'

/** The emulator seed's demo credentials as destination settings. They work on the emulator only. */
export function demoSettings(seed: EmulatorSeed): CliSettings {
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
    // The demo sends events that carry no consent signal; on the emulator, nothing reaches anyone.
    consent_default: 'granted'
  }
  if (tag) {
    settings.uet_tag_id = tag.id
    if (tag.capiToken) settings.uet_capi_token = tag.capiToken
  }
  registerSettingSecrets(settings)
  return settings
}
