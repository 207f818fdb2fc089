import { CAMPAIGN_OPERATIONS, type CampaignOperation } from './campaign-operations'
import { resolveEndpoints, type Environment } from './endpoints'
import { DEFAULT_TIMEOUT_MS, type HttpRequest } from './http'

/** Who is calling: the four Microsoft headers. */
export interface CampaignCredentials {
  accessToken: string
  developerToken: string
  customerId: string
  accountId: string
}

/** The Campaign Management REST headers. `Bearer ` is required before the token. */
export function campaignHeaders(credentials: CampaignCredentials): Record<string, string> {
  return {
    Authorization: `Bearer ${credentials.accessToken}`,
    DeveloperToken: credentials.developerToken,
    CustomerId: credentials.customerId,
    CustomerAccountId: credentials.accountId,
    'Content-Type': 'application/json',
    Accept: 'application/json'
  }
}

export function campaignUrl(operation: CampaignOperation, environment: Environment = 'production'): string {
  return `${resolveEndpoints(environment).campaignBaseUrl}${CAMPAIGN_OPERATIONS[operation].path}`
}

/** One Campaign Management call as a plain request, for hosts that send it themselves (rudder-transformer). */
export function buildCampaignRequest(
  operation: CampaignOperation,
  body: unknown,
  credentials: CampaignCredentials,
  options: { environment?: Environment; timeoutMs?: number } = {}
): HttpRequest {
  return {
    method: CAMPAIGN_OPERATIONS[operation].method,
    url: campaignUrl(operation, options.environment),
    headers: campaignHeaders(credentials),
    body: JSON.stringify(body),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }
}
