import { ProcessorTransformationResponseSchema, RouterTransformationResponseSchema } from './router-response-schema'
import { destination, filteredEntry, generateMetadata, NOTHING_SENT } from '../data/common'

/** The re-declared rules refuse what rudder-transformer's schema refuses, so the fixtures passing them means something. */
const target = destination() as unknown as Record<string, unknown>
const issuesOf = (entry: unknown) => {
  const parsed = RouterTransformationResponseSchema.safeParse(entry)
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)
}

describe('the router response schema', () => {
  it('refuses a 298 entry without batchedRequest: 298 is a 2xx status there', () => {
    const entry = {
      metadata: [generateMetadata(1)],
      destination: target,
      batched: false,
      statusCode: 298,
      error: 'filtered'
    }
    expect(issuesOf(entry)).toEqual(["batchedRequest can't be empty when status is 2XX"])
  })

  it('accepts a filtered entry as this destination writes it', () => {
    expect(issuesOf(filteredEntry(generateMetadata(1), 'filtered', destination(), 'filtered'))).toEqual([])
  })

  it('refuses a failed entry that names neither error nor statTags', () => {
    const entry = {
      metadata: [generateMetadata(1)],
      destination: target,
      batched: false,
      statusCode: 400,
      statTags: {}
    }
    expect(issuesOf(entry)).toEqual(["statTags and error can't be empty when status is not a 2XX"])
  })

  it('refuses metadata that is not an array, and a batchedRequest without endpoint', () => {
    const { endpoint: _endpoint, ...noEndpoint } = NOTHING_SENT
    const entry = {
      batchedRequest: noEndpoint,
      metadata: generateMetadata(1),
      destination: target,
      batched: true,
      statusCode: 200
    }
    expect(RouterTransformationResponseSchema.safeParse(entry).success).toBe(false)
    expect(issuesOf({ ...entry, batchedRequest: NOTHING_SENT, metadata: [generateMetadata(1)] })).toEqual([])
  })

  it('refuses a processor 298 without output, which is how rudder-transformer writes any thrown FilteredEventsError', () => {
    const answer = { metadata: generateMetadata(1), statusCode: 298, error: 'filtered', statTags: { destType: 'X' } }
    const parsed = ProcessorTransformationResponseSchema.safeParse(answer)
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)).toEqual([
      "output can't be empty when status is 2XX"
    ])
    expect(ProcessorTransformationResponseSchema.safeParse({ ...answer, statusCode: 400 }).success).toBe(true)
  })
})
