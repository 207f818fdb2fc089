import { CLICK_ID, destination, generateMetadata, trackEvent } from '../data/common'
import { freezeClock, releaseClock } from '../harness/clock'
import { runProcessor } from '../../service-layer'

beforeAll(freezeClock)
afterAll(releaseClock)

/** What rudder-server sends: a click id on the page URL, and traits the core cannot use. */
function lead(traits: Record<string, unknown>, withClickId = true) {
  const message = trackEvent('Lead Submitted', { traits })
  if (!withClickId) message.context.page.url = 'https://shop.example/checkout'
  return { message, metadata: generateMetadata(1), destination: destination() }
}

describe('an unusable optional identifier', () => {
  it('is dropped and the conversion sent when the click id identifies it', async () => {
    const response = await runProcessor([lead({ phone: '911234567890', email: 'not an email' })])
    const [result] = response.body
    expect(result.statusCode).toBe(200)
    const body = JSON.stringify(result.output)
    expect(body).toContain(CLICK_ID)
    expect(body).not.toContain('HashedPhoneNumber')
    expect(body).not.toContain('HashedEmailAddress')
    expect(body).not.toContain('911234567890')
  })

  it('rejects the conversion, naming the field, only when nothing else identifies it', async () => {
    const response = await runProcessor([lead({ phone: '911234567890' }, false)])
    const [result] = response.body
    expect(result.statusCode).toBe(400)
    expect(result.error).toContain('phone')
    expect(result.error).toContain('cannot be read as a phone number')
  })
})
