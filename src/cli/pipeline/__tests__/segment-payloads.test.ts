import { Destination, MultiStatusResponse, type DestinationDefinition, type SegmentEvent } from '@segment/actions-core'
import fc from 'fast-check'
import { presetSubscriptions } from '../../host/subscriptions'
import { segmentDefinition } from '../../host/segment-host'
import { SegmentPayloads } from '../segment-payloads'

/**
 * actions-core's own executeBatch with a performBatch that keeps the payloads it is given: what the destination's
 * actions would receive, and which events actions-core refused before them.
 */
function actionsCoreBatch(
  action: string,
  mapping: Record<string, unknown>,
  events: SegmentEvent[]
): Promise<{ payloads: unknown[]; refused: number[] }> {
  let payloads: unknown[] = []
  const definition = {
    ...segmentDefinition,
    actions: {
      [action]: {
        ...segmentDefinition.actions[action],
        performBatch: (_request: unknown, data: { payload: unknown[] }) => {
          payloads = data.payload
          const response = new MultiStatusResponse()
          for (let index = 0; index < data.payload.length; index++)
            response.pushSuccessResponse({ status: 200, body: {}, sent: {} })
          return response
        }
      }
    }
  } as unknown as DestinationDefinition
  const destination = new Destination(definition)
  return destination.executeBatch(action, { events, mapping: mapping as never, settings: {} }).then((nodes) => ({
    payloads,
    refused: nodes.flatMap((node, index) => ((node as { status: number }).status === 400 ? [index] : []))
  }))
}

const json: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(''),
  fc.constant('2026-11-21T10:15:00Z'),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('a', 'b'), fc.string({ maxLength: 3 }), { maxKeys: 2 })
)

const segmentEvent = fc.record(
  {
    type: fc.constantFrom('track', 'page'),
    event: fc.constantFrom('Order Completed', 'Order Refunded'),
    name: json,
    timestamp: json,
    messageId: json,
    anonymousId: json,
    userId: json,
    properties: fc.record(
      {
        order_id: json,
        revenue: json,
        value: json,
        currency: json,
        msclkid: json,
        email: json,
        phone: json,
        conversion_time: json,
        products: fc.array(fc.record({ product_id: json, price: json, quantity: json }, { requiredKeys: [] }), {
          maxLength: 2
        })
      },
      { requiredKeys: [] }
    ),
    context: fc.record(
      {
        traits: fc.record({ email: json, phone: json }, { requiredKeys: [] }),
        consent: fc.record({ ad_storage: json, ad_user_data: json }, { requiredKeys: [] }),
        page: fc.record({ url: json, referrer: json, title: json }, { requiredKeys: [] }),
        ip: json,
        userAgent: json
      },
      { requiredKeys: [] }
    )
  },
  { requiredKeys: ['type'] }
) as unknown as fc.Arbitrary<SegmentEvent>

describe("Segment payloads resolve as actions-core's executeBatch resolves them", () => {
  jest.setTimeout(120_000)

  it('the same payloads for the events it accepts, the same events refused, on every preset', async () => {
    const seen = { accepted: 0, refused: 0 }
    for (const subscription of presetSubscriptions()) {
      const payloads = new SegmentPayloads(subscription.action, subscription.mapping)
      await fc.assert(
        fc.asyncProperty(fc.array(segmentEvent, { minLength: 1, maxLength: 6 }), async (events) => {
          const expected = await actionsCoreBatch(subscription.action, subscription.mapping, structuredClone(events))
          const ours = structuredClone(events).map((event) => payloads.resolve(event))
          const refused = ours.flatMap((resolved, index) => ('outcome' in resolved ? [index] : []))
          expect(refused).toEqual(expected.refused)
          seen.refused += refused.length
          seen.accepted += events.length - refused.length
          expect(ours.flatMap((resolved) => ('payload' in resolved ? [resolved.payload] : []))).toEqual(
            expected.payloads
          )
          for (const resolved of ours)
            if ('outcome' in resolved) expect(resolved.outcome).toMatchObject({ outcome: 'rejected', status: 400 })
        }),
        { numRuns: 200 }
      )
    }
    // The generated events reach both sides of the schema.
    expect(seen.accepted).toBeGreaterThan(100)
    expect(seen.refused).toBeGreaterThan(100)
  })
})
