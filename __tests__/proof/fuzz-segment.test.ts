import { Destination, defaultValues, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import fc from 'fast-check'
import nock from 'nock'
import segmentDestination from '../../destinations/segment'
import adjustConversion from '../../destinations/segment/adjustConversion'
import trackConversion from '../../destinations/segment/trackConversion'
import uetCapiEvent from '../../destinations/segment/uetCapiEvent'
import { ENDPOINT_ENV } from '../../src'
import {
  asJson,
  clickId,
  consent,
  currency,
  email,
  fieldKeys,
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
 * Random Segment events through each action of the destination, in batch mode (Destination.onBatch, as Segment's
 * platform calls it) and in single mode. Microsoft accepts whatever reaches it (nock), so every refusal is the
 * destination's or actions-core's own. Properties: nothing throws out of a batch; every event gets exactly one
 * status; a refused event's message names a field; single mode throws only actions-core's error classes.
 */

const ORIGIN = 'http://microsoft.fuzz.invalid'
const NOW = Date.now()
const TAG_ID = '400000001'

const settings = {
  customer_id: '100000001',
  account_id: '200000001',
  developer_token: 'FUZZDEVTOKEN',
  client_id: '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6',
  client_secret: 'fuzz-client-secret',
  refresh_token: 'fuzz-refresh-token',
  uet_tag_id: TAG_ID,
  uet_capi_token: 'fuzz-capi-token',
  environment: 'production',
  consent_default: 'granted',
  default_phone_country: 'US',
  oauth: { access_token: 'fuzz-access-token', refresh_token: 'fuzz-refresh-token' }
}

const ACTIONS = {
  trackConversion: { fields: trackConversion.fields, mapping: { conversion_name: { '@path': '$.properties.goal' } } },
  adjustConversion: {
    fields: adjustConversion.fields,
    mapping: {
      adjustment_type: { '@path': '$.properties.adjustment_type' },
      conversion_name: { '@path': '$.properties.goal' },
      conversion_time: { '@path': '$.properties.converted_at' }
    }
  },
  uetCapiEvent: { fields: uetCapiEvent.fields, mapping: { eventType: { '@path': '$.properties.event_type' } } }
} as const

type ActionName = keyof typeof ACTIONS

function platformSettings(action: ActionName): JSONObject {
  const { fields, mapping } = ACTIONS[action]
  return {
    ...settings,
    subscriptions: [
      { partnerAction: action, subscribe: 'type = "track"', mapping: { ...defaultValues(fields), ...mapping } }
    ]
  }
}

const event = fc
  .record(
    {
      event: sometimes(fc.constantFrom('Order Completed', 'Lead', '')),
      messageId: sometimes(fc.string({ maxLength: 12 })),
      timestamp: sometimes(timeAround(NOW)),
      properties: fc.record(
        {
          goal: sometimes(fc.oneof(fc.constantFrom('Purchase', 'Lead', ''), fc.string({ maxLength: 120 }))),
          revenue: sometimes(money),
          currency: sometimes(currency),
          msclkid: sometimes(clickId),
          order_id: sometimes(fc.string({ maxLength: 20 })),
          adjustment_type: sometimes(fc.constantFrom('Restate', 'Retract', 'restate', 'Cancel')),
          converted_at: sometimes(timeAround(NOW)),
          event_type: sometimes(fc.constantFrom('custom', 'pageLoad', 'PageLoad', 'click')),
          event_id: sometimes(fc.string({ maxLength: 12 })),
          query: sometimes(fc.string({ maxLength: 12 })),
          products: sometimes(
            fc.array(
              fc.record({
                product_id: sometimes(fc.string({ maxLength: 8 })),
                price: sometimes(money),
                quantity: sometimes(fc.integer({ min: -2, max: 9 }))
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
            { url: sometimes(url), referrer: sometimes(url), title: sometimes(fc.string({ maxLength: 12 })) },
            { requiredKeys: [] }
          ),
          consent: fc.record(
            { ad_storage: sometimes(consent), ad_user_data: sometimes(consent) },
            { requiredKeys: [] }
          ),
          cookies: fc.record(
            {
              _uetmsclkid: sometimes(
                fc.oneof(
                  clickId.map((id) => `_uet${id}`),
                  fc.string({ maxLength: 12 })
                )
              )
            },
            { requiredKeys: [] }
          ),
          ip: sometimes(fc.ipV4()),
          userAgent: sometimes(fc.string({ maxLength: 20 }))
        },
        { requiredKeys: [] }
      )
    },
    { requiredKeys: ['properties', 'context'] }
  )
  .map((fields) => asJson({ type: 'track', ...fields }) as unknown as SegmentEvent)

const PROPERTY_KEYS = [
  'goal',
  'revenue',
  'value',
  'total',
  'currency',
  'msclkid',
  'order_id',
  'adjustment_type',
  'converted_at',
  'event_type',
  'products',
  'email',
  'phone'
]
const CONTEXT_KEYS = ['traits', 'page', 'consent', 'cookies', 'ip', 'userAgent']

/** Anything at all where the mappings look: the keys they read, holding any JSON. */
const chaos = fc
  .record({
    event: fc.jsonValue({ maxDepth: 1 }),
    timestamp: fc.jsonValue({ maxDepth: 1 }),
    properties: fc.dictionary(
      fc.oneof(fc.constantFrom(...PROPERTY_KEYS), fc.string({ maxLength: 6 })),
      fc.jsonValue({ maxDepth: 2 }),
      { maxKeys: 8 }
    ),
    context: fc.dictionary(
      fc.oneof(fc.constantFrom(...CONTEXT_KEYS), fc.string({ maxLength: 6 })),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 6 }
    ),
    integrations: fc.jsonValue({ maxDepth: 2 })
  })
  .map((fields) => asJson({ type: 'track', ...fields }) as unknown as SegmentEvent)

const anyEvent = fc.oneof({ weight: 3, arbitrary: event }, { weight: 1, arbitrary: chaos })

const destination = new Destination(segmentDestination)

beforeAll(() => {
  nock.disableNetConnect()
  process.env[ENDPOINT_ENV.all] = ORIGIN
  nock(ORIGIN)
    .persist()
    .post(/\/CampaignManagement\/v13\/\w+\/Apply$/)
    .reply(200, { PartialErrors: [] })
  nock(ORIGIN)
    .persist()
    .post(`/v1/${TAG_ID}/events`)
    .reply(200, (_uri, body) => ({ eventsReceived: (body as { data: unknown[] }).data.length }))
})
afterAll(() => {
  delete process.env[ENDPOINT_ENV.all]
  nock.cleanAll()
  nock.enableNetConnect()
})

interface Entry {
  status: number
  errormessage?: string
  body?: unknown
}

describe.each(Object.keys(ACTIONS) as ActionName[])('%s under random events', (action) => {
  const fields = [...fieldKeys(ACTIONS[action].fields), ...NEUTRAL_FIELDS]

  it('gives each event of a batch one status, and names the field of each refusal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyEvent, { minLength: 1, maxLength: 12 }), async (events) => {
        const results = (await destination.onBatch(events, platformSettings(action))) as Array<{
          multistatus?: Entry[]
        }>
        const entries = results[0]?.multistatus ?? []
        expect(entries).toHaveLength(events.length)
        for (const entry of entries) {
          if (entry.status >= 200 && entry.status < 300) continue
          expect(entry.status).toBe(400)
          if (!namesAField(entry.errormessage ?? '', fields))
            throw new Error(`no field named in: ${entry.errormessage}`)
        }
      }),
      fuzzParameters()
    )
  })

  it('throws only actions-core errors in single mode, naming a field', async () => {
    await fc.assert(
      fc.asyncProperty(anyEvent, async (one) => {
        try {
          await destination.onEvent(one, platformSettings(action))
        } catch (error) {
          const name = (error as Error).constructor.name
          expect(['PayloadValidationError', 'IntegrationError', 'AggregateAjvError', 'ValidationError']).toContain(name)
          if (!namesAField((error as Error).message, fields))
            throw new Error(`no field named in: ${(error as Error).message}`)
        }
      }),
      fuzzParameters()
    )
  })
})
