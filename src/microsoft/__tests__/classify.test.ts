import { outcomeForCode, outcomeForHttpStatus, outcomeForTransportError } from '../classify'
import { TransportError } from '../http'
import { interpretApplyResponse } from '../responses'

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: JSON.stringify(body)
})
const adApiFault = (code: number, errorCode: string) => ({
  TrackingId: 'trk-1',
  Type: 'AdApiFaultDetail',
  Errors: [{ Code: code, Detail: null, ErrorCode: errorCode, Message: 'msg' }]
})

describe('the classification table', () => {
  it('turns 105 and 109 into auth with refresh, and 106 into auth inactive', () => {
    expect(outcomeForCode(105)).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh',
      status: 401,
      reason: 'InvalidCredentials'
    })
    expect(outcomeForCode(109)).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh',
      status: 401,
      reason: 'AuthenticationTokenExpired'
    })
    expect(outcomeForCode(106)).toMatchObject({
      outcome: 'auth',
      authAction: 'inactive',
      reason: 'UserIsNotAuthorized'
    })
  })

  it('turns 117 and HTTP 429 into retry with a wait, honouring Retry-After', () => {
    expect(outcomeForCode(117)).toMatchObject({ outcome: 'retry', status: 429, retryAfterSeconds: 60 })
    expect(outcomeForHttpStatus(429)).toMatchObject({ outcome: 'retry', status: 429, retryAfterSeconds: 60 })
    const [throttled] = interpretApplyResponse(
      json(429, adApiFault(117, 'CallRateExceeded'), { 'retry-after': '12' }),
      1
    )
    expect(throttled).toMatchObject({
      outcome: 'retry',
      reason: 'CallRateExceeded',
      retryAfterSeconds: 12,
      trackingId: 'trk-1'
    })
  })

  it('retries 5612 and 5615, and 5xx', () => {
    expect(outcomeForCode(5612)).toMatchObject({ outcome: 'retry', reason: 'OfflineConversionsApplyFailed' })
    expect(outcomeForCode(5615)).toMatchObject({
      outcome: 'retry',
      reason: 'OfflineConversionNotAcceptedForGoal',
      retryAfterSeconds: 900
    })
    expect(outcomeForHttpStatus(503)).toMatchObject({ outcome: 'retry', status: 503 })
    expect(outcomeForCode(0, { httpStatus: 500 })).toMatchObject({ outcome: 'retry', reason: 'InternalError' })
  })

  it('rejects 5606 naming the goal and the field', () => {
    const outcome = outcomeForCode(5606, { subject: 'conversion name "Purchse"' })
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      status: 400,
      code: 5606,
      field: 'conversion_name',
      reason: 'OfflineConversionNameInvalid'
    })
    expect(outcome.message).toContain('"Purchse"')
  })

  it('falls back on the HTTP status for codes it does not know', () => {
    expect(outcomeForCode(99999, { httpStatus: 503 })).toMatchObject({ outcome: 'retry' })
    expect(outcomeForCode(99999, { httpStatus: 400 })).toMatchObject({ outcome: 'rejected', reason: 'Code99999' })
  })

  it('retries transport failures', () => {
    expect(outcomeForTransportError(new TransportError('timeout', 'No answer within 10 ms.'))).toMatchObject({
      outcome: 'retry',
      reason: 'timeout'
    })
    expect(outcomeForTransportError(new TransportError('network', 'reset'))).toMatchObject({
      outcome: 'retry',
      reason: 'network_error'
    })
  })
})

describe('interpretApplyResponse', () => {
  it('maps PartialErrors at Index 0 and 7 to those two items only', () => {
    const body = {
      PartialErrors: [
        {
          Code: 5606,
          ErrorCode: 'OfflineConversionNameInvalid',
          Index: 7,
          Message: 'The conversion name do not match an existing offline conversion goal.',
          Type: 'BatchError'
        },
        {
          Code: 5604,
          ErrorCode: 'OfflineConversionMicrosoftClickIdInvalid',
          Index: 0,
          Message: 'bad click',
          Type: 'BatchError'
        }
      ]
    }
    const outcomes = interpretApplyResponse(json(200, body, { trackingid: 'trk-9' }), 10)
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'rejected',
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'rejected',
      'delivered',
      'delivered'
    ])
    expect(outcomes[0]).toMatchObject({ code: 5604, field: 'microsoft_click_id', trackingId: 'trk-9' })
    expect(outcomes[7]).toMatchObject({ code: 5606, field: 'conversion_name' })
  })

  it('treats null PartialErrors as full success', () => {
    expect(interpretApplyResponse(json(200, { PartialErrors: null }), 3).every((o) => o.outcome === 'delivered')).toBe(
      true
    )
  })

  it('applies a request-level AdApiFault to every item', () => {
    const outcomes = interpretApplyResponse(json(401, adApiFault(109, 'AuthenticationTokenExpired')), 4)
    expect(outcomes).toHaveLength(4)
    expect(new Set(outcomes.map((o) => o.reason))).toEqual(new Set(['AuthenticationTokenExpired']))
  })

  it('maps ApiFaultDetail BatchErrors by index and retries the items it did not process', () => {
    const fault = {
      TrackingId: 't',
      Type: 'ApiFaultDetail',
      BatchErrors: [
        { Code: 5605, ErrorCode: 'OfflineConversionNameNullOrEmpty', Index: 1, Message: 'm', Type: 'BatchError' }
      ],
      OperationErrors: []
    }
    const outcomes = interpretApplyResponse(json(400, fault), 3)
    expect(outcomes.map((o) => o.outcome)).toEqual(['retry', 'rejected', 'retry'])
  })

  it('classifies a bare HTTP status when the body is not a fault', () => {
    expect(
      interpretApplyResponse({ status: 502, headers: {}, body: '<html>bad gateway</html>' }, 2).map((o) => o.outcome)
    ).toEqual(['retry', 'retry'])
    expect(interpretApplyResponse({ status: 401, headers: {}, body: '' }, 1)[0]).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh'
    })
  })
})
