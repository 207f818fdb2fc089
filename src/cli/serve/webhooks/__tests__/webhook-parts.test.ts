import { createHmac } from 'crypto'
import { writeFileSync } from 'fs'
import { join } from 'path'
import { temporaryDirectory } from '../../../__tests__/helpers'
import { ConfigError, RequestError } from '../../../errors'
import { retryStatus } from '../../retry-status'
import { segmentSignatureValid } from '../segment-signature'
import { webhookEvents } from '../webhook-body'
import { segmentWebhookSecret } from '../webhook-setup'

const hmac = (secret: string, text: string) => createHmac('sha1', secret).update(text, 'utf8').digest('hex')

describe('the webhook parts', () => {
  it('reads the three shapes the senders send', () => {
    expect(webhookEvents({ type: 'track' })).toEqual({ events: [{ type: 'track' }], shape: 'single' })
    expect(webhookEvents([{ a: 1 }, { b: 2 }]).shape).toBe('array')
    expect(webhookEvents({ batch: [{ a: 1 }] })).toEqual({ events: [{ a: 1 }], shape: 'batch' })
    // An event that happens to have a batch property is still one event.
    expect(webhookEvents({ type: 'track', batch: [] }).shape).toBe('single')
    expect(() => webhookEvents(Array.from({ length: 1001 }, () => ({})))).toThrow(RequestError)
  })

  it("checks Segment's signature: the body, or in batch mode the first event, in constant time", () => {
    const event = { type: 'track', event: 'Order Completed', properties: { revenue: 1.5, name: 'café' } }
    const single = JSON.stringify(event)
    expect(segmentSignatureValid(hmac('s3cret', single), 's3cret', single, event)).toBe(true)
    expect(segmentSignatureValid(hmac('s3cret', single).toUpperCase(), 's3cret', single, event)).toBe(true)
    const batch = [event, { type: 'track', event: 'Other' }]
    const raw = JSON.stringify(batch)
    expect(segmentSignatureValid(hmac('s3cret', single), 's3cret', raw, batch)).toBe(true)
    expect(segmentSignatureValid(hmac('s3cret', raw), 's3cret', raw, batch)).toBe(true)
    expect(segmentSignatureValid(hmac('other', single), 's3cret', single, event)).toBe(false)
    expect(segmentSignatureValid('abc', 's3cret', single, event)).toBe(false)
    expect(segmentSignatureValid(undefined, 's3cret', single, event)).toBe(false)
  })

  it('gives 200, 429 or 503 with Retry-After from the outcomes', () => {
    const ok = { status: 200, outcome: 'delivered' as const, reason: 'accepted', message: '' }
    const rejected = { status: 400, outcome: 'rejected' as const, reason: 'invalid_input', message: '' }
    const retry = { status: 503, outcome: 'retry' as const, reason: 'server_error', message: '', retryAfterSeconds: 30 }
    const throttled = { status: 429, outcome: 'retry' as const, reason: 'CallRateExceeded', code: 117, message: '' }
    const auth = { status: 401, outcome: 'auth' as const, reason: 'AuthenticationTokenExpired', message: '' }
    expect(retryStatus([ok, rejected], 5)).toEqual({ status: 200, headers: {} })
    expect(retryStatus([ok, retry], 5)).toEqual({ status: 503, headers: { 'Retry-After': '30' } })
    expect(retryStatus([ok, auth], 5)).toEqual({ status: 503, headers: { 'Retry-After': '5' } })
    expect(retryStatus([retry, throttled], 5)).toEqual({ status: 429, headers: { 'Retry-After': '30' } })
  })

  it("reads Segment's secret from a file's first line, else the environment, and refuses an empty file", () => {
    const directory = temporaryDirectory()
    try {
      const file = join(directory.path, 'secret')
      writeFileSync(file, 'from-the-file\nignored\n')
      expect(segmentWebhookSecret(file, { MSADS_SEGMENT_WEBHOOK_SECRET: 'from-env' })).toBe('from-the-file')
      expect(segmentWebhookSecret(undefined, { MSADS_SEGMENT_WEBHOOK_SECRET: ' from-env ' })).toBe('from-env')
      expect(segmentWebhookSecret(undefined, {})).toBeUndefined()
      writeFileSync(file, '\n')
      expect(() => segmentWebhookSecret(file, {})).toThrow(ConfigError)
      expect(() => segmentWebhookSecret(join(directory.path, 'none'), {})).toThrow(/Cannot read/)
    } finally {
      directory.remove()
    }
  })
})
