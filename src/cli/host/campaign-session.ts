import { CampaignClient } from '../../microsoft/campaign-client'
import { checkCredentialFormats, describeCredentialProblems } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { MicrosoftApiError } from '../../microsoft/errors'
import { ConfigError } from '../errors'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from './host-tokens'

function isRefreshable(error: unknown): boolean {
  return error instanceof MicrosoftApiError && error.outcome.outcome === 'auth' && error.outcome.authAction === 'refresh'
}

/**
 * Campaign Management calls of the command line (goals, tags): the access token comes from the host's tokens,
 * and a refused token is refreshed once and the call made once more.
 */
export class CampaignSession {
  private lastToken = ''
  readonly client: CampaignClient

  constructor(
    private readonly settings: CliSettings,
    private readonly tokens: HostTokens
  ) {
    const problems = checkCredentialFormats({ environment: 'production', ...settings }, requiredCredentials('campaign'))
    if (problems.length) throw new ConfigError(`Check the settings: ${describeCredentialProblems(problems)}`)
    this.client = new CampaignClient({
      auth: {
        developerToken: settings.developer_token as string,
        customerId: settings.customer_id as string,
        accountId: settings.account_id as string,
        accessToken: async () => (this.lastToken = await tokens.accessToken(settings))
      },
      environment: settings.environment === 'sandbox' ? 'sandbox' : 'production',
      onAuthFailure: async () => {
        await this.tokens.refreshAfterFailure(this.settings, this.lastToken)
        return true
      }
    })
  }

  async call<T>(run: (client: CampaignClient) => Promise<T>): Promise<T> {
    try {
      return await run(this.client)
    } catch (error) {
      if (!isRefreshable(error)) throw error
      await this.tokens.refreshAfterFailure(this.settings, this.lastToken)
      return run(this.client)
    }
  }
}
