import { ConfigurationError, OAuthSecretError } from '@rudderstack/integrations-lib'
import type { BingAdsDestinationAuthSecretT } from '@rudderstack/integrations-lib'
import { isHeaderSafe } from 'msads-conversions'
import type { CampaignCredentials } from 'msads-conversions'
import type { Metadata } from './contracts/rudder-types'
import { campaignAccount } from './destination-config'
import type { DestinationSettings } from './destination-config'

function secretText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The Campaign Management credentials of a job: the ids from the config, the tokens from `metadata.secret`, which
 * rudder-server's OAuth client fills for the account connected to the destination. A missing token is a platform
 * problem (500), never the event's fault.
 */
export function campaignCredentials(
  settings: DestinationSettings,
  metadata: Pick<Metadata, 'secret'>
): CampaignCredentials {
  const account = campaignAccount(settings)
  const secret = (metadata?.secret ?? {}) as Partial<BingAdsDestinationAuthSecretT>
  const accessToken = secretText(secret.accessToken)
  if (!accessToken)
    throw new OAuthSecretError(
      'OAuth access token not found in metadata.secret.accessToken: reconnect the Microsoft Advertising account.'
    )
  const developerToken = secretText(secret.developer_token)
  if (!developerToken)
    throw new OAuthSecretError(
      'Developer token not found in metadata.secret.developer_token: reconnect the Microsoft Advertising account.'
    )
  // A line break pasted into the account's developer token cannot go into a header: a setting to fix, not a retry.
  if (!isHeaderSafe(developerToken))
    throw new ConfigurationError(
      'developer_token of the connected Microsoft Advertising account must not contain line breaks or other control characters: reconnect the account with the token as shown in the Developer Portal.'
    )
  return { accessToken, developerToken, ...account }
}
