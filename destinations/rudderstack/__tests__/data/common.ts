// Loaded while the cases are collected, not inside the first one: ts-jest compiles the destination and its folded
// core on first require (about 5 s cold on a busy 2-core machine, against jest's 5-second default per case).
import '../../index'
import { campaignUrl, capiUrl, MICROSOFT_CODES } from 'msads-conversions'
import type { MicrosoftCode } from 'msads-conversions'
import { DESTINATION_TYPE } from '../../constants'
import type { Destination, Metadata, ProxyMetadata } from '../../contracts/rudder-types'

/**
 * Shared fixture pieces, in the style of rudder-transformer's `maskedSecrets.ts` and `testUtils.ts`. Secrets are
 * dummies. Microsoft's URLs and error codes come from the core (its one table), never typed here.
 */

/** The header with which rudder-server tells rudder-transformer that it understands status 298 (filtered). */
export const FILTER_CODE_HEADERS = { 'X-Feature-Filter-Code': '?1' }

export const CUSTOMER_ID = '1234567'
export const ACCOUNT_ID = '7654321'
export const UET_TAG_ID = '343009'
export const ACCESS_TOKEN = 'dummy-access-token'
export const DEVELOPER_TOKEN = 'dummy-developer-token'
export const CAPI_TOKEN = 'dummy-capi-token'
export const CLICK_ID = 'f894f652ea334e739002f7167ab8f8e3'
export const OTHER_CLICK_ID = '0123456789abcdef0123456789abcdef'
/** The click ids as the UET Conversions API takes msclkid: Microsoft's UUID form (dashed, lower case). */
export const CLICK_ID_UUID = 'f894f652-ea33-4e73-9002-f7167ab8f8e3'
export const OTHER_CLICK_ID_UUID = '01234567-89ab-cdef-0123-456789abcdef'

/** Microsoft's published hash vectors. */
export const JOHN_EMAIL_SHA256 = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'
export const JOHN_PHONE_SHA256 = 'c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e'

export const ENDPOINTS = {
  offline: campaignUrl('applyOfflineConversions'),
  offlineAdjustments: campaignUrl('applyOfflineConversionAdjustments'),
  onlineAdjustments: campaignUrl('applyOnlineConversionAdjustments'),
  capi: capiUrl(UET_TAG_ID)
}

export const baseConfig = {
  rudderAccountId: 'dummy-rudder-account',
  customerId: CUSTOMER_ID,
  customerAccountId: ACCOUNT_ID,
  environment: 'production',
  eventsToConversionGoals: [
    { from: 'Order Completed', to: 'Purchase' },
    { from: 'Order Completed', to: 'Revenue' },
    { from: 'Lead Submitted', to: 'Lead' },
    { from: 'Order Refunded', to: 'Purchase' }
  ],
  adjustmentEvents: [
    { from: 'Order Refunded', to: 'Retract' },
    { from: 'Order Updated', to: 'Restate' }
  ],
  consentDefault: 'granted',
  adStorageConsentCategories: [{ consent: 'C0004' }],
  adUserDataConsentCategories: [{ consent: 'C0005' }],
  sendTrackEventsToCapi: false,
  sendPageEventsToCapi: false,
  uetTagId: UET_TAG_ID,
  capiToken: CAPI_TOKEN
}

// Typed by `satisfies`, so that the fixtures also meet rudder-transformer's own (stricter) types upstream.
export function destination(config: Record<string, unknown> = {}, id = 'default-destinationId') {
  return {
    ID: id,
    Name: 'Microsoft Ads Conversions',
    DestinationDefinition: {
      ID: 'default-definitionId',
      Name: DESTINATION_TYPE,
      DisplayName: 'Microsoft Ads Conversions',
      Config: {}
    },
    Config: { ...baseConfig, ...config },
    Enabled: true,
    WorkspaceID: 'default-workspaceId',
    Transformations: []
  } satisfies Destination
}

export const secret = {
  accessToken: ACCESS_TOKEN,
  refreshToken: 'dummy-refresh-token',
  developer_token: DEVELOPER_TOKEN
}

/** rudder-transformer's `generateMetadata`, with the Microsoft OAuth secret rudder-server supplies. */
export function generateMetadata(jobId: number, extra: Partial<Metadata> = {}): Metadata {
  return {
    jobId,
    attemptNum: 1,
    userId: 'default-userId',
    sourceId: 'default-sourceId',
    destinationId: 'default-destinationId',
    workspaceId: 'default-workspaceId',
    secret,
    dontBatch: false,
    ...extra
  }
}

/** The metadata rudder-server sends the delivery proxy: the same job fields, no event details. */
export function generateProxyMetadata(jobId: number, extra: Partial<ProxyMetadata> = {}): ProxyMetadata {
  const { attemptNum, userId, sourceId, destinationId, workspaceId, dontBatch } = generateMetadata(jobId)
  return {
    jobId,
    attemptNum: attemptNum!,
    userId: userId!,
    sourceId,
    destinationId,
    workspaceId,
    secret,
    dontBatch: dontBatch!,
    ...extra
  }
}

export const applyHeaders = {
  Authorization: `Bearer ${ACCESS_TOKEN}`,
  DeveloperToken: DEVELOPER_TOKEN,
  CustomerId: CUSTOMER_ID,
  CustomerAccountId: ACCOUNT_ID,
  'Content-Type': 'application/json',
  Accept: 'application/json'
}

export const capiHeaders = {
  Authorization: `Bearer ${CAPI_TOKEN}`,
  'Content-Type': 'application/json',
  Accept: 'application/json'
}

/** An expected request in rudder-transformer's defaultRequestConfig shape. */
export function expectedRequest(
  endpoint: string,
  endpointPath: string,
  headers: Record<string, string>,
  json: Record<string, unknown>
) {
  return {
    version: '1' as const,
    type: 'REST' as const,
    method: 'POST',
    endpoint,
    endpointPath,
    headers,
    params: {},
    body: { JSON: json, JSON_ARRAY: {}, XML: {}, FORM: {} },
    files: {}
  }
}

/** The request a filtered (298) router entry carries: empty, never sent (rudder-server sends status 200 only). */
export const NOTHING_SENT = {
  version: '1' as const,
  type: 'REST' as const,
  method: 'POST',
  endpoint: '',
  headers: {},
  params: {},
  body: { JSON: {}, JSON_ARRAY: {}, XML: {}, FORM: {} },
  files: {}
}

/** The outcome of a job dropped on purpose, for `reason`, as the entry reporting it carries it. */
export function skippedOutcome(reason: string, message: string) {
  return { outcome: 'skipped', reason, message, status: 200 }
}

/** A router entry for a job filtered on purpose, with its reason. */
export function filteredEntry(metadata: Metadata, error: string, target: Destination, reason: string) {
  return {
    batchedRequest: NOTHING_SENT,
    metadata: [metadata],
    batched: false,
    statusCode: 298,
    error,
    destination: target,
    outcome: skippedOutcome(reason, error)
  }
}

export const applyOfflineRequest = (records: unknown[]) =>
  expectedRequest(ENDPOINTS.offline, 'OfflineConversions/Apply', applyHeaders, { OfflineConversions: records })
export const applyOfflineAdjustmentsRequest = (records: unknown[]) =>
  expectedRequest(ENDPOINTS.offlineAdjustments, 'OfflineConversionAdjustments/Apply', applyHeaders, {
    OfflineConversionAdjustments: records
  })
export const applyOnlineAdjustmentsRequest = (records: unknown[]) =>
  expectedRequest(ENDPOINTS.onlineAdjustments, 'OnlineConversionAdjustments/Apply', applyHeaders, {
    OnlineConversionAdjustments: records
  })
export const capiRequest = (events: unknown[]) =>
  expectedRequest(ENDPOINTS.capi, 'capi/events', capiHeaders, {
    data: events,
    continueOnValidationError: true,
    dataProvider: 'RudderStack'
  })

/** Stat tags rudder-transformer adds to an error of this destination. */
export function statTags(feature: 'processor' | 'router' | 'dataDelivery', errorCategory: string, errorType: string) {
  return {
    destType: DESTINATION_TYPE,
    destinationId: 'default-destinationId',
    workspaceId: 'default-workspaceId',
    errorCategory,
    errorType,
    feature,
    implementation: 'native',
    module: 'destination'
  }
}

/** A Microsoft code by its name, from the core's table. */
export function microsoft(errorCode: string): MicrosoftCode {
  const entry = [...MICROSOFT_CODES.values()].find((code) => code.errorCode === errorCode)
  if (!entry) throw new Error(`unknown Microsoft error ${errorCode}`)
  return entry
}

export function batchError(errorCode: string, index: number, fieldPath: string | null = null) {
  const { code, message } = microsoft(errorCode)
  return {
    Code: code,
    Details: null,
    ErrorCode: errorCode,
    FieldPath: fieldPath,
    ForwardCompatibilityMap: null,
    Index: index,
    Message: message,
    Type: 'BatchError'
  }
}

export function adApiFault(errorCode: string, trackingId: string) {
  const { code, message } = microsoft(errorCode)
  return {
    TrackingId: trackingId,
    Type: 'AdApiFaultDetail',
    Errors: [{ Code: code, Detail: null, ErrorCode: errorCode, Message: message }]
  }
}

/** A base track event of the RudderStack JavaScript SDK. */
export function trackEvent(event: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'track' as const,
    event,
    messageId: `msg-${event.replace(/\s+/g, '-').toLowerCase()}`,
    anonymousId: 'anon-1',
    userId: 'user-1',
    channel: 'web',
    originalTimestamp: '2026-11-22T09:59:58.000Z',
    timestamp: '2026-11-22T10:00:00.000Z',
    context: {
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)',
      library: { name: 'RudderLabs JavaScript SDK', version: '3.0.0' },
      page: {
        url: `https://shop.example/checkout?msclkid=${CLICK_ID}`,
        referrer: 'https://www.bing.com/',
        title: 'Checkout'
      }
    },
    properties: { order_id: 'order-1', revenue: 49.99, currency: 'usd' },
    ...extra
  }
}

/**
 * The `outcome` an entry or a job state carries beside its status, spread in: rudder-transformer's test types
 * (`testTypes.ts`) do not declare it, and a spread property is not checked against them.
 */
export function jobOutcome<T>(outcome: T): { outcome: T } {
  return { outcome }
}
