import { BaseError } from '@rudderstack/integrations-lib'
import fc from 'fast-check'
import {
  process as processEvent,
  processRouterDest,
  type Destination,
  type RouterTransformationRequestData
} from '../../destinations/rudderstack'
import { CONFIG_KEYS } from '../../destinations/rudderstack/destination-config'
import { destination, generateMetadata } from '../../destinations/rudderstack/__tests__/data/common'
import { runProcessor } from '../../destinations/rudderstack/service-layer'

/** rudder-server declares that it understands the filter code (298) on every transform request. */
const AS_RUDDER_SERVER = { features: { 'filter-code': true } }
import {
  asJson,
  clickId,
  consent,
  currency,
  email,
  fuzzParameters,
  money,
  namesAField,
  NEUTRAL_FIELDS,
  phone,
  sometimes,
  timeAround,
  url
} from './fuzz-support'

/**
 * Random RudderStack messages (track, page, reverse-ETL records, other types, garbage) through the processor
 * transform and the router transform, with CAPI on. Properties: the processor throws only the lib's errors (as
 * rudder-transformer expects), with 298 or 4xx statuses; the router never throws and reports every job exactly
 * once; every 400 names the field (a message path, a record field or a config key) it is about.
 */

const NOW = Date.now()

const config = {
  sendTrackEventsToCapi: true,
  sendPageEventsToCapi: true,
  defaultPhoneCountry: 'US',
  adjustmentEvents: [
    { from: 'Order Refunded', to: 'Retract' },
    { from: 'Order Updated', to: 'Restate' }
  ]
}
const target: Destination = destination(config)

/** What a RudderStack error may name: a message path, a record field, a config key, a neutral field. */
const FIELDS = [
  'type',
  'event',
  'timestamp',
  'originalTimestamp',
  'messageId',
  'action',
  'fields',
  'properties',
  'context',
  'traits',
  'integrations',
  ...CONFIG_KEYS,
  ...NEUTRAL_FIELDS,
  'conversionName',
  'conversionTime',
  'microsoftClickId',
  'conversionValue',
  'conversionCurrencyCode',
  'adjustedConversionTime',
  'externalAttributionModel',
  'externalAttributionCredit',
  'transactionId'
]

function namesARudderField(message: string): boolean {
  return namesAField(message, FIELDS) || /\b(properties|context|traits|fields|integrations)\.[A-Za-z_]/.test(message)
}

const eventName = fc.constantFrom(
  'Order Completed',
  'Lead Submitted',
  'Order Refunded',
  'Order Updated',
  'Product Viewed',
  '',
  ' order completed '
)

const track = fc.record(
  {
    type: fc.constantFrom('track', 'TRACK', ' track'),
    event: sometimes(eventName),
    messageId: sometimes(fc.string({ maxLength: 12 })),
    userId: sometimes(fc.string({ maxLength: 8 })),
    timestamp: sometimes(timeAround(NOW)),
    originalTimestamp: sometimes(timeAround(NOW)),
    traits: fc.record({ email: sometimes(email), phone: sometimes(phone) }, { requiredKeys: [] }),
    properties: fc.record(
      {
        revenue: sometimes(money),
        price: sometimes(money),
        quantity: sometimes(fc.integer({ min: -1, max: 5 })),
        currency: sometimes(currency),
        msclkid: sometimes(clickId),
        microsoftClickId: sometimes(clickId),
        order_id: sometimes(fc.string({ maxLength: 10 })),
        conversionTime: sometimes(timeAround(NOW)),
        externalAttributionCredit: sometimes(money),
        products: sometimes(
          fc.array(
            fc.record({
              product_id: sometimes(fc.string({ maxLength: 6 })),
              price: sometimes(money),
              quantity: sometimes(money)
            }),
            { maxLength: 3 }
          )
        )
      },
      { requiredKeys: [] }
    ),
    context: fc.record(
      {
        traits: fc.record({ email: sometimes(email), phone: sometimes(phone) }, { requiredKeys: [] }),
        page: fc.record(
          { url: sometimes(url), referrer: sometimes(url), title: sometimes(fc.string({ maxLength: 8 })) },
          { requiredKeys: [] }
        ),
        consentManagement: sometimes(
          fc.record({ deniedConsentIds: fc.array(fc.constantFrom('C0004', 'C0005', 'C0001'), { maxLength: 3 }) })
        ),
        cookies: sometimes(
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.record({ _uetmsclkid: sometimes(clickId.map((id) => `_uet${id}`)) })
          )
        ),
        ip: sometimes(fc.ipV4()),
        userAgent: sometimes(fc.string({ maxLength: 12 }))
      },
      { requiredKeys: [] }
    ),
    integrations: sometimes(
      fc.record({
        BINGADS_CONVERSIONS: fc.record({
          msclkid: sometimes(clickId),
          consents: fc.record({ ad_storage: consent, ad_user_data: consent })
        })
      })
    )
  },
  { requiredKeys: ['type'] }
)

const page = track.map((message) => ({ ...message, type: 'page', name: 'Checkout' }))

const record = fc.record(
  {
    type: fc.constant('record'),
    action: sometimes(fc.constantFrom('insert', 'update', 'delete', 'upsert')),
    messageId: sometimes(fc.string({ maxLength: 8 })),
    fields: fc.record(
      {
        conversionName: sometimes(fc.constantFrom('Purchase', 'Lead', '', ' Purchase ')),
        conversionTime: sometimes(
          fc.oneof(timeAround(NOW), fc.constantFrom('11/21/2026 3:45:00 PM', '13/45/2026 1:00:00 AM'))
        ),
        adjustedConversionTime: sometimes(timeAround(NOW)),
        microsoftClickId: sometimes(clickId),
        email: sometimes(email),
        phone: sometimes(phone),
        conversionValue: sometimes(money),
        conversionCurrencyCode: sometimes(currency),
        externalAttributionCredit: sometimes(money),
        externalAttributionModel: sometimes(fc.string({ maxLength: 8 }))
      },
      { requiredKeys: [] }
    )
  },
  { requiredKeys: ['type', 'fields'] }
)

const other = fc.oneof(
  fc.record({
    type: sometimes(fc.constantFrom('identify', 'group', 'alias', 'screen', '', 'audiencelist')),
    userId: sometimes(fc.string({ maxLength: 6 }))
  }),
  fc.dictionary(
    fc.constantFrom('type', 'event', 'properties', 'context', 'fields', 'action', 'timestamp'),
    fc.jsonValue({ maxDepth: 2 })
  )
)

const message = fc
  .oneof(
    { weight: 4, arbitrary: track },
    { weight: 2, arbitrary: page },
    { weight: 2, arbitrary: record },
    { weight: 1, arbitrary: other }
  )
  .map((m) => asJson(m) as RouterTransformationRequestData['message'])

function inputsOf(messages: Array<RouterTransformationRequestData['message']>): RouterTransformationRequestData[] {
  return messages.map((m, i) => ({ message: m, metadata: generateMetadata(i + 1), destination: target }))
}

describe('the RudderStack destination under random messages', () => {
  it('processor: throws only the lib errors, 298 or 4xx, each 400 naming a field', async () => {
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        const [input] = inputsOf([m])
        try {
          const output = processEvent(input, AS_RUDDER_SERVER)
          for (const request of [output].flat()) expect(request.body.JSON).toBeDefined()
        } catch (error) {
          if (!(error instanceof BaseError)) throw new Error(`not a lib error: ${String(error)}`)
          expect([298, 400]).toContain(error.status)
          if (error.status === 400 && !namesARudderField(error.message))
            throw new Error(`no field named in: ${error.message}`)
        }
        // rudder-transformer's service around it answers for the event, once per request it makes (or once, failed).
        const { body } = await runProcessor([input], AS_RUDDER_SERVER)
        expect(body.length).toBeGreaterThanOrEqual(1)
        expect(body.every((response) => response.metadata.jobId === 1)).toBe(true)
      }),
      fuzzParameters()
    )
  })

  it('router: never throws, reports each job exactly once, each 400 naming a field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 20 }), async (messages) => {
        const output = await processRouterDest(inputsOf(messages), AS_RUDDER_SERVER)
        const seen = new Map<number, number>()
        for (const entry of output) {
          for (const metadata of entry.metadata) seen.set(metadata.jobId!, (seen.get(metadata.jobId!) ?? 0) + 1)
          // Only status-200 entries are sent; a filtered one carries an empty request that rudder-server never sends.
          if (entry.statusCode === 200) {
            expect(entry.batchedRequest).toBeDefined()
            continue
          }
          expect([298, 400]).toContain(entry.statusCode)
          if (entry.statusCode === 400 && !namesARudderField(entry.error ?? ''))
            throw new Error(`no field named in: ${entry.error}`)
        }
        expect([...seen.keys()].sort((a, b) => a - b)).toEqual(messages.map((_, i) => i + 1))
        expect([...seen.values()].every((count) => count === 1)).toBe(true)
      }),
      fuzzParameters()
    )
  })
})
