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
        customData: { value: '12.34', currency: 'usd', items: [{ id: 42, name: 'Mug', price: '9.99', quantity: 2 }], pageType: 'Purchase', transactionId: 'T-1' }
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
        customData: { value: 12.34, currency: 'USD', transactionId: 'T-1', pageType: 'purchase', items: [{ id: '42', name: 'Mug', price: 9.99, quantity: 2 }] }
      },
      dedupeKeys: [{ kind: 'capi', id: 'evt-1', scope: '', minute: 0 }]
    })
  })

  it('requires eventSourceUrl for pageLoad', () => {
    const result = buildCapiEvent({ eventType: 'pageLoad', userData: { anonymousId: 'a' } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ field: 'event_source_url', rule: 'required' })
  })

  it('rejects an eventTime older than 7 days', () => {
    const result = buildCapiEvent({ eventType: 'custom', eventTime: NOW - 8 * 86_400_000, userData: { anonymousId: 'a' } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ field: 'event_time', rule: 'max_age' })
  })

  it('needs one identifier in userData', () => {
    const result = buildCapiEvent({ eventType: 'custom', userData: { clientIpAddress: '203.0.113.9' } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ field: 'user_data', rule: 'identifier_required' })
  })

  it('strips email, phone, IP and user agent when ad_user_data is denied', () => {
    const result = buildCapiEvent(
      { eventType: 'custom', consent: { adUserData: 'denied' }, userData: { email: 'a@b.co', phone: '+14255551234', clientIpAddress: '1.2.3.4', clientUserAgent: 'UA', anonymousId: 'anon-1' } },
      ctx()
    )
    expect(result.ok && result.record.userData).toEqual({ anonymousId: 'anon-1' })
  })

  it('skips when ad_user_data denial leaves no identifier, and when ad_storage is denied', () => {
    const noId = buildCapiEvent({ eventType: 'custom', consent: { adUserData: 'denied' }, userData: { email: 'a@b.co' } }, ctx())
    expect(!noId.ok && noId.outcome.reason).toBe('ad_user_data_consent_denied')
    const storage = buildCapiEvent({ eventType: 'custom', consent: { adStorage: 'D' }, userData: { anonymousId: 'x' } }, ctx())
    expect(!storage.ok && storage.outcome.reason).toBe('ad_storage_consent_denied')
  })

  it('drops an invalid referrer URL with a warning, as Microsoft would', () => {
    const result = buildCapiEvent({ eventType: 'custom', referrerUrl: 'not a url', userData: { anonymousId: 'a' } }, ctx())
    expect(result.ok && result.warnings).toEqual(['referrer_url was dropped: not an absolute http(s) URL'])
    expect(result.ok && result.record.referrerUrl).toBeUndefined()
  })

  it('formats hotel dates as YYYY-MM-DD', () => {
    const result = buildCapiEvent({ eventType: 'custom', userData: { anonymousId: 'a' }, customData: { hotelData: { checkinDate: '2026-12-01T15:00:00Z', checkoutDate: '2026-12-03', totalPrice: '199.5' } } }, ctx())
    expect(result.ok && result.record.customData?.hotelData).toEqual({ checkinDate: '2026-12-01', checkoutDate: '2026-12-03', totalPrice: 199.5 })
  })
})
