import { defaultValues, Destination, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import segmentDestination from '../destinations/segment'
import type { Settings } from '../destinations/segment/generated-types'
import trackConversion from '../destinations/segment/trackConversion'
import type {
  Destination as RudderDestination,
  Metadata,
  RouterTransformationRequestData
} from '../destinations/rudderstack'
import { DESTINATION_TYPE } from '../destinations/rudderstack'
import { DEFAULT_SEED } from '../src/emulator'
import { EVENT_NAME, GOAL_NAME } from './workload'

/**
 * How the benchmarks and the soak stand in for each host: Segment's platform (actions-core's Destination with a
 * subscription and the OAuth tokens it keeps) and rudder-server (router inputs with the OAuth secret in the job
 * metadata). Every credential is a demo value of the emulator's default seed.
 */

export const DEMO = {
  customerId: DEFAULT_SEED.customers[0].id,
  accountId: DEFAULT_SEED.customers[0].accounts[0].id,
  ...DEFAULT_SEED.credentials
}

export interface OAuthTokens {
  accessToken: string
  refreshToken: string
}

const trackMapping = { ...defaultValues(trackConversion.fields), conversion_name: GOAL_NAME } as JSONObject

/** The Segment destination as Segment's platform runs it (not the test wrapper, which records every response). */
export function segmentHost(): Destination<Settings> {
  return new Destination(segmentDestination)
}

/** What Segment's platform passes with each batch: the settings, its OAuth tokens, the trackConversion subscription. */
export function segmentSettings(tokens: OAuthTokens, mapping: JSONObject = {}): JSONObject {
  return {
    customer_id: DEMO.customerId,
    account_id: DEMO.accountId,
    developer_token: DEMO.developerToken,
    client_id: DEMO.clientId,
    client_secret: DEMO.clientSecret,
    oauth_refresh_token: DEMO.refreshToken,
    environment: 'production',
    consent_default: 'granted',
    default_phone_country: 'US',
    oauth: { access_token: tokens.accessToken, refresh_token: tokens.refreshToken },
    subscriptions: [
      { partnerAction: 'trackConversion', subscribe: 'type = "track"', mapping: { ...trackMapping, ...mapping } }
    ]
  }
}

export function asSegmentEvents(events: Array<Record<string, unknown>>): SegmentEvent[] {
  return events as unknown as SegmentEvent[]
}

/** The RudderStack destination of one account, mapping the benchmark's event to its goal. */
export function rudderDestination(): RudderDestination {
  return {
    ID: 'bench-destination',
    Name: 'Microsoft Ads Conversions',
    DestinationDefinition: {
      ID: 'bench-definition',
      Name: DESTINATION_TYPE,
      DisplayName: 'Microsoft Ads Conversions',
      Config: {}
    },
    Config: {
      rudderAccountId: 'bench-account',
      customerId: DEMO.customerId,
      customerAccountId: DEMO.accountId,
      environment: 'production',
      eventsToConversionGoals: [{ from: EVENT_NAME, to: GOAL_NAME }],
      consentDefault: 'granted',
      defaultPhoneCountry: 'US',
      adStorageConsentCategories: [{ consent: 'C0004' }],
      adUserDataConsentCategories: [{ consent: 'C0005' }],
      sendTrackEventsToCapi: false,
      sendPageEventsToCapi: false
    },
    Enabled: true,
    WorkspaceID: 'bench-workspace',
    Transformations: []
  }
}

/** Job metadata as rudder-server fills it, the OAuth secret included. */
export function rudderMetadata(jobId: number, accessToken: string, attemptNum = 1): Metadata {
  return {
    jobId,
    attemptNum,
    userId: '',
    sourceId: 'bench-source',
    destinationId: 'bench-destination',
    workspaceId: 'bench-workspace',
    messageId: `rudder-${jobId}`,
    dontBatch: false,
    secret: { accessToken, refreshToken: DEMO.refreshToken, developer_token: DEMO.developerToken }
  }
}

export function rudderInput(
  message: Record<string, unknown>,
  metadata: Metadata,
  destination: RudderDestination
): RouterTransformationRequestData {
  return { message: message as RouterTransformationRequestData['message'], metadata, destination }
}
