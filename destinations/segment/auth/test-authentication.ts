import { IntegrationError, InvalidAuthenticationError, RetryableError } from '@segment/actions-core'
import type { RequestClient } from '@segment/actions-core'
import { checkCredentialFormats, credentialsAtFault, describeOutcome, refreshWithGrant } from 'msads-conversions'
import type { CredentialCheckStage, Outcome } from 'msads-conversions'
import type { Settings } from '../generated-types'
import { campaignClient, capiClient } from '../translate/clients'
import type { CallContext } from '../translate/clients'
import { outcomeOfError } from '../translate/outcome'
import {
  campaignCredentials,
  credentialValues,
  describeSettingsProblems,
  oauthCredentials,
  settingName
} from '../translate/settings'
import type { PlatformAuth } from '../translate/settings'
import { requestTransport } from '../translate/transport'

const WHAT_FAILED: Record<CredentialCheckStage, string> = {
  token: 'the Microsoft identity platform refused the token refresh',
  account: 'Microsoft Advertising refused the account',
  uet_tag: 'the UET tag could not be used'
}

/** An error that starts with the credential to fix. */
function credentialError(stage: CredentialCheckStage, outcome: Outcome, auth?: PlatformAuth): Error {
  const fields = credentialsAtFault(stage, outcome).map((field) => settingName(field, auth))
  const detail = `${WHAT_FAILED[stage]}: ${describeOutcome(outcome)}`
  if (fields.length) return new InvalidAuthenticationError(`Check ${fields.join(' or ')}: ${detail}`)
  if (outcome.outcome === 'retry') return new RetryableError(`Could not complete the check, ${detail}`, 503)
  return new IntegrationError(`The check failed, ${detail}`, outcome.reason, outcome.status)
}

async function step<T>(stage: CredentialCheckStage, run: () => Promise<T>, auth?: PlatformAuth): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw credentialError(stage, outcomeOfError(error), auth)
  }
}

/**
 * Proves the whole chain, in order, naming the credential at fault: the formats, the token refresh (the OAuth
 * client and refresh token, the platform's or the self-hosting settings'), the developer token and access to the
 * customer and account (a goals query), and, when set, the UET tag and its Conversions API key. With only an
 * access token from the platform, the refresh is left to Segment and the chain starts at the account.
 */
export async function testAuthentication(
  request: RequestClient,
  { settings, auth }: { settings: Settings; auth?: PlatformAuth }
): Promise<void> {
  const values = credentialValues(settings, auth)
  const canRefresh = Boolean(values.client_id && values.refresh_token)
  const problems = checkCredentialFormats(values, campaignCredentials(canRefresh ? undefined : auth))
  if (problems.length)
    throw new IntegrationError(
      `Check the settings: ${describeSettingsProblems(problems, auth)}`,
      'INVALID_SETTINGS',
      400
    )

  const tokens = canRefresh
    ? await step(
        'token',
        () => refreshWithGrant(oauthCredentials(settings, auth), { transport: requestTransport(request) }),
        auth
      )
    : { accessToken: auth?.accessToken as string, refreshToken: auth?.refreshToken }
  const context: CallContext = {
    request,
    settings,
    auth: { ...auth, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }
  }
  const client = campaignClient(context)
  await step('account', () => client.getConversionGoals({ types: ['OfflineConversion'] }), auth)

  const tagId = values.uet_tag_id as string
  if (!tagId) return
  const tags = await step('uet_tag', () => client.getUetTags([tagId]), auth)
  if (!tags.some((tag) => tag.Id === tagId)) {
    throw new InvalidAuthenticationError(
      `Check uet_tag_id: customer ${values.customer_id} has no UET tag with ID ${tagId}.`
    )
  }
  if (!values.uet_capi_token) {
    await step('uet_tag', () => client.getUetTagAuthKey(tagId), auth)
    return
  }
  const refused = await capiClient(context, {}).client.checkToken()
  if (refused) throw credentialError('uet_tag', refused, auth)
}
