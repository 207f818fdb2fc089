import { rudderJobOutcome } from '../job-outcome'

describe("reading the RudderStack destination's answers", () => {
  it('takes the reason, field, code and TrackingId from the outcome beside the status, not from the text', () => {
    const status = {
      status: 400,
      error: 'email is not an email address. (OfflineConversionNameInvalid 5606) TrackingId t-1.',
      outcome: {
        outcome: 'rejected',
        reason: 'invalid_input',
        field: 'email',
        rule: 'format',
        message: 'email is not an email address.',
        status: 400
      }
    }
    expect(rudderJobOutcome(status)).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'email',
      rule: 'format',
      message: status.error
    })
  })

  it('follows the status for what rudder-server does, and the outcome for why', () => {
    const refusedTagToken = {
      outcome: 'auth',
      reason: 'capi_token_rejected',
      authAction: 'inactive',
      message: 'Refused.',
      status: 403
    }
    expect(rudderJobOutcome({ status: 400, error: 'Refused.', outcome: refusedTagToken })).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'capi_token_rejected',
      message: 'Refused.'
    })
    const skipped = { outcome: 'skipped', reason: 'event_not_mapped', message: 'Not mapped.', status: 200 }
    expect(rudderJobOutcome({ status: 298, error: 'Not mapped.', outcome: skipped })).toMatchObject({
      outcome: 'skipped',
      reason: 'event_not_mapped',
      status: 298
    })
  })

  it('reads a status without an outcome (a batch that failed alike) from the status and the OAuth category', () => {
    expect(rudderJobOutcome({ status: 500, error: '{"Code":109}', authErrorCategory: 'REFRESH_TOKEN' })).toEqual({
      status: 500,
      outcome: 'auth',
      reason: 'http_401',
      authAction: 'refresh',
      message: '{"Code":109}'
    })
    expect(rudderJobOutcome({ status: 429, error: 'Slow down. (rate_limited)' })).toMatchObject({
      outcome: 'retry',
      reason: 'rate_limited'
    })
    expect(rudderJobOutcome({ status: 400, error: 'Nope. (OfflineConversionNameInvalid 5606)' })).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'invalid_input',
      message: 'Nope. (OfflineConversionNameInvalid 5606)'
    })
  })
})
