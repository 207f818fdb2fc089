import { readFile } from 'fs/promises'
import { parseConsentDefault } from '../../conversions/consent-default'
import { AccountError, ConfigError, SettingsError } from '../errors'
import { plainText } from '../../support/plain-text'
import {
  ACCOUNT_CONFIG_KEYS,
  DEFAULT_ACCOUNT_NAME,
  hasAccount,
  readAccounts,
  settingsOfAccount,
  type ConfiguredAccounts
} from './accounts'
import { tokenFilePath } from './paths'
import {
  SETTING_ENV,
  SETTING_KEYS,
  hasCredentials,
  isSettingKey,
  registerSettingSecrets,
  type CliSettings,
  type SettingKey
} from './settings'
import { TokenFile } from './token-file'

export type SettingSource = 'environment' | 'config file' | 'token file'

export interface LoadedSettings {
  settings: CliSettings
  /** Where each present setting came from (never its value). */
  sources: Partial<Record<SettingKey, SettingSource>>
  /** True when any credential is set: the command talks to Microsoft, not to the embedded emulator. */
  configured: boolean
  configFile?: string
  tokenFile: TokenFile
  /** The config file's accounts (their own settings only); empty without any. */
  accounts: ConfiguredAccounts
  /** The account these settings are for: --account (MSADS_ACCOUNT), else the config's default_account. */
  account?: string
}

/** Refuses a consent default that is neither granted nor denied (the core's rule), naming where it was set. */
function checkConsentDefault(settings: CliSettings, where: string): void {
  const { problem } = parseConsentDefault(settings.consent_default)
  if (problem) throw new SettingsError(`consent_default${where} ${problem}.`)
}

function text(value: unknown): string | undefined {
  const trimmed = plainText(value)?.trim()
  return trimmed ? trimmed : undefined
}

/** The config file: a JSON object with the destination's setting keys (customer_id, account_id, …). */
export async function readConfigFile(path: string): Promise<CliSettings> {
  let raw: string
  try {
    raw = await readFile(path, 'utf8')
  } catch (error) {
    throw new ConfigError(
      `Cannot read the config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw new ConfigError(`The config file ${path} is not valid JSON.`)
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ConfigError(`The config file ${path} must hold a JSON object of settings.`)
  const settings: CliSettings = {}
  const unknown: string[] = []
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if ((ACCOUNT_CONFIG_KEYS as readonly string[]).includes(key)) continue
    if (!isSettingKey(key)) {
      unknown.push(key)
      continue
    }
    if (value !== null && typeof value === 'object') throw new ConfigError(`${key} in ${path} must be a string.`)
    const value_ = text(value)
    if (value_) settings[key] = value_
  }
  if (unknown.length) {
    throw new ConfigError(
      `The config file ${path} has keys that are not settings: ${unknown.join(', ')}. Known keys: ${SETTING_KEYS.join(', ')}, accounts, default_account. ` +
        'Endpoints are set only by the process environment (MSADS_API_BASE_URL).'
    )
  }
  return settings
}

async function accountsOf(configFile: string | undefined): Promise<ConfiguredAccounts> {
  if (!configFile) return { accounts: {} }
  try {
    return await readAccounts(configFile)
  } catch (error) {
    const message = error instanceof AccountError ? error.message : `The config file ${configFile} is not valid JSON.`
    throw new ConfigError(message)
  }
}

/**
 * The settings of this run: the config file (`--config` or MSADS_CONFIG), then the MSADS_* environment variables
 * over it, then the chosen account's own settings (`--account`, MSADS_ACCOUNT or the config's default_account)
 * over both, then, when no refresh token is configured, the one `msads auth login` stored in the token file.
 */
export async function loadSettings(
  options: { configFile?: string; env?: NodeJS.ProcessEnv; account?: string } = {}
): Promise<LoadedSettings> {
  const env = options.env ?? process.env
  const configFile = options.configFile ?? text(env.MSADS_CONFIG)
  const settings: CliSettings = {}
  const sources: LoadedSettings['sources'] = {}
  if (configFile) {
    for (const [key, value] of Object.entries(await readConfigFile(configFile)) as Array<[SettingKey, string]>) {
      settings[key] = value
      sources[key] = 'config file'
    }
  }
  for (const key of SETTING_KEYS) {
    const value = text(env[SETTING_ENV[key]])
    if (value) {
      settings[key] = value
      sources[key] = 'environment'
    }
  }
  const accounts = await accountsOf(configFile)
  const account = options.account ?? text(env.MSADS_ACCOUNT) ?? accounts.defaultAccount
  if (account && (account !== DEFAULT_ACCOUNT_NAME || hasAccount(accounts, account))) {
    let chosen: CliSettings
    try {
      chosen = settingsOfAccount({}, accounts, account)
    } catch (error) {
      throw new ConfigError((error as Error).message)
    }
    for (const [key, value] of Object.entries(chosen) as Array<[SettingKey, string]>) {
      settings[key] = value
      sources[key] = 'config file'
    }
  }
  for (const [name, own] of Object.entries(accounts.accounts)) {
    checkConsentDefault(own, ` of accounts.${name} in ${configFile}`)
  }
  const fromEnvironment = sources.consent_default === 'environment'
  checkConsentDefault(settings, fromEnvironment ? ` (${SETTING_ENV.consent_default})` : ` in ${configFile}`)
  const tokenFile = new TokenFile(tokenFilePath(env))
  if (!settings.refresh_token && settings.client_id) {
    const stored = await tokenFile.stored(settings.environment, settings.client_id)
    if (stored) {
      settings.refresh_token = stored
      sources.refresh_token = 'token file'
    }
  }
  registerSettingSecrets(settings)
  return { settings, sources, configured: hasCredentials(settings), configFile, tokenFile, accounts, account }
}
