import { readFile } from 'fs/promises'
import { AccountError } from '../errors'
import { plainText } from '../../support/plain-text'
import { SETTING_KEYS, isSettingKey, registerSettingSecrets, type CliSettings } from './settings'

/** Keys of the config file that are not settings: the accounts and which of them is the default. */
export const ACCOUNT_CONFIG_KEYS = ['accounts', 'default_account'] as const

export const DEFAULT_ACCOUNT_NAME = 'default'

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/

export interface ConfiguredAccounts {
  /** Each account's own settings (customer_id, account_id, uet_tag_id, …), laid over the shared ones. */
  accounts: Record<string, CliSettings>
  /** The account of the unprefixed routes and of commands run without --account. */
  defaultAccount?: string
}

/**
 * `accounts: { NAME: { customer_id, account_id, … } }` and `default_account` of a config file: several ad
 * accounts (an agency's manager customer with its client accounts) sharing the app credentials of the top level.
 */
export function parseAccounts(raw: Record<string, unknown>, path: string): ConfiguredAccounts {
  // No prototype: a name such as toString or constructor is an account only when the file defines it.
  const result: ConfiguredAccounts = { accounts: Object.create(null) as Record<string, CliSettings> }
  const given = raw.accounts
  if (given !== undefined) {
    if (!given || typeof given !== 'object' || Array.isArray(given))
      throw new AccountError(`accounts in ${path} must be an object of account names to settings.`)
    for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
      if (!NAME.test(name))
        throw new AccountError(`The account name "${name}" in ${path} may hold only letters, digits, ".", "_" and "-".`)
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new AccountError(`accounts.${name} in ${path} must be an object of settings.`)
      const settings: CliSettings = {}
      for (const [key, setting] of Object.entries(value as Record<string, unknown>)) {
        if (!isSettingKey(key))
          throw new AccountError(
            `accounts.${name}.${key} in ${path} is not a setting. Known keys: ${SETTING_KEYS.join(', ')}.`
          )
        if (setting !== null && typeof setting === 'object')
          throw new AccountError(`accounts.${name}.${key} in ${path} must be a string.`)
        const text = plainText(setting)?.trim()
        if (text) settings[key] = text
      }
      registerSettingSecrets(settings)
      result.accounts[name] = settings
    }
  }
  if (raw.default_account !== undefined) {
    const name = plainText(raw.default_account) ?? ''
    const names = Object.keys(result.accounts).join(', ') || 'none'
    if (!hasAccount(result, name))
      throw new AccountError(`default_account "${name}" in ${path} is not one of accounts (${names}).`)
    result.defaultAccount = name
  }
  return result
}

export async function readAccounts(path: string): Promise<ConfiguredAccounts> {
  return parseAccounts(JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>, path)
}

/** Whether the config file defines this account: its own keys only, never what every object inherits. */
export function hasAccount(configured: ConfiguredAccounts, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(configured.accounts, name)
}

/** The settings of one account: the shared ones with the account's own over them. */
export function settingsOfAccount(shared: CliSettings, configured: ConfiguredAccounts, name: string): CliSettings {
  const own = hasAccount(configured, name) ? configured.accounts[name] : undefined
  if (!own) {
    const names = Object.keys(configured.accounts)
    throw new AccountError(
      names.length
        ? `There is no account "${name}"; the config file has ${names.join(', ')}.`
        : `There is no account "${name}": the config file has no accounts.`
    )
  }
  return { ...shared, ...own }
}
