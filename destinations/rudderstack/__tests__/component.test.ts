import { data as processorData } from './data/processor/data'
import { data as routerData } from './data/router/data'
import { data as deliveryData, networkCallsData } from './data/dataDelivery/data'
import { freezeClock, releaseClock } from './harness/clock'
import { mockAdapter, mockAxios } from './harness/axios-mock'
import { validateTestWithZod } from './contracts/validate-with-zod'
import { requestMetadata, runDelivery, runProcessor, runRouter } from '../service-layer'

/**
 * rudder-transformer's component test, run here: each data.ts case goes through the same service wrapping
 * rudder-transformer applies, must pass the response schemas rudder-transformer applies to destinations in
 * INTEGRATIONS_WITH_UPDATED_TEST_STRUCTURE, and must produce exactly the response the case states.
 */
let restoreAxios: () => void
beforeAll(() => {
  // As in rudder-transformer: Microsoft's answers come from an axios mock, which refuses any request it does not know.
  restoreAxios = mockAxios(networkCallsData)
  freezeClock()
})
afterAll(() => {
  restoreAxios()
  releaseClock()
})

describe('BINGADS_CONVERSIONS processor', () => {
  it.each(processorData.map((tc) => [tc.id, tc] as const))('%s', async (_id, tc) => {
    tc.mockFns?.(mockAdapter)
    const response = await runProcessor(tc.input.request.body, requestMetadata(tc.input.request.headers))
    expect(validateTestWithZod(tc, response.body)).toBe(true)
    expect(response).toEqual(tc.output.response)
  })
})

describe('BINGADS_CONVERSIONS router', () => {
  it.each(routerData.map((tc) => [tc.id, tc] as const))('%s', async (_id, tc) => {
    tc.mockFns?.(mockAdapter)
    const response = await runRouter(tc.input.request.body, requestMetadata(tc.input.request.headers))
    expect(validateTestWithZod(tc, response.body)).toBe(true)
    expect(response).toEqual(tc.output.response)
  })
})

describe('BINGADS_CONVERSIONS dataDelivery (proxy v1)', () => {
  it.each(deliveryData.map((tc) => [tc.id, tc] as const))('%s', async (_id, tc) => {
    tc.mockFns?.(mockAdapter)
    const response = await runDelivery(tc.input.request.body)
    expect(validateTestWithZod(tc, response.body)).toBe(true)
    expect(response).toEqual(tc.output.response)
  })
})
