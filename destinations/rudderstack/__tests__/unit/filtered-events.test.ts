import { InstrumentationError } from '@rudderstack/integrations-lib'
import { FilteredEventsError } from '../../contracts/error-types'
import type { ProcessorTransformationRequest, RequestMetadata } from '../../contracts/rudder-types'
import { process } from '../../process'
import { freezeClock, releaseClock } from '../harness/clock'
import { destination, generateMetadata, trackEvent } from '../data/common'

/**
 * The processor's answer for events dropped on purpose. rudder-server always sends X-Feature-Filter-Code and files
 * a 298 as filtered with its reason; the component cases cannot show that path for the processor (rudder-transformer
 * writes a thrown FilteredEventsError without `output`, which its processor schema refuses), so it is shown here.
 */
const FILTER_CODE: RequestMetadata = { features: { 'filter-code': true } }
const NO_FILTER_CODE: RequestMetadata = { features: { 'filter-code': false } }

const AD_STORAGE_DENIED =
  'offline conversion for goal "Lead": Skipped: ad_storage consent is denied, so nothing was sent. (ad_storage_consent_denied)'

const dropped: Array<[string, ProcessorTransformationRequest['message'], Record<string, unknown>, string, string]> = [
  [
    'an event no mapping names',
    trackEvent('Product Viewed'),
    {},
    'event_not_mapped',
    'Event "Product Viewed" is not mapped in eventsToConversionGoals or adjustmentEvents, so it was not sent.'
  ],
  [
    'ad_storage denied by the consent manager',
    trackEvent('Lead Submitted', {
      context: { ...trackEvent('x').context, consentManagement: { deniedConsentIds: ['C0004'] } }
    }),
    {},
    'ad_storage_consent_denied',
    AD_STORAGE_DENIED
  ],
  [
    'ad_storage denied by the admin default, with no signal on the event',
    trackEvent('Lead Submitted'),
    { consentDefault: 'denied' },
    'ad_storage_consent_denied',
    AD_STORAGE_DENIED
  ],
  [
    'ad_user_data denied and no click id',
    trackEvent('Lead Submitted', {
      traits: { email: 'john@contoso.com' },
      context: { page: { url: 'https://shop.example/checkout' }, consentManagement: { deniedConsentIds: ['C0005'] } }
    }),
    {},
    'ad_user_data_consent_denied',
    'offline conversion for goal "Lead": Skipped: ad_user_data consent is denied and there is no click id, so nothing identifies the conversion. (ad_user_data_consent_denied)'
  ],
  [
    'a page call while sendPageEventsToCapi is off',
    { type: 'page', name: 'Home', messageId: 'page-1', timestamp: '2026-11-22T09:45:00.000Z' },
    {},
    'filtered',
    'Page events are sent only to the UET Conversions API, and sendPageEventsToCapi is off.'
  ]
]

function thrownBy(event: ProcessorTransformationRequest, reqMetadata: RequestMetadata): unknown {
  try {
    process(event, reqMetadata)
  } catch (error) {
    return error
  }
  throw new Error('process() sent an event it should have dropped')
}

beforeAll(freezeClock)
afterAll(releaseClock)

describe.each(dropped)('the processor, for %s', (_name, message, config, reason, text) => {
  const event = { message, metadata: generateMetadata(1), destination: destination(config) }

  it('throws a FilteredEventsError (298) with the reason when the caller accepts the filter code', () => {
    const error = thrownBy(event, FILTER_CODE)
    expect(error).toBeInstanceOf(FilteredEventsError)
    expect(error).toMatchObject({ status: 298, message: text, outcome: { outcome: 'skipped', reason } })
  })

  it('throws an InstrumentationError (400) with the same reason and outcome when it does not', () => {
    for (const reqMetadata of [NO_FILTER_CODE, {}]) {
      const error = thrownBy(event, reqMetadata)
      expect(error).toBeInstanceOf(InstrumentationError)
      expect(error).not.toBeInstanceOf(FilteredEventsError)
      expect(error).toMatchObject({ status: 400, message: text, outcome: { outcome: 'skipped', reason } })
    }
  })
})
