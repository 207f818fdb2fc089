import fc from 'fast-check'
import { responseHandler } from '../../destinations/rudderstack'
import { generateProxyMetadata } from '../../destinations/rudderstack/__tests__/data/common'
import { interpretApplyResponse, interpretCapiResponse, type HttpResponse } from '../../src'
import { fuzzParameters } from './fuzz-support'

/**
 * Whatever Microsoft (or a proxy in between) answers, the readers of its answers give one outcome per item and
 * never throw: random statuses, headers and bodies, from well-formed faults with odd values to garbage.
 */

const OUTCOMES = ['delivered', 'skipped', 'rejected', 'retry', 'auth']

const batchError = fc.record({
  Code: fc.oneof(fc.constantFrom(105, 109, 117, 5602, 5606, 5612, 5615, 0), fc.integer()),
  ErrorCode: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null)),
  Index: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(null), fc.string({ maxLength: 2 })),
  Message: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
  FieldPath: fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null)),
  Type: fc.constantFrom('BatchError', 'EditorialError', 'X')
})

const body = fc.oneof(
  fc.record({
    PartialErrors: fc.oneof(fc.array(batchError, { maxLength: 6 }), fc.constant(null), fc.jsonValue({ maxDepth: 1 }))
  }),
  fc.record({
    TrackingId: fc.string({ maxLength: 8 }),
    Type: fc.constant('AdApiFaultDetail'),
    Errors: fc.array(batchError, { maxLength: 3 })
  }),
  fc.record({
    Type: fc.constant('ApiFaultDetail'),
    BatchErrors: fc.array(batchError, { maxLength: 4 }),
    OperationErrors: fc.array(batchError, { maxLength: 2 })
  }),
  fc.record({
    eventsReceived: fc.oneof(fc.integer({ min: -1, max: 15 }), fc.string({ maxLength: 2 })),
    error: fc.option(
      fc.record({
        code: fc.string({ maxLength: 10 }),
        details: fc.array(
          fc.record({
            index: fc.integer({ min: -1, max: 12 }),
            isWarning: fc.boolean(),
            errorCode: fc.string({ maxLength: 10 }),
            propertyName: fc.string({ maxLength: 10 })
          }),
          { maxLength: 12 }
        )
      })
    )
  }),
  fc.jsonValue({ maxDepth: 3 })
)

const response = fc.record({
  status: fc.oneof(fc.constantFrom(200, 400, 401, 403, 408, 429, 500, 502, 503), fc.integer({ min: 100, max: 599 })),
  headers: fc.record(
    {
      'retry-after': fc.oneof(
        fc.constantFrom('5', '0', '-1', 'soon', 'Wed, 21 Oct 2099 07:28:00 GMT'),
        fc.string({ maxLength: 4 })
      ),
      trackingid: fc.string({ maxLength: 8 })
    },
    { requiredKeys: [] }
  ),
  body: fc.oneof(
    body.map((b) => JSON.stringify(b)),
    fc.string({ maxLength: 40 })
  )
}) as fc.Arbitrary<HttpResponse>

describe('readers of Microsoft answers under random responses', () => {
  it('Apply: one outcome per item, never a throw', () => {
    fc.assert(
      fc.property(response, fc.integer({ min: 1, max: 10 }), (answer, count) => {
        const outcomes = interpretApplyResponse(answer, count)
        expect(outcomes).toHaveLength(count)
        for (const outcome of outcomes) {
          expect(OUTCOMES).toContain(outcome.outcome)
          expect(typeof outcome.message).toBe('string')
        }
      }),
      fuzzParameters()
    )
  })

  it('CAPI: one outcome per event, never a throw', () => {
    fc.assert(
      fc.property(
        response,
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (answer, count, continueOnValidationError) => {
          const outcomes = interpretCapiResponse(answer, count, continueOnValidationError)
          expect(outcomes).toHaveLength(count)
          for (const outcome of outcomes) expect(OUTCOMES).toContain(outcome.outcome)
        }
      ),
      fuzzParameters()
    )
  })

  it('RudderStack delivery proxy: one status per job, or a proxy error for all of them', () => {
    fc.assert(
      fc.property(response, fc.integer({ min: 1, max: 6 }), (answer, jobs) => {
        const items = Array.from({ length: jobs }, (_, i) => ({
          ConversionName: 'Purchase',
          MicrosoftClickId: i.toString(16).padStart(32, '0')
        }))
        const metadata = items.map((_, i) => generateProxyMetadata(i + 1))
        let parsed: unknown
        try {
          parsed = JSON.parse(answer.body)
        } catch {
          parsed = answer.body
        }
        try {
          const result = responseHandler({
            destinationResponse: { response: parsed, status: answer.status, headers: answer.headers },
            rudderJobMetadata: metadata,
            destinationRequest: {
              version: '1',
              type: 'REST',
              method: 'POST',
              endpoint: 'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply',
              userId: '',
              body: { JSON: { OfflineConversions: items } },
              metadata,
              destinationConfig: {}
            }
          })
          expect(result.response.map((state) => state.metadata.jobId)).toEqual(metadata.map((m) => m.jobId))
        } catch (error) {
          expect((error as { response?: unknown[] }).response).toHaveLength(jobs)
          expect((error as Error).constructor.name).toBe('TransformerProxyError')
        }
      }),
      fuzzParameters()
    )
  })
})
