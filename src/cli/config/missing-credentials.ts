import { requiredCredentials } from '../../microsoft/credential-requirements'
import { SettingsError } from '../errors'
import type { LoadedSettings } from './load-settings'
import { SETTING_ENV, type SettingKey } from './settings'

/** Where a person sets a credential: its environment variable, or its key in the config file. */
export function whereToSet(key: SettingKey, configFile?: string): string {
  const file = configFile ? `"${key}" in ${configFile}` : `"${key}" in a config file (--config)`
  return `${key}: set ${SETTING_ENV[key]} or ${file}`
}

/**
 * The credentials a configured run lacks, named by environment variable and config key, before anything runs:
 * the account's calls need the whole set, and events of the Conversions API alone need only the tag and its token.
 * Undefined when the run has what it needs (or none at all: it then runs on the embedded emulator).
 */
export function missingCredentials(loaded: LoadedSettings): SettingsError | undefined {
  if (!loaded.configured) return undefined
  const { settings } = loaded
  const lacking = (keys: readonly string[]) =>
    keys.filter((key) => key !== 'environment' && !settings[key as SettingKey]) as SettingKey[]
  const forCampaign = lacking(requiredCredentials('campaign'))
  const forCapiAlone = lacking(requiredCredentials('uet_capi', { capiToken: true }).concat('uet_capi_token'))
  if (!forCampaign.length || !forCapiAlone.length) return undefined
  const lines = forCampaign.map((key) => `  ${whereToSet(key, loaded.configFile)}`)
  return new SettingsError(
    `Some credentials are set and these are missing:\n${lines.join('\n')}\n` +
      'Set them all to reach Microsoft Advertising, or none to run on the embedded emulator.'
  )
}
