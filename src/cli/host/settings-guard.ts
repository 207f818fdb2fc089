import { parseConsentDefault } from '../../conversions/consent-default'
import { RequestError } from '../errors'
import { SETTING_KEYS, isSettingKey, registerSettingSecrets, type CliSettings } from '../config/settings'

/**
 * Settings that come with a request. Only the destination's own keys are accepted: anything else, such as an
 * attempt to point the server at another endpoint, is refused (endpoints come only from the process environment).
 */
export function requestSettings(value: unknown): CliSettings {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value))
    throw new RequestError(400, 'invalid_settings', 'settings must be a JSON object.')
  const settings: CliSettings = {}
  const unknown: string[] = []
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!isSettingKey(key)) {
      unknown.push(key)
      continue
    }
    if (raw === undefined || raw === null || raw === '') continue
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      throw new RequestError(400, 'invalid_settings', `settings.${key} must be a string.`)
    }
    settings[key] = String(raw).trim()
  }
  if (unknown.length) {
    throw new RequestError(
      400,
      'unknown_setting',
      `settings has keys that are not settings of this destination: ${unknown.join(', ')}. Known keys: ${SETTING_KEYS.join(', ')}. ` +
        "Microsoft endpoints cannot be changed by a request; they come only from the server's environment."
    )
  }
  const consent = parseConsentDefault(settings.consent_default).problem
  if (consent) throw new RequestError(400, 'invalid_settings', `settings.consent_default ${consent}.`)
  registerSettingSecrets(settings)
  return settings
}
