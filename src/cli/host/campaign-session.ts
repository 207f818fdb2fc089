import { CampaignClient, type CampaignClientOptions } from '../../microsoft/campaign-client'
import { checkCredentialFormats, describeCredentialProblems } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { ConfigError } from '../errors'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from './host-tokens'

/**
 * The Campaign Management auth of these settings (Campaign Management and Bulk clients alike), the access token
 * being the host's token source; settings that cannot be used are refused before anything is called.
 */
export function campaignClientOptions(
  settings: CliSettings,
  tokens: HostTokens
): Pick<CampaignClientOptions, 'auth' | 'environment'> {
  const problems = checkCredentialFormats({ environment: 'production', ...settings }, requiredCredentials('campaign'))
  if (problems.length) throw new ConfigError(`Check the settings: ${describeCredentialProblems(problems)}`)
  return {
    auth: {
      developerToken: settings.developer_token as string,
      customerId: settings.customer_id as string,
      accountId: settings.account_id as string,
      accessToken: tokens.source(settings)
    },
    environment: settings.environment === 'sandbox' ? 'sandbox' : 'production'
  }
}

/**
 * Campaign Management calls of the command line (goals, tags): the access token is the host's token source, so
 * the client refreshes a refused token once and makes the call once more.
 */
export class CampaignSession {
  readonly client: CampaignClient

  constructor(settings: CliSettings, tokens: HostTokens) {
    this.client = new CampaignClient(campaignClientOptions(settings, tokens))
  }

  /** One call with the session's client. */
  call<T>(run: (client: CampaignClient) => Promise<T>): Promise<T> {
    return run(this.client)
  }
}
