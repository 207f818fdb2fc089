import { ConfigurationError } from '@rudderstack/integrations-lib'
import { buildCampaignRequest, buildCapiRequest, CAMPAIGN_OPERATIONS } from 'msads-conversions'
import type { ApplyOperation, CampaignCredentials, CapiEvent, HttpRequest, RecordGroup } from 'msads-conversions'
import { CAPI_DATA_PROVIDER, CAPI_ENDPOINT_PATH } from './constants'
import { defaultRequestConfig } from './contracts/v0-util'
import type { ProcessorTransformationOutput } from './contracts/rudder-types'
import type { DestinationSettings } from './destination-config'

/**
 * Microsoft requests in rudder-transformer's request shape, built by the core's pure builders (endpoints,
 * headers and body layout live there). CAPI comes first and the Apply call last when a job needs both: with an
 * array of requests rudder-server keeps the per-job status of the last one, and the conversion is what counts.
 */
export const REQUEST_ORDER: readonly RecordGroup[] = [
  'capi',
  'applyOnlineConversionAdjustments',
  'applyOfflineConversionAdjustments',
  'applyOfflineConversions'
]

export const CAPI_LIST_KEY = 'data'

/** The body key that holds the items of a group's request. */
export function listKeyOf(group: RecordGroup): string {
  return group === 'capi' ? CAPI_LIST_KEY : CAMPAIGN_OPERATIONS[group].listKey
}

export interface CapiCredentials {
  tagId: string
  token: string
}

export function capiCredentials(settings: DestinationSettings): CapiCredentials {
  if (!settings.uetTagId || !settings.capiToken) {
    throw new ConfigurationError('uetTagId and capiToken are required to send events to the UET Conversions API.')
  }
  return { tagId: settings.uetTagId, token: settings.capiToken }
}

function toRequestConfig(request: HttpRequest, endpointPath: string): ProcessorTransformationOutput {
  const config = defaultRequestConfig()
  config.method = request.method
  config.endpoint = request.url
  config.endpointPath = endpointPath
  config.headers = { ...request.headers }
  const body = request.body ?? '{}'
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8')
  config.body.JSON = JSON.parse(text) as Record<string, unknown>
  return config
}

export function buildApplyRequest(
  group: ApplyOperation,
  records: readonly unknown[],
  credentials: CampaignCredentials,
  settings: DestinationSettings
): ProcessorTransformationOutput {
  const operation = CAMPAIGN_OPERATIONS[group]
  const request = buildCampaignRequest(group, { [operation.listKey]: records }, credentials, {
    environment: settings.environment
  })
  return toRequestConfig(request, operation.path)
}

export function buildCapiRequestConfig(
  events: readonly unknown[],
  credentials: CapiCredentials
): ProcessorTransformationOutput {
  const request = buildCapiRequest(credentials.tagId, credentials.token, events as CapiEvent[], {
    dataProvider: CAPI_DATA_PROVIDER
  })
  return toRequestConfig(request, CAPI_ENDPOINT_PATH)
}

export interface RequestCredentials {
  campaign?: CampaignCredentials
  capi?: CapiCredentials
}

export function buildGroupRequest(
  group: RecordGroup,
  records: readonly unknown[],
  credentials: RequestCredentials,
  settings: DestinationSettings
): ProcessorTransformationOutput {
  if (group === 'capi') return buildCapiRequestConfig(records, credentials.capi ?? capiCredentials(settings))
  if (!credentials.campaign) throw new Error(`Campaign credentials missing for ${group}`)
  return buildApplyRequest(group, records, credentials.campaign, settings)
}
