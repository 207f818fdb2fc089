import { mockFns } from '../../harness/clock'
import type { ProcessorTestData } from '../../harness/test-types'
import {
  applyOfflineAdjustmentsRequest,
  applyOfflineRequest,
  applyOnlineAdjustmentsRequest,
  capiRequest,
  CLICK_ID,
  CLICK_ID_UUID,
  destination,
  FILTER_CODE_HEADERS,
  generateMetadata,
  JOHN_EMAIL_SHA256,
  JOHN_PHONE_SHA256,
  OTHER_CLICK_ID,
  statTags,
  trackEvent
} from '../common'

/** Epoch seconds of the fixtures' event timestamp, 2026-11-22T10:00:00Z (the clock is fixed at 12:00Z). */
const EVENT_TIME = 1795341600

const recordContext = { sources: { job_id: 'job-1', version: 'v1.0', job_run_id: 'run-1', task_run_id: 'task-1' } }

function record(action: 'insert' | 'update' | 'delete', fields: Record<string, unknown>) {
  return {
    type: 'record' as const,
    action,
    fields,
    channel: 'sources',
    context: recordContext,
    recordId: '1',
    rudderId: 'rudder-1',
    messageId: `record-${action}`
  }
}

function testCase(
  id: string,
  description: string,
  successCriteria: string,
  body: ProcessorTestData['input']['request']['body'],
  output: ProcessorTestData['output']['response']['body'],
  headers: Record<string, string> = FILTER_CODE_HEADERS
): ProcessorTestData {
  return {
    id,
    name: 'bingads_conversions',
    description,
    scenario: 'Business',
    successCriteria,
    feature: 'processor',
    module: 'destination',
    version: 'v0',
    input: { request: { method: 'POST', headers, body } },
    output: { response: { status: 200, body: output } }
  }
}

const processorError = (errorCategory: string, errorType: string) => statTags('processor', errorCategory, errorType)

/**
 * The processor cases of events dropped on purpose are sent without X-Feature-Filter-Code, as the harness sends the
 * other destinations of INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE: they answer 400 with the reason. With the header
 * (rudder-server always sends it) the same events answer 298, which rudder-transformer's service writes without
 * `output` for every destination, and its processor schema asks a 2xx for an `output`: the router cases and the
 * unit test filtered-events.test.ts cover the 298 path.
 */
const WITHOUT_FILTER_CODE = {}
const success = (output: unknown, jobId = 1) =>
  ({ output: { ...(output as object), userId: '' }, metadata: generateMetadata(jobId), statusCode: 200 }) as never

const cases: ProcessorTestData[] = [
  testCase(
    'bingads_conversions_processor_hash_vectors',
    'A mapped track event with an email, a phone and an offset timestamp',
    "Email and phone are normalised and hashed to Microsoft's published vectors; the time is converted to UTC",
    [
      {
        message: trackEvent('Lead Submitted', {
          timestamp: '2026-11-22T09:30:00+05:30',
          traits: { email: '  John@Contoso.com ', phone: '+1 (425) 555-1234' },
          properties: { order_id: 'lead-1', revenue: 10, currency: 'eur' }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'EUR',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T04:00:00.000Z',
            ConversionValue: 10,
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            HashedPhoneNumber: JOHN_PHONE_SHA256,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_values_arrive_hashed',
    'isHashRequired is off and the event brings SHA-256 digests of the email and phone',
    'The digests are sent as they are (lower case), not hashed again',
    [
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: JOHN_EMAIL_SHA256.toUpperCase(), phone: JOHN_PHONE_SHA256 },
          properties: { order_id: 'lead-1', revenue: 10, currency: 'eur' }
        }),
        metadata: generateMetadata(1),
        destination: destination({ isHashRequired: false })
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'EUR',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 10,
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            HashedPhoneNumber: JOHN_PHONE_SHA256,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_one_event_many_goals',
    'A track event mapped to two conversion goals',
    'One Apply call carries one offline conversion per goal',
    [{ message: trackEvent('Order Completed'), metadata: generateMetadata(1), destination: destination() }],
    [
      success(
        applyOfflineRequest([
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
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_price_quantity_integrations',
    'Value from price × quantity, click id from the integrations object, currency from the config default',
    "ConversionValue is 29.97, the integrations object's msclkid wins over the page URL, the currency is GBP",
    [
      {
        message: trackEvent('Lead Submitted', {
          integrations: { All: true, BINGADS_CONVERSIONS: { msclkid: OTHER_CLICK_ID } },
          properties: { price: 9.99, quantity: 3 }
        }),
        metadata: generateMetadata(1),
        destination: destination({ defaultCurrency: 'gbp' })
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'GBP',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 29.97,
            MicrosoftClickId: OTHER_CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_unmapped_without_filter_code',
    'A track event that no mapping names, from a caller that does not declare the filter-code feature',
    'Without X-Feature-Filter-Code the filtered event is an InstrumentationError (400) with the same reason',
    [{ message: trackEvent('Product Viewed'), metadata: generateMetadata(1), destination: destination() }],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'Event "Product Viewed" is not mapped in eventsToConversionGoals or adjustmentEvents, so it was not sent.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    {}
  ),
  testCase(
    'bingads_conversions_processor_consent_denied_without_filter_code',
    'Consent denies ad_storage, and the caller does not declare the filter-code feature',
    'The skip is reported as an InstrumentationError (400) naming the consent reason',
    [
      {
        message: trackEvent('Lead Submitted'),
        metadata: generateMetadata(1),
        destination: destination({ consentDefault: 'denied' })
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    { 'X-Feature-Filter-Code': '?0' }
  ),
  testCase(
    'bingads_conversions_processor_ad_storage_denied',
    'The consent manager denies the category configured for ad_storage',
    'Nothing is sent; without the filter code the skip is a 400 naming ad_storage_consent_denied',
    [
      {
        message: trackEvent('Lead Submitted', {
          context: {
            ...trackEvent('x').context,
            consentManagement: { provider: 'oneTrust', deniedConsentIds: ['C0004'], allowedConsentIds: ['C0001'] }
          }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    WITHOUT_FILTER_CODE
  ),
  testCase(
    'bingads_conversions_processor_ad_user_data_denied_click',
    'ad_user_data is denied; the event has an email and a click id',
    'The email is not sent (not even hashed); the click-id conversion still goes',
    [
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: 'john@contoso.com' },
          context: {
            ...trackEvent('x').context,
            consentManagement: { provider: 'oneTrust', deniedConsentIds: ['C0005'] }
          }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_ad_user_data_denied_no_click',
    'ad_user_data is denied; the event has an email but no click id',
    'Nothing identifies the conversion without personal data: without the filter code a 400 naming ad_user_data_consent_denied',
    [
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: 'john@contoso.com' },
          context: {
            page: { url: 'https://shop.example/checkout' },
            consentManagement: { deniedConsentIds: ['C0005', 'C0003'] }
          }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": Skipped: ad_user_data consent is denied and there is no click id, so nothing identifies the conversion. (ad_user_data_consent_denied)',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    WITHOUT_FILTER_CODE
  ),
  testCase(
    'bingads_conversions_processor_consent_reported_granted',
    'The consent default is denied, but the consent manager reports denials that do not include the configured categories',
    'Consent reported by the event wins over the default: the conversion is sent with the hashed email',
    [
      {
        message: trackEvent('Lead Submitted', {
          traits: { email: 'john@contoso.com' },
          context: {
            ...trackEvent('x').context,
            consentManagement: { provider: 'oneTrust', deniedConsentIds: ['C0002'] }
          }
        }),
        metadata: generateMetadata(1),
        destination: destination({ consentDefault: 'denied' })
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_integrations_consent',
    'Google-style consent in the integrations object denies ad_storage',
    'Nothing is sent; without the filter code the skip is a 400 naming ad_storage_consent_denied',
    [
      {
        message: trackEvent('Lead Submitted', {
          integrations: { 'Microsoft Ads Conversions': { consents: { ad_storage: 'DENIED', ad_user_data: 'GRANTED' } } }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    WITHOUT_FILTER_CODE
  ),
  testCase(
    'bingads_conversions_processor_no_identity',
    'A mapped track event with no click id, email or phone',
    'The event fails with 400, naming the field and the rule',
    [
      {
        message: trackEvent('Lead Submitted', { context: { page: { url: 'https://shop.example/checkout' } } }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": properties.msclkid is required: an offline conversion needs a Microsoft click id, or an email or phone for enhanced conversions.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_too_old',
    'A track event older than 90 days, mapped to two goals',
    'The event fails with 400 before anything is sent; one sentence names both goals',
    [
      {
        message: trackEvent('Order Completed', { timestamp: '2026-08-14T10:00:00Z' }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Purchase", offline conversion for goal "Revenue": timestamp is older than 90 days (2026-08-14T10:00:00.000Z); Microsoft accepts only the last 90 days.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_invalid_click_id',
    'The page URL carries a malformed msclkid',
    'The event fails with 400 naming where the click id was found; no other click id is invented',
    [
      {
        message: trackEvent('Lead Submitted', {
          context: { page: { url: 'https://shop.example/?msclkid=not-a-click-id' } }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion for goal "Lead": properties.msclkid is not a Microsoft click id (32 hexadecimal characters) as found in the msclkid parameter of the page URL.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_retract_online',
    'An adjustment event (Retract) naming the order only',
    'An online conversion adjustment keyed by the transaction id retracts the goal the event is mapped to',
    [
      {
        message: trackEvent('Order Refunded', { properties: { order_id: 'order-1' } }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOnlineAdjustmentsRequest([
          {
            AdjustmentTime: '2026-11-22T10:00:00.000Z',
            AdjustmentType: 'Retract',
            ConversionName: 'Purchase',
            TransactionId: 'order-1'
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_restate_offline',
    'An adjustment event (Restate) with the original conversion time, a click id and properties.conversionName',
    'An offline conversion adjustment restates the value; both times are in UTC',
    [
      {
        message: trackEvent('Order Updated', {
          properties: {
            order_id: 'order-1',
            revenue: 39.99,
            currency: 'usd',
            conversionName: 'Purchase',
            conversionTime: '2026-11-20T08:15:00-05:00'
          }
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineAdjustmentsRequest([
          {
            AdjustmentCurrencyCode: 'USD',
            AdjustmentTime: '2026-11-22T10:00:00.000Z',
            AdjustmentType: 'Restate',
            AdjustmentValue: 39.99,
            ConversionName: 'Purchase',
            ConversionTime: '2026-11-20T13:15:00.000Z',
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_insert',
    'A reverse-ETL insert with the Bing Ads offline conversions field names and a Bulk-style time',
    'An offline conversion: the M/D/YYYY h:mm:ss AM/PM time is read as UTC, the string value becomes a number, email and phone are hashed',
    [
      {
        message: record('insert', {
          conversionName: 'Offline Purchase',
          conversionTime: '11/21/2026 3:45:00 PM',
          microsoftClickId: CLICK_ID,
          email: 'JOHN@contoso.com',
          phone: '+14255551234',
          conversionValue: '120.50',
          conversionCurrencyCode: 'usd',
          externalAttributionModel: null,
          externalAttributionCredit: null
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T15:45:00.000Z',
            ConversionValue: 120.5,
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            HashedPhoneNumber: JOHN_PHONE_SHA256,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_update',
    'A reverse-ETL update with offset times',
    'A Restate adjustment: conversionValue is the new value, adjustedConversionTime the adjustment time, both times in UTC',
    [
      {
        message: record('update', {
          conversionName: 'Offline Purchase',
          conversionTime: '2026-11-21T10:45:00+02:00',
          adjustedConversionTime: '2026-11-22T09:00:00-01:00',
          microsoftClickId: CLICK_ID,
          conversionValue: 99,
          conversionCurrencyCode: 'USD'
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineAdjustmentsRequest([
          {
            AdjustmentCurrencyCode: 'USD',
            AdjustmentTime: '2026-11-22T10:00:00.000Z',
            AdjustmentType: 'Restate',
            AdjustmentValue: 99,
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T08:45:00.000Z',
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_delete',
    "A reverse-ETL delete that still carries the row's old value",
    'A Retract adjustment without a value',
    [
      {
        message: record('delete', {
          conversionName: 'Offline Purchase',
          conversionTime: '11/21/2026 8:45:00 AM',
          adjustedConversionTime: '11/22/2026 10:00:00 AM',
          microsoftClickId: CLICK_ID,
          conversionValue: 99,
          conversionCurrencyCode: 'USD'
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      success(
        applyOfflineAdjustmentsRequest([
          {
            AdjustmentTime: '2026-11-22T10:00:00.000Z',
            AdjustmentType: 'Retract',
            ConversionName: 'Offline Purchase',
            ConversionTime: '2026-11-21T08:45:00.000Z',
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_invalid',
    'A reverse-ETL insert without conversionName and with an unreadable conversionTime',
    'The record fails with 400; the message uses the warehouse field names and lists every broken rule',
    [
      {
        message: record('insert', { conversionTime: 'yesterday', microsoftClickId: CLICK_ID }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'offline conversion: conversionName is required; conversionTime is not a date and time (write ISO-8601 such as 2026-11-20T10:00:00Z, or epoch seconds, not words such as "yesterday").',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_update_without_adjusted_time',
    'A reverse-ETL update with no adjustedConversionTime',
    'The record fails with 400 naming adjustedConversionTime (never stamped with the processing time), as rudder-server refuses it',
    [
      {
        message: record('update', {
          conversionName: 'Offline Purchase',
          conversionTime: '2026-11-20T15:45:00Z',
          microsoftClickId: CLICK_ID,
          conversionValue: 80
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'Restate adjustment for goal "Offline Purchase": adjustedConversionTime is required for update records: ' +
          'an adjustment needs the time of the change, so that sending it again is the same adjustment.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_delete_without_adjusted_time',
    'A reverse-ETL delete with no adjustedConversionTime (null, as a warehouse column gives it)',
    'The record fails with 400 naming adjustedConversionTime',
    [
      {
        message: record('delete', {
          conversionName: 'Offline Purchase',
          conversionTime: '2026-11-20T15:45:00Z',
          adjustedConversionTime: null,
          microsoftClickId: CLICK_ID
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'Retract adjustment for goal "Offline Purchase": adjustedConversionTime is required for delete records: ' +
          'an adjustment needs the time of the change, so that sending it again is the same adjustment.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_record_field_names',
    'A reverse-ETL update whose adjustedConversionTime is before its conversionTime, with an unknown currency',
    'Every rule is named with the record field names (conversionTime, adjustedConversionTime, conversionCurrencyCode)',
    [
      {
        message: record('update', {
          conversionName: 'Offline Purchase',
          conversionTime: '2026-11-20T15:45:00Z',
          adjustedConversionTime: '2026-11-19T08:00:00Z',
          microsoftClickId: CLICK_ID,
          conversionValue: 80,
          conversionCurrencyCode: 'XXQ'
        }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'Restate adjustment for goal "Offline Purchase": conversionCurrencyCode is not an ISO 4217 currency code (such as USD or EUR); ' +
          'adjustedConversionTime (2026-11-19T08:00:00.000Z) is earlier than conversionTime (2026-11-20T15:45:00.000Z).',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_missing_secret',
    'rudder-server sent no OAuth access token',
    'The job fails with 500 (OAuthSecretError) so that it is retried, not dropped',
    [
      {
        message: trackEvent('Lead Submitted'),
        metadata: generateMetadata(1, { secret: { developer_token: 'dummy-developer-token' } }),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1, { secret: { developer_token: 'dummy-developer-token' } }),
        statusCode: 500,
        error:
          'OAuth access token not found in metadata.secret.accessToken: reconnect the Microsoft Advertising account.',
        statTags: processorError('platform', 'oAuthSecret')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_capi_and_offline',
    'sendTrackEventsToCapi is on: a mapped track event',
    'Two requests: the UET Conversions API event first, then the Apply call',
    [
      {
        message: trackEvent('Lead Submitted', { traits: { email: 'john@contoso.com' } }),
        metadata: generateMetadata(1),
        destination: destination({ sendTrackEventsToCapi: true })
      }
    ],
    [
      success(
        capiRequest([
          {
            eventType: 'custom',
            eventTime: EVENT_TIME,
            eventId: 'msg-lead-submitted',
            eventName: 'Lead Submitted',
            eventSourceUrl: `https://shop.example/checkout?msclkid=${CLICK_ID}`,
            referrerUrl: 'https://www.bing.com/',
            pageTitle: 'Checkout',
            adStorageConsent: 'G',
            userData: {
              msclkid: CLICK_ID_UUID,
              em: JOHN_EMAIL_SHA256,
              anonymousId: 'anon-1',
              externalId: 'user-1',
              clientIpAddress: '203.0.113.7',
              clientUserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)'
            },
            customData: { transactionId: 'order-1', value: 49.99, currency: 'USD' }
          }
        ])
      ),
      success(
        applyOfflineRequest([
          {
            ConversionCurrencyCode: 'USD',
            ConversionName: 'Lead',
            ConversionTime: '2026-11-22T10:00:00.000Z',
            ConversionValue: 49.99,
            HashedEmailAddress: JOHN_EMAIL_SHA256,
            MicrosoftClickId: CLICK_ID
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_capi_only_without_identity',
    'sendTrackEventsToCapi is on: a mapped event of a visitor with no click id, email or phone',
    'The UET Conversions API event (keyed by the anonymous and user ids) is sent; the offline conversion, which cannot be attributed, is left out',
    [
      {
        message: trackEvent('Lead Submitted', {
          context: { page: { url: 'https://shop.example/checkout' } },
          properties: { order_id: 'lead-9' }
        }),
        metadata: generateMetadata(1),
        destination: destination({ sendTrackEventsToCapi: true })
      }
    ],
    [
      success(
        capiRequest([
          {
            eventType: 'custom',
            eventTime: EVENT_TIME,
            eventId: 'msg-lead-submitted',
            eventName: 'Lead Submitted',
            eventSourceUrl: 'https://shop.example/checkout',
            adStorageConsent: 'G',
            userData: { anonymousId: 'anon-1', externalId: 'user-1' },
            customData: { transactionId: 'lead-9' }
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_page_load',
    'sendPageEventsToCapi is on: a page event',
    'A UET Conversions API pageLoad event with the page URL',
    [
      {
        message: {
          type: 'page',
          name: 'Checkout',
          messageId: 'page-1',
          anonymousId: 'anon-1',
          timestamp: '2026-11-22T09:45:00.000Z',
          context: {
            page: { url: 'https://shop.example/checkout', title: 'Checkout' },
            campaign: { source: 'bing', msclkid: CLICK_ID }
          },
          properties: { url: 'https://shop.example/checkout' }
        },
        metadata: generateMetadata(1),
        destination: destination({ sendPageEventsToCapi: true })
      }
    ],
    [
      success(
        capiRequest([
          {
            eventType: 'pageLoad',
            eventTime: 1795340700,
            eventId: 'page-1',
            eventSourceUrl: 'https://shop.example/checkout',
            pageTitle: 'Checkout',
            adStorageConsent: 'G',
            userData: { msclkid: CLICK_ID_UUID, anonymousId: 'anon-1' }
          }
        ])
      )
    ]
  ),
  testCase(
    'bingads_conversions_processor_page_off',
    'A page event while sendPageEventsToCapi is off',
    'Nothing is sent; without the filter code the skip is a 400 with the reason',
    [
      {
        message: { type: 'page', name: 'Home', messageId: 'page-2', timestamp: '2026-11-22T09:45:00.000Z' },
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error: 'Page events are sent only to the UET Conversions API, and sendPageEventsToCapi is off.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ],
    WITHOUT_FILTER_CODE
  ),
  testCase(
    'bingads_conversions_processor_adjustment_without_goal',
    'An adjustment event that no goal mapping names, without properties.conversionName',
    'The event fails with 400 saying how to name the goal to adjust',
    [
      {
        message: trackEvent('Order Updated', { properties: { order_id: 'order-1', revenue: 10 } }),
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error:
          'Event "Order Updated" is an adjustment event (Restate) but names no goal: map it to its goals in eventsToConversionGoals, or send properties.conversionName.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_unsupported_type',
    'An identify call',
    'The event fails with 400: only track, page and record messages are supported',
    [
      {
        message: { type: 'identify', userId: 'user-1', traits: { email: 'john@contoso.com' } },
        metadata: generateMetadata(1),
        destination: destination()
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error: 'Message type "identify" is not supported: send track, page or record messages.',
        statTags: processorError('dataValidation', 'instrumentation')
      }
    ]
  ),
  testCase(
    'bingads_conversions_processor_bad_config',
    'customerAccountId is not numeric',
    'The event fails with 400 (configuration) naming the setting',
    [
      {
        message: trackEvent('Lead Submitted'),
        metadata: generateMetadata(1),
        destination: destination({ customerAccountId: 'acct-12' })
      }
    ],
    [
      {
        metadata: generateMetadata(1),
        statusCode: 400,
        error: 'Invalid destination config: customerAccountId must be a numeric id (digits only).',
        statTags: processorError('dataValidation', 'configuration')
      }
    ]
  )
]

/** Every case runs at the fixtures' clock. */
export const data: ProcessorTestData[] = cases.map((tc) => ({ mockFns, ...tc }))
