import { TransformerProxyError } from '../../contracts/error-types'
import { networkHandler } from '../../network-handler'
import { data as deliveryData, networkCallsData } from '../data/dataDelivery/data'
import { mockAxios } from '../harness/axios-mock'
import { freezeClock, releaseClock } from '../harness/clock'

/**
 * rudder-transformer's delivery failure handler gives every job of a request the status the handler threw. So the
 * handler throws only when every job already has that status: jobs that fared differently are returned, each with
 * its own status, and never flattened into one.
 */
let restore: () => void
beforeAll(() => {
  restore = mockAxios(networkCallsData)
  freezeClock()
})
afterAll(() => {
  restore()
  releaseClock()
})

describe('the v1 response handler', () => {
  it.each(deliveryData.map((tc) => [tc.id, tc] as const))(
    '%s: throws only a status every job shares',
    async (_id, tc) => {
      const handler = new networkHandler()
      const request = tc.input.request.body
      const destinationResponse = handler.processAxiosResponse(await handler.proxy(request))
      let statuses: number[]
      try {
        const answer = handler.responseHandler({
          destinationResponse,
          rudderJobMetadata: request.metadata,
          destinationRequest: request
        })
        statuses = answer.response.map((state) => state.statusCode)
      } catch (error) {
        expect(error).toBeInstanceOf(TransformerProxyError)
        const { status, response } = error as TransformerProxyError
        expect(response.map((state: { statusCode: number }) => state.statusCode)).toEqual(
          request.metadata.map(() => status)
        )
        statuses = response.map(() => status)
      }
      expect(statuses).toEqual(tc.output.response.body.output.response.map((state) => state.statusCode))
    }
  )

  it('returns different statuses for jobs that fared differently, even when Microsoft answered 400', async () => {
    const tc = deliveryData.find((candidate) => candidate.id === 'bingads_conversions_v1_business_batch_fault')!
    const handler = new networkHandler()
    const request = tc.input.request.body
    const destinationResponse = handler.processAxiosResponse(await handler.proxy(request))
    expect(destinationResponse.status).toBe(400)
    const answer = handler.responseHandler({
      destinationResponse,
      rudderJobMetadata: request.metadata,
      destinationRequest: request
    })
    expect(answer.response.map((state) => state.statusCode)).toEqual([400, 500, 500])
  })
})
