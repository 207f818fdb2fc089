import { AxiosError } from 'axios'
import { freezeClock } from '../../harness/clock'
import type { MockHttpCallsData, ProxyV1TestData } from '../../harness/test-types'
import type { ProxyMetadata } from '../../../contracts/rudder-types'
import { adApiFault, applyHeaders, capiHeaders, CLICK_ID, ENDPOINTS, microsoft, statTags } from '../common'
import { generateProxyV1Payload, offlineItem, oneItemEach } from './business'

/**
 * Whole-request failures: authentication, throttling, server and network errors. The handler throws, every job
 * gets the same status, and authErrorCategory tells rudder-server's OAuth client what to do.
 */

const jobs = oneItemEach([1, 2], 'OfflineConversions')
const body = (minute: number) => ({ OfflineConversions: [offlineItem(minute), offlineItem(minute, 'Lead')] })

const identityError = {
  error: 'invalid_grant',
  error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
  error_codes: [700082],
  timestamp: '2026-11-22 12:00:00Z',
  trace_id: 'trace-o5',
  correlation_id: 'correlation-o5'
}
const capiUnauthorized = { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } }
const capiBody = {
  data: [
    {
      eventType: 'custom',
      eventTime: 1795341600,
      eventId: 'e-o11',
      eventName: 'Lead Submitted',
      adStorageConsent: 'G',
      userData: { msclkid: CLICK_ID }
    }
  ],
  continueOnValidationError: true,
  dataProvider: 'RudderStack'
}

export const oauthNetwork: MockHttpCallsData[] = [
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(21) },
    httpRes: { status: 401, data: adApiFault('AuthenticationTokenExpired', 'tracking-o1') }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(22) },
    httpRes: { status: 401, data: adApiFault('InvalidCredentials', 'tracking-o2') }
  },
  { httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(23) }, httpRes: { status: 401 } },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(24) },
    httpRes: { status: 403, data: adApiFault('UserIsNotAuthorized', 'tracking-o4') }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(25) },
    httpRes: { status: 400, data: identityError }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(26) },
    httpRes: { status: 429, data: adApiFault('CallRateExceeded', 'tracking-o6') }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(27) },
    httpRes: { status: 429, headers: { 'Retry-After': '30' } }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(28) },
    httpRes: { status: 503, data: '<html><body>Service Unavailable</body></html>' }
  },
  {
    httpReq: { url: ENDPOINTS.offline, method: 'POST', data: body(29) },
    httpRes: { status: 500, data: adApiFault('InternalError', 'tracking-o9') }
  },
  { httpReq: { url: ENDPOINTS.capi, method: 'POST', data: capiBody }, httpRes: { status: 401, data: capiUnauthorized } }
]

/** The text the core gives a request-level Microsoft fault. */
function faultText(errorCode: string, trackingId: string) {
  const { code, message } = microsoft(errorCode)
  return `${message} (${errorCode} ${code}) TrackingId ${trackingId}.`
}

function failure(
  id: string,
  description: string,
  successCriteria: string,
  request: {
    endpoint: string
    endpointPath: string
    headers: Record<string, string>
    json: Record<string, unknown>
    metadata: ProxyMetadata[]
  },
  expected: { status: number; errorType: string; message: string; jobError: string; authErrorCategory?: string }
): ProxyV1TestData {
  const output = {
    response: request.metadata.map((metadata) => ({ error: expected.jobError, statusCode: expected.status, metadata })),
    statTags: statTags('dataDelivery', 'network', expected.errorType),
    message: `[BINGADS_CONVERSIONS] ${expected.message}`,
    status: expected.status,
    ...(expected.authErrorCategory ? { authErrorCategory: expected.authErrorCategory } : {})
  }
  return {
    id,
    name: 'bingads_conversions',
    description,
    // rudder-transformer's component tests ask an Oauth case that fails to carry authErrorCategory.
    scenario: expected.authErrorCategory ? 'Oauth' : 'Business',
    successCriteria,
    feature: 'dataDelivery',
    module: 'destination',
    version: 'v1',
    input: {
      request: {
        method: 'POST',
        body: generateProxyV1Payload(
          request.endpoint,
          request.endpointPath,
          request.headers,
          request.json,
          request.metadata
        )
      }
    },
    output: { response: { status: expected.authErrorCategory ? expected.status : 200, body: { output } } }
  }
}

const apply = (minute: number) => ({
  endpoint: ENDPOINTS.offline,
  endpointPath: 'OfflineConversions/Apply',
  headers: applyHeaders,
  json: body(minute),
  metadata: jobs
})

export const oauthScenarios: ProxyV1TestData[] = [
  failure(
    'bingads_conversions_v1_oauth_token_expired',
    '[Proxy v1 API] :: the access token has expired (AuthenticationTokenExpired, HTTP 401)',
    'Every job gets 500 with authErrorCategory REFRESH_TOKEN: rudder-server refreshes the token and retries',
    apply(21),
    {
      status: 500,
      errorType: 'retryable',
      authErrorCategory: 'REFRESH_TOKEN',
      message: faultText('AuthenticationTokenExpired', 'tracking-o1'),
      jobError: JSON.stringify(adApiFault('AuthenticationTokenExpired', 'tracking-o1'))
    }
  ),
  failure(
    'bingads_conversions_v1_oauth_invalid_credentials',
    '[Proxy v1 API] :: the token is refused (InvalidCredentials, HTTP 401)',
    'Every job gets 500 with authErrorCategory REFRESH_TOKEN',
    apply(22),
    {
      status: 500,
      errorType: 'retryable',
      authErrorCategory: 'REFRESH_TOKEN',
      message: faultText('InvalidCredentials', 'tracking-o2'),
      jobError: JSON.stringify(adApiFault('InvalidCredentials', 'tracking-o2'))
    }
  ),
  failure(
    'bingads_conversions_v1_oauth_http_401',
    '[Proxy v1 API] :: HTTP 401 without a body',
    'Every job gets 500 with authErrorCategory REFRESH_TOKEN',
    apply(23),
    {
      status: 500,
      errorType: 'retryable',
      authErrorCategory: 'REFRESH_TOKEN',
      message: 'Microsoft refused the access token (HTTP 401). (http_401)',
      jobError: '""'
    }
  ),
  failure(
    'bingads_conversions_v1_oauth_user_not_authorized',
    '[Proxy v1 API] :: the user has no access to the account (UserIsNotAuthorized, HTTP 403)',
    'Every job is aborted (400) with authErrorCategory AUTH_STATUS_INACTIVE',
    apply(24),
    {
      status: 400,
      errorType: 'aborted',
      authErrorCategory: 'AUTH_STATUS_INACTIVE',
      message: faultText('UserIsNotAuthorized', 'tracking-o4'),
      jobError: JSON.stringify(adApiFault('UserIsNotAuthorized', 'tracking-o4'))
    }
  ),
  failure(
    'bingads_conversions_v1_oauth_invalid_grant',
    '[Proxy v1 API] :: the identity platform refuses the grant (invalid_grant)',
    'Every job is aborted (400) with authErrorCategory AUTH_STATUS_INACTIVE and a remedy in plain words',
    apply(25),
    {
      status: 400,
      errorType: 'aborted',
      authErrorCategory: 'AUTH_STATUS_INACTIVE',
      message:
        'The refresh token has expired after 90 days without use (AADSTS700082). Sign in again (msads auth login, or reconnect the destination) to issue a new refresh token. (invalid_grant 700082)',
      jobError: JSON.stringify(identityError)
    }
  ),
  failure(
    'bingads_conversions_v1_throttled_call_rate',
    '[Proxy v1 API] :: Microsoft throttles the caller (CallRateExceeded, HTTP 429)',
    'Every job gets 429 (throttled) and is retried later',
    apply(26),
    {
      status: 429,
      errorType: 'throttled',
      message: faultText('CallRateExceeded', 'tracking-o6'),
      jobError: JSON.stringify(adApiFault('CallRateExceeded', 'tracking-o6'))
    }
  ),
  failure(
    'bingads_conversions_v1_throttled_http_429',
    '[Proxy v1 API] :: HTTP 429 with Retry-After and no body',
    'Every job gets 429 (throttled)',
    apply(27),
    {
      status: 429,
      errorType: 'throttled',
      message: 'Microsoft is throttling requests (HTTP 429). (rate_limited)',
      jobError: '""'
    }
  ),
  failure(
    'bingads_conversions_v1_server_unavailable',
    '[Proxy v1 API] :: HTTP 503 with an HTML page',
    'Every job gets 500 (retryable)',
    apply(28),
    {
      status: 500,
      errorType: 'retryable',
      message: 'Microsoft answered HTTP 503. (server_error)',
      // Microsoft's body is described, never repeated: it could echo what the request carried.
      jobError: JSON.stringify(
        'Microsoft answered with a body that is not JSON (45 characters); it is not repeated here.'
      )
    }
  ),
  failure(
    'bingads_conversions_v1_internal_error',
    '[Proxy v1 API] :: Microsoft reports an internal error (InternalError, HTTP 500)',
    'Every job gets 500 (retryable)',
    apply(29),
    {
      status: 500,
      errorType: 'retryable',
      message: faultText('InternalError', 'tracking-o9'),
      jobError: JSON.stringify(adApiFault('InternalError', 'tracking-o9'))
    }
  ),
  {
    ...failure(
      'bingads_conversions_v1_connection_reset',
      '[Proxy v1 API] :: the connection is reset before any answer',
      'Every job gets 500 (retryable)',
      apply(30),
      {
        status: 500,
        errorType: 'retryable',
        message: 'Could not reach Microsoft. [ECONNRESET] :: Connection reset by peer (network_error)',
        jobError: JSON.stringify('[ECONNRESET] :: Connection reset by peer')
      }
    ),
    // The connection is reset: rudder-transformer's network mocks answer this with an axios error carrying the code.
    mockFns: (mockAdapter) => {
      freezeClock()
      mockAdapter
        .onPost(ENDPOINTS.offline, body(30))
        .replyOnce((config) =>
          Promise.reject(AxiosError.from(new Error('Connection reset by peer'), 'ECONNRESET', config))
        )
    }
  },
  failure(
    'bingads_conversions_v1_capi_token_refused',
    '[Proxy v1 API] :: the UET Conversions API refuses the tag token (HTTP 401)',
    'The job is aborted (400) naming the settings to fix; no OAuth action, since the tag token is not an OAuth token',
    {
      endpoint: ENDPOINTS.capi,
      endpointPath: 'capi/events',
      headers: capiHeaders,
      json: capiBody,
      metadata: oneItemEach([1], 'data')
    },
    {
      status: 400,
      errorType: 'aborted',
      message:
        'The UET Conversions API refused the tag token: You are not authorized to access this resource. Check uet_capi_token and uet_tag_id. (capi_token_rejected Unauthorized) Check capiToken and uetTagId in the destination settings.',
      jobError: JSON.stringify(capiUnauthorized)
    }
  )
]
