import { buildOfflineConversion } from '../build-offline'
import { buildContext } from '../build-context'
import type { OfflineConversionInput } from '../inputs'

const NOW = Date.UTC(2026, 10, 22, 12, 0, 0)
const CLICK = 'f894f652ea334e739002f7167ab8f8e3'
const JOHN = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'
const PHONE = 'c59475d96e9f01d7d18d06cfad84dd02333207f02c0c2c5663ef2782cda0390e'
const ctx = (options = {}) => buildContext({ now: () => NOW, ...options })

const base: OfflineConversionInput = {
  conversionName: 'Purchase',
  conversionTime: '2026-11-21T09:30:00-05:00',
  clickId: { mapped: CLICK },
  email: ' John@Contoso.com ',
  phone: '(425) 555-1234',
  value: '49.90',
  currency: 'usd'
}

describe('buildOfflineConversion', () => {
  it('builds the Microsoft record with UTC time, hashes and normalised money', () => {
    const result = buildOfflineConversion(base, ctx({ defaultPhoneCountry: 'US' }))
    expect(result).toEqual({
      ok: true,
      group: 'applyOfflineConversions',
      record: {
        ConversionCurrencyCode: 'USD',
        ConversionName: 'Purchase',
        ConversionTime: '2026-11-21T14:30:00.000Z',
        ConversionValue: 49.9,
        HashedEmailAddress: JOHN,
        HashedPhoneNumber: PHONE,
        MicrosoftClickId: CLICK
      },
      dedupeKeys: [expect.objectContaining({ kind: 'offline', id: `${CLICK}|${JOHN}|${PHONE}`, scope: 'Purchase' })]
    })
  })

  it('accepts a hash-only conversion (enhanced conversions) without a click id', () => {
    const result = buildOfflineConversion(
      { conversionName: 'Lead', conversionTime: NOW - 3600_000, email: JOHN },
      ctx()
    )
    expect(result.ok && result.record).toEqual({
      ConversionName: 'Lead',
      ConversionTime: '2026-11-22T11:00:00.000Z',
      HashedEmailAddress: JOHN
    })
  })

  it('rejects an event with no identity, naming the field and the rule', () => {
    const result = buildOfflineConversion({ conversionName: 'Lead', conversionTime: NOW }, ctx())
    expect(result.ok).toBe(false)
    expect(!result.ok && result.outcome).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'microsoft_click_id',
      rule: 'identity_required',
      status: 400
    })
  })

  it('rejects 91-day-old and future conversion times with a clear message', () => {
    const old = buildOfflineConversion(
      { ...base, conversionTime: NOW - 91 * 86_400_000 },
      ctx({ defaultPhoneCountry: 'US' })
    )
    expect(!old.ok && old.outcome).toMatchObject({
      field: 'conversion_time',
      rule: 'max_age',
      message: expect.stringMatching(/conversion_time is older than 90 days/)
    })
    const future = buildOfflineConversion(
      { ...base, conversionTime: NOW + 3600_000 },
      ctx({ defaultPhoneCountry: 'US' })
    )
    expect(!future.ok && future.outcome).toMatchObject({ field: 'conversion_time', rule: 'future' })
  })

  it('names every broken field in one outcome, in the host vocabulary when given', () => {
    const result = buildOfflineConversion(
      { conversionName: '', conversionTime: 'soon', clickId: { mapped: CLICK }, value: -3, currency: 'ZZZ' },
      ctx({ fieldNames: { conversion_name: 'conversionName', conversion_time: 'conversionTime' } })
    )
    expect(!result.ok && result.outcome.field).toBe('conversionName')
    const message = !result.ok ? result.outcome.message : ''
    expect(message).toContain('conversionName is required')
    expect(message).toContain('conversionTime is not a date and time (write ISO-8601')
    expect(message).toContain('conversion_value must not be negative')
    expect(message).toContain('currency is not an ISO 4217')
  })

  it('skips everything when ad_storage is denied, without reading the rest', () => {
    const result = buildOfflineConversion({ consent: { adStorage: 'denied' }, conversionName: '' }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({
      outcome: 'skipped',
      reason: 'ad_storage_consent_denied',
      status: 200
    })
  })

  it('strips hashes when ad_user_data is denied but still sends a click-id conversion', () => {
    const result = buildOfflineConversion({ ...base, consent: { adUserData: 'denied' } }, ctx())
    expect(result.ok && result.record).toEqual({
      ConversionCurrencyCode: 'USD',
      ConversionName: 'Purchase',
      ConversionTime: '2026-11-21T14:30:00.000Z',
      ConversionValue: 49.9,
      MicrosoftClickId: CLICK
    })
  })

  it('skips a hash-only conversion when ad_user_data is denied', () => {
    const result = buildOfflineConversion({ ...base, clickId: undefined, consent: { adUserData: false } }, ctx())
    expect(!result.ok && result.outcome).toMatchObject({ outcome: 'skipped', reason: 'ad_user_data_consent_denied' })
  })

  it('applies the admin default when the event carries no consent', () => {
    const result = buildOfflineConversion(base, ctx({ consentDefault: 'denied' }))
    expect(!result.ok && result.outcome.reason).toBe('ad_storage_consent_denied')
  })

  it('checks external attribution credit is in (0, 1]', () => {
    const ok = buildOfflineConversion(
      { ...base, externalAttributionModel: 'Linear', externalAttributionCredit: 0.5 },
      ctx({ defaultPhoneCountry: 'US' })
    )
    expect(ok.ok && ok.record).toMatchObject({ ExternalAttributionCredit: 0.5, ExternalAttributionModel: 'Linear' })
    const bad = buildOfflineConversion({ ...base, externalAttributionCredit: 1.5 }, ctx({ defaultPhoneCountry: 'US' }))
    expect(!bad.ok && bad.outcome).toMatchObject({ field: 'external_attribution_credit', rule: 'range' })
  })

  it('drops a phone it cannot read, or an email that is not one, with a warning when the click id remains', () => {
    const result = buildOfflineConversion({ ...base, email: 'call me maybe', phone: '911234567890' }, ctx())
    expect(result.ok && result.record).toEqual(expect.objectContaining({ MicrosoftClickId: CLICK }))
    expect(result.ok && result.record.HashedEmailAddress).toBeUndefined()
    expect(result.ok && result.record.HashedPhoneNumber).toBeUndefined()
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({
        field: 'email',
        rule: 'format',
        message: expect.stringContaining('email is not an email address')
      }),
      expect.objectContaining({
        field: 'phone',
        rule: 'e164',
        message: expect.stringContaining('no default country is set')
      })
    ])
  })

  it('keeps the other hash when one is unusable, and rejects only when nothing identifies the conversion', () => {
    const withEmail = buildOfflineConversion({ ...base, clickId: undefined, phone: '911234567890' }, ctx())
    expect(withEmail.ok && withEmail.record.HashedEmailAddress).toBe(JOHN)
    expect(withEmail.ok && withEmail.warnings?.map((w) => w.field)).toEqual(['phone'])
    const nothing = buildOfflineConversion({ ...base, clickId: undefined, email: 'nope', phone: '911234567890' }, ctx())
    expect(!nothing.ok && nothing.outcome).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'email',
      rule: 'format'
    })
    expect(!nothing.ok && nothing.outcome.message).toContain('phone cannot be read as a phone number')
    const relabelled = buildOfflineConversion(
      { ...base, phone: '911234567890' },
      ctx({ fieldNames: { phone: 'properties.phone' } })
    )
    expect(relabelled.ok && relabelled.warnings?.[0]).toMatchObject({ field: 'properties.phone', rule: 'e164' })
  })

  it('holds a conversion time ahead of the clock within the hold bound (retry when due), refuses one beyond it', () => {
    const ahead = { ...base, conversionTime: new Date(NOW + 120_000).toISOString() }
    const near = buildOfflineConversion(ahead, ctx())
    expect(!near.ok && near.outcome).toMatchObject({
      outcome: 'retry',
      reason: 'time_not_yet_due',
      field: 'conversion_time',
      retryAfterSeconds: 120
    })
    expect(!near.ok && near.outcome.message).toMatch(/5614 FutureConversionTimeCannotBeSet/)
    // Never rewritten to now: once due, the same input builds the time it carries, on every attempt alike.
    const due = buildOfflineConversion(ahead, ctx({ now: () => NOW + 120_000 }))
    const later = buildOfflineConversion(ahead, ctx({ now: () => NOW + 600_000 }))
    expect(due.ok && due.record.ConversionTime).toBe('2026-11-22T12:02:00.000Z')
    expect(later.ok && later.record).toEqual(due.ok && due.record)
    const far = buildOfflineConversion({ ...base, conversionTime: new Date(NOW + 6 * 60_000).toISOString() }, ctx())
    expect(!far.ok && far.outcome).toMatchObject({ outcome: 'rejected', field: 'conversion_time', rule: 'future' })
    expect(!far.ok && far.outcome.message).toMatch(/FutureConversionTimeCannotBeSet/)
  })

  it('sends whole seconds: milliseconds are cut, as the Bulk file writes the time', () => {
    const result = buildOfflineConversion({ ...base, conversionTime: '2026-11-21T14:30:15.500Z' }, ctx())
    expect(result.ok && result.record.ConversionTime).toBe('2026-11-21T14:30:15.000Z')
  })

  it('names the field and the rule for values of the wrong kind or out of range', () => {
    const cases: Array<[Partial<OfflineConversionInput>, string, string, string]> = [
      [
        { value: JSON.parse('1e309') },
        'conversion_value',
        'finite',
        'conversion_value is out of range: it must be a finite number.'
      ],
      [
        { value: '1e309' },
        'conversion_value',
        'finite',
        'conversion_value is out of range: it must be a finite number.'
      ],
      [{ value: { amount: 1 } }, 'conversion_value', 'type', 'conversion_value must be a number, not an object.'],
      [{ value: [1] }, 'conversion_value', 'type', 'conversion_value must be a number, not a list.'],
      [{ conversionTime: 'yesterday' }, 'conversion_time', 'format', 'conversion_time is not a date and time'],
      [
        { conversionTime: '0000-01-01' },
        'conversion_time',
        'max_age',
        'conversion_time is older than 90 days (0000-01-01T00:00:00.000Z)'
      ],
      [
        { conversionName: { name: 'x' } },
        'conversion_name',
        'type',
        'conversion_name must be a string, not an object.'
      ],
      [{ currency: ['USD'] }, 'currency', 'type', 'currency must be a three-letter ISO 4217 code, not a list.']
    ]
    for (const [extra, field, rule, message] of cases) {
      const result = buildOfflineConversion({ ...base, ...extra }, ctx({ defaultPhoneCountry: 'US' }))
      expect(!result.ok && result.outcome).toMatchObject({ outcome: 'rejected', field, rule })
      expect(!result.ok && result.outcome.message).toContain(message)
    }
  })
})
