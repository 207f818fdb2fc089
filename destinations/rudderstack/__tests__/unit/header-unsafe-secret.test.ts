import { destination, generateMetadata, secret, trackEvent } from '../data/common'
import { freezeClock, releaseClock } from '../harness/clock'
import { runProcessor, runRouter } from '../../service-layer'

beforeAll(freezeClock)
afterAll(releaseClock)

/** A developer token pasted with a line break: no header can carry it, so it is a setting to fix, never a retry. */
const metadata = (jobId: number) =>
  generateMetadata(jobId, { secret: { ...secret, developer_token: 'dummytoken\r\nX-Injected: 1' } })

describe('a line break in the connected account’s developer token', () => {
  it('is a configuration error (400) in the processor, naming developer_token', async () => {
    const response = await runProcessor([
      { message: trackEvent('Order Completed'), metadata: metadata(1), destination: destination() }
    ])
    const [result] = response.body
    expect(result.statusCode).toBe(400)
    expect(result.error).toContain('developer_token')
    expect(result.error).not.toContain('X-Injected')
  })

  it('is a configuration error (400) in the router', async () => {
    const response = await runRouter({
      input: [{ message: trackEvent('Order Completed'), metadata: metadata(1), destination: destination() }],
      destType: 'bingads_conversions'
    })
    const [entry] = response.body.output
    expect(entry.statusCode).toBe(400)
    expect(entry.error).toContain('developer_token')
  })

  it('also in a customer id of the config, which must be digits', async () => {
    const response = await runProcessor([
      {
        message: trackEvent('Order Completed'),
        metadata: generateMetadata(1),
        destination: destination({ customerId: '1234567\r\nX-Injected: 1' })
      }
    ])
    expect(response.body[0].statusCode).toBe(400)
    expect(response.body[0].error).toContain('customerId')
  })
})
