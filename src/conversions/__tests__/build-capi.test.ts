import { buildCapiEvent } from '../build-capi'
import { buildContext } from '../build-context'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const ctx = (options = {}) => buildContext({ now: () => NOW, ...options })
const JOHN = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'

describe('buildCapiEvent', () => {
  it('builds a custom event with epoch seconds, hashed identifiers and decimal item prices', () => {
    const result = buildCapiEvent(
      {
        eventType: 'custom',
        eventId: 'evt-1',
        eventName: 'purchase',
        eventTime: '2026-11-22T11:00:00Z',
        userData: { email: 'John@Contoso.com', clientIpAddress: '203.0.113.9', clientUserAgent: 'Mozilla/5.0' },
        customData: {
          value: '12.34',
          currency: 'usd',
          items: [{ id: 42, name: 'Mug', price: '9.99', quantity: 2 }],
          pageType: 'Purchase',
          transactionId: 'T-1'
        }
      },
      ctx()
    )
    expect(result).toMatchObject({
      ok: true,
      group: 'capi',
      record: {
        eventType: 'custom',
        eventId: 'evt-1',
        eventName: 'purchase',
        eventTime: Date.UTC(2026, 10, 22, 11) / 1000,
        adStorageConsent: 'G',
        userData: { em: JOHN, clientIpAddress: '203.0.113.9', clientUserAgent: 'Mozilla/5.0' },
        customData: {
          value: 12.34,
          currency: 'USD',
          transactionId: 'T-1',
          pageType: 'purchase',
          items: [{ id: '42', name: 'Mug', price: 9.99, quantity: 2 }]
        }
      },
      dedupeKeys: [{ kind: 'capi', id: 'evt-1', scope: 'purchase', time: 0 }]
    })
  })

  it('accepts as eventSourceUrl exactly the absolute http(s) URLs that the URL class parses', () => {
    const urls = [
      'https://shop.example.com/checkout?o=1',
      'HTTP://Shop.Example.com',
      'https://',
      'https://exa mple.com/',
      'https://[::1',
      'https://example.com:99999/',
      'http:example.com',
      'https:/example.com',
      'ftp://example.com/',
      'mailto:a@example.com',
      '//example.com/path',
      'https://例え.jp/',
      'https://example.com/%zz'
    ]
    const byUrlClass = (url: string) => {
      try {
        const protocol = new URL(url).protocol
        return protocol === 'http:' || protocol === 'https:'
      } catch {
        return false
      }
    }
    for (const url of urls) {
      const result = buildCapiEvent(
        {
          eventType: 'pageLoad',
          eventTime: '2026-11-22T11:00:00Z',
          eventSourceUrl: url,
          userData: { anonymousId: 'a' }
        },
        ctx()
      )
      expect([url, result.ok]).toEqual([url, byUrlClass(url)])
    }
  })

  it('requires eventSourceUrl for pageLoad', () => {
    const result = buildCapiEvent({ eventType: 'pageLoad', userData: { anonymousId: 'a' } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ field: 'event_source_url', rule: 'required' })
  })

  it('rejects an eventTime older than 7 days', () => {
    const result = buildCapiEvent(
      { eventType: 'custom', eventTime: NOW - 8 * 86_400_000, userData: { anonymousId: 'a' } },
      ctx()
    )
    expect(!result.ok && result.outcome).toMatchObject({ field: 'event_time', rule: 'max_age' })
  })

  it('needs one identifier in userData', () => {
    const result = buildCapiEvent({ eventType: 'custom', userData: { clientIpAddress: '203.0.113.9' } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ field: 'user_data', rule: 'identifier_required' })
  })

  it('strips email, phone, IP and user agent when ad_user_data is denied', () => {
    const result = buildCapiEvent(
      {
        eventType: 'custom',
        consent: { adUserData: 'denied' },
        userData: {
          email: 'a@b.co',
          phone: '+14255551234',
          clientIpAddress: '1.2.3.4',
          clientUserAgent: 'UA',
          anonymousId: 'anon-1'
        }
      },
      ctx()
    )
    expect(result.ok && result.record.userData).toEqual({ anonymousId: 'anon-1' })
  })

  it('skips when ad_user_data denial leaves no identifier, and when ad_storage is denied', () => {
    const noId = buildCapiEvent(
      { eventType: 'custom', consent: { adUserData: 'denied' }, userData: { email: 'a@b.co' } },
      ctx()
    )
    expect(!noId.ok && noId.outcome.reason).toBe('ad_user_data_consent_denied')
    const storage = buildCapiEvent(
      { eventType: 'custom', consent: { adStorage: 'D' }, userData: { anonymousId: 'x' } },
      ctx()
    )
    expect(!storage.ok && storage.outcome.reason).toBe('ad_storage_consent_denied')
  })

  it('drops an invalid referrer URL with a warning, as Microsoft would', () => {
    const result = buildCapiEvent(
      { eventType: 'custom', referrerUrl: 'not a url', userData: { anonymousId: 'a' } },
      ctx()
    )
    expect(result.ok && result.warnings).toEqual([
      {
        field: 'referrer_url',
        rule: 'url',
        message: 'referrer_url must be an absolute http(s) URL; it was dropped and the event sent without it'
      }
    ])
    expect(result.ok && result.record.referrerUrl).toBeUndefined()
  })

  it('drops an invalid currency, pageType, ecommerce or hotel field with a warning and sends the event', () => {
    const result = buildCapiEvent(
      {
        eventType: 'custom',
        eventName: 'purchase',
        userData: { anonymousId: 'a' },
        customData: {
          value: 10,
          currency: 'dollars',
          pageType: 'checkout',
          items: 'mug',
          ecommTotalValue: 'lots',
          hotelData: { checkinDate: 'soon', totalPrice: 120 }
        }
      },
      ctx()
    )
    expect(result.ok).toBe(true)
    expect(result.ok && result.record.customData).toEqual({ value: 10, hotelData: { totalPrice: 120 } })
    expect(result.ok && result.warnings?.map((w) => `${w.field}:${w.rule}`)).toEqual([
      'currency:iso4217',
      'items:type',
      'page_type:enum',
      'custom_data:type',
      'hotel_data:format'
    ])
  })

  it('drops an unusable email with a warning when another identifier remains, and rejects when none does', () => {
    const kept = buildCapiEvent({ eventType: 'custom', userData: { email: 'not an email', anonymousId: 'a' } }, ctx())
    expect(kept.ok && kept.record.userData).toEqual({ anonymousId: 'a' })
    expect(kept.ok && kept.warnings?.[0]).toMatchObject({ field: 'email', rule: 'format' })
    const alone = buildCapiEvent({ eventType: 'custom', userData: { email: 'not an email' } }, ctx())
    expect(!alone.ok && alone.outcome).toMatchObject({ outcome: 'rejected', field: 'email', rule: 'format' })
  })

  it('gives every event an eventId: the mapped one, else one derived from the event, the same for the same input', () => {
    const input = { eventType: 'custom', eventName: 'signup', eventTime: NOW - 60_000, userData: { anonymousId: 'a' } }
    const first = buildCapiEvent(input, ctx({ uetTagId: '123' }))
    const again = buildCapiEvent(input, ctx({ uetTagId: '123', now: () => NOW + 30_000 }))
    const otherTag = buildCapiEvent(input, ctx({ uetTagId: '456' }))
    const otherPerson = buildCapiEvent({ ...input, userData: { anonymousId: 'b' } }, ctx({ uetTagId: '123' }))
    const id = first.ok ? first.record.eventId : undefined
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(again.ok && again.record.eventId).toBe(id)
    expect(otherTag.ok && otherTag.record.eventId).not.toBe(id)
    expect(otherPerson.ok && otherPerson.record.eventId).not.toBe(id)
    const mapped = buildCapiEvent({ ...input, eventId: 'order-7' }, ctx())
    expect(mapped.ok && mapped.record.eventId).toBe('order-7')
  })

  it('holds an eventTime ahead of the clock within the hold bound, and rejects one beyond it', () => {
    const near = buildCapiEvent({ eventType: 'custom', eventTime: NOW + 90_000, userData: { anonymousId: 'a' } }, ctx())
    expect(!near.ok && near.outcome).toMatchObject({ outcome: 'retry', field: 'event_time', retryAfterSeconds: 90 })
    const far = buildCapiEvent(
      { eventType: 'custom', eventTime: NOW + 10 * 60_000, userData: { anonymousId: 'a' } },
      ctx()
    )
    expect(!far.ok && far.outcome).toMatchObject({ field: 'event_time', rule: 'future' })
  })

  it('formats hotel dates as YYYY-MM-DD', () => {
    const result = buildCapiEvent(
      {
        eventType: 'custom',
        userData: { anonymousId: 'a' },
        customData: {
          hotelData: { checkinDate: '2026-12-01T15:00:00Z', checkoutDate: '2026-12-03', totalPrice: '199.5' }
        }
      },
      ctx()
    )
    expect(result.ok && result.record.customData?.hotelData).toEqual({
      checkinDate: '2026-12-01',
      checkoutDate: '2026-12-03',
      totalPrice: 199.5
    })
  })
})
