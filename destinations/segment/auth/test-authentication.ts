import { IntegrationError, InvalidAuthenticationError, RetryableError, type RequestClient } from '@segment/actions-core'
import {
  checkCredentialFormats,
  credentialsAtFault,
  describeCredentialProblems,
  refreshWithGrant,
  type CredentialCheckStage,
  type Outcome
} from 'msads-conversions'
import type { Settings } from '../generated-types'
import { campaignClient, type CallContext } from '../translate/clients'
import { describeOutcome, outcomeOfError } from '../translate/outcome'
import { CAMPAIGN_CREDENTIALS, credentialValues, oauthCredentials } from '../translate/settings'
import { requestTransport } from '../translate/transport'

const WHAT_FAILED: Record<CredentialCheckStage, string> = {
  token: 'the Microsoft identity platform refused the token refresh',
  account: 'Microsoft Advertising refused the account',
  uet_tag: 'the UET tag could not be used'
}

/** An error that starts with the credential to fix. */
function credentialError(stage: CredentialCheckStage, outcome: Outcome): Error {
  const fields = credentialsAtFault(stage, outcome)
  const detail = `${WHAT_FAILED[stage]}: ${describeOutcome(outcome)}`
  if (fields.length) return new InvalidAuthenticationError(`Check ${fields.join(' or ')}: ${detail}`)
  if (outcome.outcome === 'retry') return new RetryableError(`Could not complete the check, ${detail}`, 503)
  return new IntegrationError(`The check failed, ${detail}`, outcome.reason, outcome.status)
}

async function step<T>(stage: CredentialCheckStage, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw credentialError(stage, outcomeOfError(error))
  }
}

/**
 * Proves the whole chain, in order, naming the credential at fault: the formats, the token refresh (client_id,
 * client_secret, refresh_token), the developer token and access to the customer and account (a goals query), and,
 * when set, the UET tag and its Conversions API key.
 */
export async function testAuthentication(request: RequestClient, { settings }: { settings: Settings }): Promise<void> {
  const values = credentialValues(settings)
  const problems = checkCredentialFormats(values, CAMPAIGN_CREDENTIALS)
  if (problems.length) throw new IntegrationError(`Check the settings: ${describeCredentialProblems(problems)}`, 'INVALID_SETTINGS', 400)

  const tokens = await step('token', () => refreshWithGrant(oauthCredentials(settings), { transport: requestTransport(request) }))
  const context: CallContext = { request, settings, auth: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken } }
  const client = campaignClient(context)
  await step('account', () => client.getConversionGoals({ types: ['OfflineConversion'] }))

  const tagId = values.uet_tag_id as string
  if (!tagId) return
  const tags = await step('uet_tag', () => client.getUetTags([tagId]))
  if (!tags.some((tag) => tag.Id === tagId)) {
    throw new InvalidAuthenticationError(`Check uet_tag_id: customer ${values.customer_id} has no UET tag with ID ${tagId}.`)
  }
  if (!values.uet_capi_token) await step('uet_tag', () => client.getUetTagAuthKey(tagId))
}
