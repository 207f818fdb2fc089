import { maskForDisplay } from '../exchange'
import { readApplyAnswer, readCapiAnswer } from '../responses'

const HASH = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'

function response(status: number, body: unknown, headers: Record<string, string> = {}) {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }
}

describe("Microsoft's answer about each item", () => {
  it('gives an Apply item its own PartialError and the others the answer without them, with the TrackingId', () => {
    const partialError = { Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 1, Message: 'No goal.' }
    const { outcomes, answers } = readApplyAnswer(
      response(200, { PartialErrors: [partialError] }, { trackingid: 't-1' }),
      3
    )
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'rejected', 'delivered'])
    expect(answers).toEqual([
      { TrackingId: 't-1', PartialErrors: null },
      partialError,
      { TrackingId: 't-1', PartialErrors: null }
    ])
  })

  it('gives every Apply item the fault of a refused request, or the text of an answer that is not JSON', () => {
    const fault = {
      Type: 'AdApiFaultDetail',
      TrackingId: 't-2',
      Errors: [{ Code: 117, ErrorCode: 'CallRateExceeded' }]
    }
    expect(readApplyAnswer(response(429, fault), 2).answers).toEqual([fault, fault])
    expect(readApplyAnswer(response(503, 'Service Unavailable'), 1).answers).toEqual(['Service Unavailable'])
  })

  it('gives a CAPI event its own error detail, its warnings with the shared answer, and the rest the shared answer', () => {
    const error = { index: 0, propertyName: 'data[0].eventSourceUrl', errorCode: 'InvalidUrl', isWarning: false }
    const warning = {
      index: 2,
      propertyName: 'data[2].customData.currency',
      errorCode: 'InvalidCurrency',
      isWarning: true
    }
    const body = { eventsReceived: 2, traceId: 'tr-1', error: { code: 'ValidationError', details: [error, warning] } }
    const { outcomes, answers } = readCapiAnswer(response(200, body), 3, true)
    expect(outcomes.map((o) => o.outcome)).toEqual(['rejected', 'delivered', 'delivered'])
    expect(answers).toEqual([
      error,
      { eventsReceived: 2, traceId: 'tr-1', error: { code: 'ValidationError' } },
      { eventsReceived: 2, traceId: 'tr-1', error: { code: 'ValidationError', details: [warning] } }
    ])
  })
})

describe('masking an item or an answer for display', () => {
  it('masks the raw personal fields and personal data by shape, keeps digests, and copies only what changes', () => {
    const customData = { transactionId: 'o-1', value: 5 }
    const event = {
      eventType: 'custom',
      userData: { em: HASH, clientIpAddress: '203.0.113.7', clientUserAgent: 'Mozilla/5.0' },
      customData
    }
    const masked = maskForDisplay(event)
    expect(masked).toEqual({
      eventType: 'custom',
      userData: { em: HASH, clientIpAddress: '[redacted]', clientUserAgent: '[redacted]' },
      customData
    })
    expect(masked.customData).toBe(customData)
    expect(event.userData.clientIpAddress).toBe('203.0.113.7')
    expect(maskForDisplay({ pageTitle: 'Thanks jane@example.org' })).toEqual({ pageTitle: 'Thanks [email]' })
    expect(maskForDisplay({ attemptedValue: 42 })).toEqual({ attemptedValue: '[redacted]' })
    const clean = { ConversionName: 'Purchase', HashedEmailAddress: HASH }
    expect(maskForDisplay(clean)).toBe(clean)
  })

  it('masks a raw personal field whatever its value, keeps an absent one absent, and looks into nested values', () => {
    expect(maskForDisplay({ attemptedValue: null, clientIpAddress: undefined })).toEqual({
      attemptedValue: '[redacted]',
      clientIpAddress: undefined
    })
    expect(maskForDisplay({ attemptedValue: { given: 'jane@example.org' } })).toEqual({
      attemptedValue: { given: '[email]' }
    })
    expect(maskForDisplay(['jane@example.org', 7, null])).toEqual(['[email]', 7, null])
    expect(maskForDisplay('jane@example.org', 'em')).toBe('jane@example.org')
    expect(maskForDisplay('203.0.113.7', 'clientIpAddress')).toBe('[redacted]')
    const items = [{ id: 'sku-1', name: 'Mug', price: 4.5 }]
    expect(maskForDisplay({ customData: { currency: 'EUR', items } }).customData.items).toBe(items)
  })
})
