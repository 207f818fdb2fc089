import { mockFns } from '../../harness/clock'
import type { RouterTestData } from '../../harness/test-types'
import {
  jobOutcome,
  applyOfflineAdjustmentsRequest,
  applyOfflineRequest,
  capiRequest,
  CLICK_ID,
  CLICK_ID_UUID,
  destination,
  FILTER_CODE_HEADERS,
  filteredEntry,
  generateMetadata,
  JOHN_EMAIL_SHA256,
  JOHN_PHONE_SHA256,
  OTHER_CLICK_ID,
  OTHER_CLICK_ID_UUID,
  skippedOutcome,
  statTags,
  trackEvent
} from '../common'

const THIRD_CLICK_ID = 'abcdefabcdefabcdefabcdefabcdef12'
const EVENT_TIME = 1795341600
const noClickContext = { page: { url: 'https://shop.example/checkout' } }
const recordContext = { sources: { job_id: 'job-1', version: 'v1.0', job_run_id: 'run-1', task_run_id: 'task-1' } }

function record(action: 'insert' | 'update' | 'delete', fields: Record<string, unknown>, id: string) {
  return {
    type: 'record' as const,
    action,
    fields,
    channel: 'sources',
    context: recordContext,
    recordId: id,
    messageId: `record-${id}`
  }
}

function testCase(
  id: string,
  description: string,
  successCriteria: string,
  input: RouterTestData['input']['request']['body']['input'],
  output: unknown[],
  headers: Record<string, string> = FILTER_CODE_HEADERS
): RouterTestData {
  return {
    id,
    name: 'bingads_conversions',
    description,
    scenario: 'Framework',
    successCriteria,
    feature: 'router',
    module: 'destination',
    version: 'v0',
    input: {
      request: {
        method: 'POST',
        headers,
        // rudder-transformer's RouterTestData body is a union (plain or compacted request): this is the plain one.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed upstream, not here
        body: { input, destType: 'bingads_conversions' } as RouterTestData['input']['request']['body']
      }
    },
    output: { response: { status: 200, body: { output: output as never } } }
  }
}

const withDestInfo = (jobId: number, destInfo: Record<string, unknown>, extra = {}) => ({
  ...generateMetadata(jobId, extra),
  destInfo
})
const routerError = (errorCategory: string, errorType: string) => statTags('router', errorCategory, errorType)

const NOT_MAPPED =
  'Event "Product Viewed" is not mapped in eventsToConversionGoals or adjustmentEvents, so it was not sent.'
const DUPLICATE_OF_JOB_1 =
  'offline conversion for goal "Purchase" not sent: Skipped: the same conversion as job 1 of this batch was sent once. (duplicate_in_batch) ' +
  'offline conversion for goal "Revenue" not sent: Skipped: the same conversion as job 1 of this batch was sent once. (duplicate_in_batch)'
const LEAD_WITHOUT_IDENTITY =
  'offline conversion for goal "Lead": properties.msclkid is required: an offline conversion needs a Microsoft click id, or an email or phone for enhanced conversions.'
const NO_ACCESS_TOKEN =
  'OAuth access token not found in metadata.secret.accessToken: reconnect the Microsoft Advertising account.'
const RESTATE_WITHOUT_VALUE =
  'Restate adjustment for goal "Offline Purchase": conversionValue is required for a Restate adjustment.'

const AD_STORAGE_DENIED = (goal: string) =>
  `offline conversion for goal "${goal}": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)`
const AD_USER_DATA_DENIED =
  'offline conversion for goal "Lead": Skipped: ad_user_data consent is denied and there is no click id, so nothing identifies the conversion. (ad_user_data_consent_denied)'
const PAGE_EVENTS_OFF = 'Page events are sent only to the UET Conversions API, and sendPageEventsToCapi is off.'

const mixedDestination = destination()
const capiDestination = destination({ sendTrackEventsToCapi: true })
const hashedDestination = destination({ isHashRequired: false })

const cases: RouterTestData[] = [
  testCase(
    'bingads_conversions_router_mixed_batch',
    'Events and a record of one destination: valid, one-to-many, unmapped, invalid, duplicate (same click, goal and second), without secret, dontBatch',
    'Valid jobs share one Apply request with their item positions in destInfo; every other job gets its own entry with status and reason',
    [
      { message: trackEvent('Order Completed'), metadata: generateMetadata(1), destination: mixedDestination },
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: 'John@Contoso.com' },
          context: noClickContext,
          properties: { order_id: 'lead-2', revenue: 49.99, currency: 'usd' }
        }),
        metadata: generateMetadata(2),
        destination: mixedDestination
      },
      { message: trackEvent('Product Viewed'), metadata: generateMetadata(3), destination: mixedDestination },
      {
        message: trackEvent('Lead Submitted', { context: noClickContext }),
        metadata: generateMetadata(4),
        destination: mixedDestination
      },
      {
        message: trackEvent('Order Completed', { messageId: 'msg-repeat', timestamp: '2026-11-22T10:00:00.500Z' }),
        metadata: generateMetadata(5),
        destination: mixedDestination
      },
      {
        message: trackEvent('Lead Submitted'),
        metadata: generateMetadata(6, { secret: {} }),
        destination: mixedDestination
      },
      {
        message: trackEvent('Lead Submitted', {
          context: { page: { url: `https://shop.example/?msclkid=${OTHER_CLICK_ID}` } },
          properties: { order_id: 'lead-7', revenue: 49.99, currency: 'usd' }
        }),
        metadata: generateMetadata(7, { dontBatch: true }),
        destination: mixedDestination
      },
      {
        message: record(
          'insert',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '11/21/2026 3:45:00 PM',
            microsoftClickId: THIRD_CLICK_ID,
            conversionValue: 120
          },
          'r8'
        ),
        metadata: generateMetadata(8),
        destination: mixedDestination
      }
    ],
    [
      {
        batchedRequest: applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Purchase',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            MicrosoftClickId: CLICK_ID
          },
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Revenue',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            MicrosoftClickId: CLICK_ID
          },
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            HashedEmailAddress: JOHN_EMAIL_SHA256
          },
          {
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T15:45:00.000Z',
            ConversionValue: 120,
            MicrosoftClickId: THIRD_CLICK_ID
          }
        ]),
        metadata: [
          withDestInfo(1, { recordIndexes: { OfflineConversions: [0, 1] } }),
          withDestInfo(2, { recordIndexes: { OfflineConversions: [2] } }),
          withDestInfo(8, { recordIndexes: { OfflineConversions: [3] } })
        ],
        batched: true,
        statusCode: 200,
        destination: mixedDestination
      },
      {
        batchedRequest: applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            MicrosoftClickId: OTHER_CLICK_ID
          }
        ]),
        metadata: [withDestInfo(7, { recordIndexes: { OfflineConversions: [0] } }, { dontBatch: true })],
        batched: true,
        statusCode: 200,
        destination: mixedDestination
      },
      filteredEntry(generateMetadata(3), NOT_MAPPED, mixedDestination, 'event_not_mapped'),
      {
        metadata: [generateMetadata(4)],
        batched: false,
        statusCode: 400,
        error: LEAD_WITHOUT_IDENTITY,
        statTags: routerError('dataValidation', 'instrumentation'),
        destination: mixedDestination,
        ...jobOutcome({
          outcome: 'rejected',
          reason: 'invalid_input',
          message: LEAD_WITHOUT_IDENTITY,
          field: 'properties.msclkid',
          rule: 'identity_required',
          status: 400
        })
      },
      {
        metadata: [generateMetadata(6, { secret: {} })],
        batched: false,
        statusCode: 500,
        error: NO_ACCESS_TOKEN,
        statTags: routerError('platform', 'oAuthSecret'),
        destination: mixedDestination,
        ...jobOutcome({ outcome: 'retry', reason: 'oauth_secret_missing', message: NO_ACCESS_TOKEN, status: 500 })
      },
      filteredEntry(generateMetadata(5), DUPLICATE_OF_JOB_1, mixedDestination, 'duplicate_in_batch')
    ]
  ),
  testCase(
    'bingads_conversions_router_capi_and_offline',
    'sendTrackEventsToCapi is on: two events with click ids and one from a visitor with no identity',
    'Jobs sending to both endpoints share one output with two requests (CAPI first); the visitor without identity goes to CAPI alone, with a note saying why no offline conversion was sent',
    [
      {
        message: trackEvent('Lead Submitted', {
          messageId: 'lead-1',
          properties: { order_id: 'lead-1', revenue: 49.99, currency: 'usd' }
        }),
        metadata: generateMetadata(1),
        destination: capiDestination
      },
      {
        message: trackEvent('Lead Submitted', {
          messageId: 'lead-2',
          context: noClickContext,
          properties: { order_id: 'lead-2', revenue: 49.99, currency: 'usd' }
        }),
        metadata: generateMetadata(2),
        destination: capiDestination
      },
      {
        message: trackEvent('Lead Submitted', {
          messageId: 'lead-3',
          context: { page: { url: `https://shop.example/?msclkid=${OTHER_CLICK_ID}` } },
          properties: { order_id: 'lead-3', revenue: 49.99, currency: 'usd' }
        }),
        metadata: generateMetadata(3),
        destination: capiDestination
      }
    ],
    [
      {
        batchedRequest: [
          capiRequest([
            {
              eventType: 'custom',
              eventTime: EVENT_TIME,
              eventId: 'lead-1',
              eventName: 'Lead Submitted',
              eventSourceUrl: `https://shop.example/checkout?msclkid=${CLICK_ID}`,
              referrerUrl: 'https://www.bing.com/',
              pageTitle: 'Checkout',
              adStorageConsent: 'G',
              userData: {
                msclkid: CLICK_ID_UUID,
                anonymousId: 'anon-1',
                externalId: 'user-1',
                clientIpAddress: '203.0.113.7',
                clientUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)'
              },
              customData: { transactionId: 'lead-1', value: 49.99, currency: 'USD' }
            },
            {
              eventType: 'custom',
              eventTime: EVENT_TIME,
              eventId: 'lead-3',
              eventName: 'Lead Submitted',
              eventSourceUrl: `https://shop.example/?msclkid=${OTHER_CLICK_ID}`,
              adStorageConsent: 'G',
              userData: { msclkid: OTHER_CLICK_ID_UUID, anonymousId: 'anon-1', externalId: 'user-1' },
              customData: { transactionId: 'lead-3', value: 49.99, currency: 'USD' }
            }
          ]),
          applyOfflineRequest([
            {
              ConversionCurrencyCode: 'USD',
              ConversionName: 'Lead',
              ConversionTime: '2026-11-22T10:00:00.000Z',
              ConversionValue: 49.99,
              MicrosoftClickId: CLICK_ID
            },
            {
              ConversionCurrencyCode: 'USD',
              ConversionName: 'Lead',
              ConversionTime: '2026-11-22T10:00:00.000Z',
              ConversionValue: 49.99,
              MicrosoftClickId: OTHER_CLICK_ID
            }
          ])
        ],
        metadata: [
          withDestInfo(1, { recordIndexes: { data: [0], OfflineConversions: [0] } }),
          withDestInfo(3, { recordIndexes: { data: [1], OfflineConversions: [1] } })
        ],
        batched: true,
        statusCode: 200,
        destination: capiDestination
      },
      {
        batchedRequest: capiRequest([
          {
            eventType: 'custom',
            eventTime: EVENT_TIME,
            eventId: 'lead-2',
            eventName: 'Lead Submitted',
            eventSourceUrl: 'https://shop.example/checkout',
            adStorageConsent: 'G',
            userData: { anonymousId: 'anon-1', externalId: 'user-1' },
            customData: { transactionId: 'lead-2', value: 49.99, currency: 'USD' }
          }
        ]),
        metadata: [
          withDestInfo(2, {
            recordIndexes: { data: [0] },
            notes: [
              'offline conversion for goal "Lead" not sent: properties.msclkid is required: an offline conversion needs a Microsoft click id, or an email or phone for enhanced conversions. (invalid_input)'
            ]
          })
        ],
        batched: true,
        statusCode: 200,
        destination: capiDestination
      }
    ]
  ),
  testCase(
    'bingads_conversions_router_records',
    'A reverse-ETL sync: inserts, an update, a delete and an update without its new value',
    'Inserts go to ApplyOfflineConversions, updates and deletes share one ApplyOfflineConversionAdjustments request; the broken update fails alone, naming conversionValue',
    [
      {
        message: record(
          'insert',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-21T15:45:00Z',
            microsoftClickId: CLICK_ID,
            conversionValue: 10
          },
          'r1'
        ),
        metadata: generateMetadata(1),
        destination: mixedDestination
      },
      {
        message: record(
          'update',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-20T15:45:00Z',
            adjustedConversionTime: '2026-11-22T08:00:00Z',
            email: 'john@contoso.com',
            conversionValue: 12.5
          },
          'r2'
        ),
        metadata: generateMetadata(2),
        destination: mixedDestination
      },
      {
        message: record(
          'delete',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-19T15:45:00Z',
            adjustedConversionTime: '2026-11-22T08:00:00Z',
            microsoftClickId: OTHER_CLICK_ID
          },
          'r3'
        ),
        metadata: generateMetadata(3),
        destination: mixedDestination
      },
      {
        message: record(
          'update',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-19T15:45:00Z',
            adjustedConversionTime: '2026-11-22T08:00:00Z',
            microsoftClickId: OTHER_CLICK_ID
          },
          'r4'
        ),
        metadata: generateMetadata(4),
        destination: mixedDestination
      },
      {
        message: record(
          'insert',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-21T16:45:00Z',
            microsoftClickId: OTHER_CLICK_ID
          },
          'r5'
        ),
        metadata: generateMetadata(5),
        destination: mixedDestination
      }
    ],
    [
      {
        batchedRequest: applyOfflineRequest([
          {
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T15:45:00.000Z',
            ConversionValue: 10,
            MicrosoftClickId: CLICK_ID
          },
          {
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T16:45:00.000Z',
            MicrosoftClickId: OTHER_CLICK_ID
          }
        ]),
        metadata: [
          withDestInfo(1, { recordIndexes: { OfflineConversions: [0] } }),
          withDestInfo(5, { recordIndexes: { OfflineConversions: [1] } })
        ],
        batched: true,
        statusCode: 200,
        destination: mixedDestination
      },
      {
        batchedRequest: applyOfflineAdjustmentsRequest([
          {
            AdjustmentTime: '2026-11-22T08:00:00.000Z',
            AdjustmentType: 'Restate',
            AdjustmentValue: 12.5,
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-20T15:45:00.000Z',
            HashedEmailAddress: JOHN_EMAIL_SHA256
          },
          {
            AdjustmentTime: '2026-11-22T08:00:00.000Z',
            AdjustmentType: 'Retract',
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-19T15:45:00.000Z',
            MicrosoftClickId: OTHER_CLICK_ID
          }
        ]),
        metadata: [
          withDestInfo(2, { recordIndexes: { OfflineConversionAdjustments: [0] } }),
          withDestInfo(3, { recordIndexes: { OfflineConversionAdjustments: [1] } })
        ],
        batched: true,
        statusCode: 200,
        destination: mixedDestination
      },
      {
        metadata: [generateMetadata(4)],
        batched: false,
        statusCode: 400,
        error: RESTATE_WITHOUT_VALUE,
        statTags: routerError('dataValidation', 'instrumentation'),
        destination: mixedDestination,
        ...jobOutcome({
          outcome: 'rejected',
          reason: 'invalid_input',
          message: RESTATE_WITHOUT_VALUE,
          field: 'conversionValue',
          rule: 'required',
          status: 400
        })
      }
    ]
  ),
  testCase(
    'bingads_conversions_router_consent_and_page_filtered',
    'Consent denies ad_storage (consent manager, integrations object), ad_user_data is denied without a click id, and a page call while sendPageEventsToCapi is off',
    'Nothing is sent for any of them; each job is filtered (298) with its own reason, none is failed',
    [
      {
        message: trackEvent('Lead Submitted', {
          context: {
            ...trackEvent('x').context,
            consentManagement: { provider: 'oneTrust', deniedConsentIds: ['C0004'], allowedConsentIds: ['C0001'] }
          }
        }),
        metadata: generateMetadata(1),
        destination: mixedDestination
      },
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: 'john@contoso.com' },
          context: { ...noClickContext, consentManagement: { deniedConsentIds: ['C0005'] } }
        }),
        metadata: generateMetadata(2),
        destination: mixedDestination
      },
      {
        message: trackEvent('Order Completed', {
          integrations: { 'Microsoft Ads Conversions': { consents: { ad_storage: 'DENIED', ad_user_data: 'GRANTED' } } }
        }),
        metadata: generateMetadata(3),
        destination: mixedDestination
      },
      {
        message: { type: 'page', name: 'Home', messageId: 'page-4', timestamp: '2026-11-22T09:45:00.000Z' },
        metadata: generateMetadata(4),
        destination: mixedDestination
      }
    ],
    [
      filteredEntry(generateMetadata(1), AD_STORAGE_DENIED('Lead'), mixedDestination, 'ad_storage_consent_denied'),
      filteredEntry(generateMetadata(2), AD_USER_DATA_DENIED, mixedDestination, 'ad_user_data_consent_denied'),
      filteredEntry(
        generateMetadata(3),
        // The two goals of the job share the reason, so the message names both once.
        'offline conversion for goal "Purchase", offline conversion for goal "Revenue": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)',
        mixedDestination,
        'ad_storage_consent_denied'
      ),
      filteredEntry(generateMetadata(4), PAGE_EVENTS_OFF, mixedDestination, 'filtered')
    ]
  ),
  testCase(
    'bingads_conversions_router_without_filter_code',
    'An unmapped event and a duplicate, from a caller that does not declare the filter-code feature',
    'Without X-Feature-Filter-Code, jobs dropped on purpose are InstrumentationErrors (400) with the same reasons',
    [
      { message: trackEvent('Order Completed'), metadata: generateMetadata(1), destination: mixedDestination },
      { message: trackEvent('Product Viewed'), metadata: generateMetadata(2), destination: mixedDestination },
      {
        message: trackEvent('Order Completed', { messageId: 'msg-repeat', timestamp: '2026-11-22T10:00:00.500Z' }),
        metadata: generateMetadata(3),
        destination: mixedDestination
      }
    ],
    [
      {
        batchedRequest: applyOfflineRequest(
          ['Purchase', 'Revenue'].map((goal) => ({
            ConversionCurrencyCode: 'USD',
            ConversionName: goal,
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            MicrosoftClickId: CLICK_ID
          }))
        ),
        metadata: [withDestInfo(1, { recordIndexes: { OfflineConversions: [0, 1] } })],
        batched: true,
        statusCode: 200,
        destination: mixedDestination
      },
      {
        metadata: [generateMetadata(2)],
        batched: false,
        statusCode: 400,
        error: NOT_MAPPED,
        statTags: routerError('dataValidation', 'instrumentation'),
        destination: mixedDestination,
        // Without the filter code the job is a 400, and its outcome still says why: it was not mapped.
        ...jobOutcome(skippedOutcome('event_not_mapped', NOT_MAPPED))
      },
      {
        metadata: [generateMetadata(3)],
        batched: false,
        statusCode: 400,
        error: DUPLICATE_OF_JOB_1,
        statTags: routerError('dataValidation', 'instrumentation'),
        destination: mixedDestination,
        ...jobOutcome(skippedOutcome('duplicate_in_batch', DUPLICATE_OF_JOB_1))
      }
    ],
    {}
  ),
  testCase(
    'bingads_conversions_router_values_arrive_hashed',
    'isHashRequired is off: one record brings SHA-256 digests, another a raw email and phone',
    'Digests go as they are; the raw values are normalised and hashed (never sent raw), with a warning naming the fields',
    [
      {
        message: record(
          'insert',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-21T15:45:00Z',
            email: JOHN_EMAIL_SHA256.toUpperCase(),
            phone: JOHN_PHONE_SHA256
          },
          'h1'
        ),
        metadata: generateMetadata(1),
        destination: hashedDestination
      },
      {
        message: record(
          'insert',
          {
            conversionName: 'Offline Purchase',
            conversionTime: '2026-11-21T16:45:00Z',
            email: ' Jo.hn+shop@Contoso.com ',
            phone: '+1 (425) 555-1234'
          },
          'h2'
        ),
        metadata: generateMetadata(2),
        destination: hashedDestination
      }
    ],
    [
      {
        batchedRequest: applyOfflineRequest([
          {
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T15:45:00.000Z',
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            HashedPhoneNumber: JOHN_PHONE_SHA256
          },
          {
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T16:45:00.000Z',
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            HashedPhoneNumber: JOHN_PHONE_SHA256
          }
        ]),
        metadata: [
          withDestInfo(1, { recordIndexes: { OfflineConversions: [0] } }),
          withDestInfo(2, {
            recordIndexes: { OfflineConversions: [1] },
            notes: [
              'offline conversion for goal "Offline Purchase": email is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.',
              'offline conversion for goal "Offline Purchase": phone is not a SHA-256 digest although isHashRequired is off, so it was normalised and hashed.'
            ]
          })
        ],
        batched: true,
        statusCode: 200,
        destination: hashedDestination
      }
    ]
  )
]

/** Every case runs at the fixtures' clock. */
export const data: RouterTestData[] = cases.map((tc) => ({ mockFns, ...tc }))
