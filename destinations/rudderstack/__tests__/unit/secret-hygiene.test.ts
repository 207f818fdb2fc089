import { ACCESS_TOKEN, CAPI_TOKEN, destination, DEVELOPER_TOKEN, generateMetadata, trackEvent } from '../data/common'
import { freezeClock, releaseClock } from '../harness/clock'
import { runProcessor, runRouter } from '../../service-layer'

beforeAll(freezeClock)
afterAll(releaseClock)

const RAW = ['jane.doe+promo@example.com', 'not-an-email@', '+44 20 7946 0958', '07946 0958xx']
const SECRETS = [ACCESS_TOKEN, DEVELOPER_TOKEN, CAPI_TOKEN]

/** Every message or note a person reads: job errors, filter reasons, notes carried to the proxy. */
function readableTexts(value: unknown): string[] {
  return JSON.stringify(value, (key, v) =>
    key === 'headers' || key === 'secret' || key === 'destination' ? undefined : v
  )
    .split('"')
    .filter((text) => text.length > 0)
}

describe('no secret and no raw email or phone in what a person reads', () => {
  const capi = destination({ sendTrackEventsToCapi: true, defaultPhoneCountry: 'GB' })
  const events = [
    trackEvent('Lead Submitted', { traits: { email: RAW[0], phone: RAW[2] } }),
    trackEvent('Lead Submitted', { traits: { email: RAW[1] } }),
    trackEvent('Lead Submitted', { traits: { phone: RAW[3] }, context: { page: { url: 'https://shop.example/' } } }),
    trackEvent('Lead Submitted', {
      traits: { email: RAW[0] },
      context: { page: { url: 'https://shop.example/' }, consentManagement: { deniedConsentIds: ['C0005'] } }
    }),
    trackEvent('Product Viewed', { traits: { email: RAW[0] } })
  ]

  it('holds for router outputs and processor errors', async () => {
    const inputs = events.map((message, i) => ({ message, metadata: generateMetadata(i + 1), destination: capi }))
    const router = await runRouter({ input: inputs, destType: 'bingads_conversions' })
    const processor = await runProcessor(inputs)
    const texts = [...readableTexts(router.body.output), ...readableTexts(processor.body.filter((r) => r.error))]
    // The unusable email and phone are dropped with a warning (the anonymousId still identifies the user).
    expect(texts.some((text) => text.includes('email is not an email address'))).toBe(true)
    for (const text of texts) {
      for (const raw of [...RAW, ...SECRETS]) expect(text.includes(raw)).toBe(false)
    }
  })

  it('holds when a warehouse column puts an email in conversionName', async () => {
    const record = {
      type: 'record',
      action: 'insert',
      messageId: 'rec-1',
      fields: { conversionName: RAW[0], conversionTime: '2026-11-22T09:00:00Z', microsoftClickId: 'not-a-click-id' }
    }
    const router = await runRouter({
      input: [{ message: record, metadata: generateMetadata(1), destination: capi }],
      destType: 'bingads_conversions'
    })
    const [entry] = router.body.output
    expect(entry.statusCode).toBe(400)
    expect(entry.error).toContain('goal "[email]"')
    for (const text of readableTexts(router.body.output))
      for (const raw of [...RAW, ...SECRETS]) expect(text.includes(raw)).toBe(false)
  })
})
