import { processRouterDest } from '../../destinations/rudderstack'
import type { RouterTransformationRequestData } from '../../destinations/rudderstack'
import { DEMO, rudderDestination, rudderMetadata } from '../../bench/hosts'

// The fuzzer's counterexample: a record whose action is an object with a `toString` that is not a function.
it('a record whose action is not text is a 400 naming the action, never a 500', async () => {
  const input = [
    {
      message: { type: 'record', action: { toString: {} }, fields: {} },
      metadata: rudderMetadata(1, DEMO.accessToken),
      destination: rudderDestination()
    },
    { message: { type: 'track' }, metadata: rudderMetadata(2, DEMO.accessToken), destination: rudderDestination() }
  ] as unknown as RouterTransformationRequestData[]
  const output = await processRouterDest(input)
  const first = output.find((entry) => entry.metadata.some((metadata) => metadata.jobId === 1))
  expect(first?.statusCode).toBe(400)
  expect(first?.error).toContain('Record action {"toString":{}} is not supported')
})
