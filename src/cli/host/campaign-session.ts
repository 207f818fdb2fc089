import { CampaignClient } from '../../microsoft/campaign-client'
import { checkCredentialFormats, describeCredentialProblems } from '../../microsoft/credential-formats'
import { requiredCredentials } from '../../microsoft/credential-requirements'
import { MicrosoftApiError } from '../../microsoft/errors'
import { ConfigError } from '../errors'
import type { CliSettings } from '../config/settings'
import type { HostTokens } from './host-tokens'
import { sendWithRefreshOnce, tokenRefused } from './refresh-once'

type Settled<T> = { value: T } | { error: unknown }

async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { value: await work() }
  } catch (error) {
    return { error }
  }
}

function refusedToken<T>(answer: Settled<T>): boolean {
  return 'error' in answer && answer.error instanceof MicrosoftApiError && tokenRefused(answer.error.outcome)
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

  /** One call; the client takes the host's token itself, so a refresh is what changes the token it sends next. */
  async call<T>(run: (client: CampaignClient) => Promise<T>): Promise<T> {
    const [answer] = await sendWithRefreshOnce<typeof run, Settled<T>>({
      tokens: this.tokens,
      settings: this.settings,
      items: [run],
      send: async ([call]) => [await settle(() => call(this.client))],
      refused: refusedToken,
      tokenFailure: (error) => ({ error })
    })
    if ('error' in answer) throw answer.error
    return answer.value
  }
}
