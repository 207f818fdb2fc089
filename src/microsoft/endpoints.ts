/**
 * Where Microsoft lives. Production and sandbox are fixed; an override comes only from the process environment
 * (for the embedded emulator and tests), never from a workspace setting, so a tenant cannot redirect traffic.
 */
export type Environment = 'production' | 'sandbox'

export const CAMPAIGN_BASE_URL: Record<Environment, string> = {
  production: 'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/',
  sandbox: 'https://campaign.api.sandbox.bingads.microsoft.com/CampaignManagement/v13/'
}

export const BULK_BASE_URL: Record<Environment, string> = {
  production: 'https://bulk.api.bingads.microsoft.com/Bulk/v13/',
  sandbox: 'https://bulk.api.sandbox.bingads.microsoft.com/Bulk/v13/'
}

export const CAPI_BASE_URL = 'https://capi.uet.microsoft.com/v1/'

export const TOKEN_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/token'
export const AUTHORIZE_URL = 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize'

export const OAUTH_SCOPE: Record<Environment, string> = {
  production: 'https://ads.microsoft.com/msads.manage offline_access',
  sandbox: 'https://si.ads.microsoft.com/msads.manage offline_access'
}

/** Microsoft's published sandbox developer token. */
export const SANDBOX_DEVELOPER_TOKEN = 'BBD37VB98'

/**
 * Environment variables that redirect every Microsoft endpoint of this process.
 * `MSADS_API_BASE_URL` points all of them at one server laid out like the emulator.
 */
export const ENDPOINT_ENV = {
  all: 'MSADS_API_BASE_URL',
  campaign: 'MSADS_CAMPAIGN_BASE_URL',
  bulk: 'MSADS_BULK_BASE_URL',
  capi: 'MSADS_CAPI_BASE_URL',
  token: 'MSADS_TOKEN_URL',
  authorize: 'MSADS_AUTHORIZE_URL'
} as const

export interface Endpoints {
  campaignBaseUrl: string
  bulkBaseUrl: string
  capiBaseUrl: string
  tokenUrl: string
  authorizeUrl: string
  scope: string
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

/** Resolves the endpoints for an environment, read at call time so a process can start its emulator first. */
export function resolveEndpoints(
  environment: Environment = 'production',
  env: NodeJS.ProcessEnv = process.env
): Endpoints {
  const base = env[ENDPOINT_ENV.all]
  const root = base ? withSlash(base) : undefined
  return {
    campaignBaseUrl: withSlash(
      env[ENDPOINT_ENV.campaign] ?? (root ? `${root}CampaignManagement/v13/` : CAMPAIGN_BASE_URL[environment])
    ),
    bulkBaseUrl: withSlash(env[ENDPOINT_ENV.bulk] ?? (root ? `${root}Bulk/v13/` : BULK_BASE_URL[environment])),
    capiBaseUrl: withSlash(env[ENDPOINT_ENV.capi] ?? (root ? `${root}v1/` : CAPI_BASE_URL)),
    tokenUrl: env[ENDPOINT_ENV.token] ?? (root ? `${root}common/oauth2/v2.0/token` : TOKEN_URL),
    authorizeUrl: env[ENDPOINT_ENV.authorize] ?? (root ? `${root}common/oauth2/v2.0/authorize` : AUTHORIZE_URL),
    scope: OAUTH_SCOPE[environment]
  }
}
