import { DEFAULT_ACCOUNT_NAME, hasAccount, settingsOfAccount, type ConfiguredAccounts } from '../config/accounts'
import type { CliSettings } from '../config/settings'
import type { RudderstackRoutes, ServeAccount } from './server'

/**
 * The accounts `msads serve` sends for: every account of the config file (its own settings over the shared ones),
 * and `default` (the shared settings as they are) unless the config names a default_account.
 */
export function serveAccounts(
  shared: CliSettings,
  configured: ConfiguredAccounts,
  rudderstack: (name: string, settings: CliSettings) => RudderstackRoutes
): { accounts: Map<string, ServeAccount>; defaultAccount: string } {
  const accounts = new Map<string, ServeAccount>()
  const add = (name: string, settings: CliSettings): void => {
    accounts.set(name, { name, settings, rudderstack: rudderstack(name, settings) })
  }
  if (!configured.defaultAccount && !hasAccount(configured, DEFAULT_ACCOUNT_NAME)) add(DEFAULT_ACCOUNT_NAME, shared)
  for (const name of Object.keys(configured.accounts)) add(name, settingsOfAccount(shared, configured, name))
  return { accounts, defaultAccount: configured.defaultAccount ?? DEFAULT_ACCOUNT_NAME }
}
