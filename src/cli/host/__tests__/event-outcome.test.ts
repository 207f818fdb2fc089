import { fromFailure, fromMultiStatusNode, fromThrown } from '../event-outcome'

describe('reading the Segment destination\'s answers', () => {
  it('keeps the outcome body of a multistatus entry', () => {
    expect(
      fromMultiStatusNode({ status: 400, body: { outcome: 'rejected', reason: 'OfflineConversionNameInvalid', message: 'No goal.', code: 5606, field: 'conversion_name', trackingId: 't-1' } })
    ).toEqual({ status: 400, outcome: 'rejected', reason: 'OfflineConversionNameInvalid', message: 'No goal.', code: 5606, field: 'conversion_name', trackingId: 't-1' })
  })

  it('names the field of an event refused before sending', () => {
    expect(fromMultiStatusNode({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: "The root value is missing the required field 'conversion_time'." })).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'conversion_time'
    })
    expect(fromMultiStatusNode({ status: 400, errortype: 'BAD_REQUEST', errormessage: 'Check the destination settings: customer_id is required.' })).toMatchObject({
      reason: 'invalid_settings'
    })
    expect(fromFailure(400, 'Check the destination settings: uet_tag_id is required.', 'INVALID_SETTINGS')).toMatchObject({ reason: 'invalid_settings' })
    for (const [message, field] of [
      ['email is not an email address or a SHA-256 hex digest.', 'email'],
      ['currency must be an ISO 4217 currency code (such as USD or EUR).', 'currency'],
      ['phone cannot be read as a phone number.', 'phone'],
      ['conversion_time is older than 90 days (2026-07-25T17:25:55.951Z); Microsoft accepts only the last 90 days.', 'conversion_time']
    ]) {
      expect(fromMultiStatusNode({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: message })).toMatchObject({ reason: 'invalid_input', field })
    }
  })

  it('reads single-mode errors: Microsoft code and reason, auth, retry', () => {
    expect(fromThrown({ status: 400, code: 'OfflineConversionNameInvalid', message: '[5606 OfflineConversionNameInvalid] No goal. TrackingId: abc-1.' })).toMatchObject({
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      code: 5606,
      trackingId: 'abc-1'
    })
    expect(fromThrown({ status: 401, code: 'INVALID_AUTHENTICATION', message: '[109 AuthenticationTokenExpired] Expired.' })).toMatchObject({ outcome: 'auth', authAction: 'refresh' })
    expect(fromThrown({ status: 503, code: 'RETRYABLE_ERROR', message: 'Microsoft answered HTTP 503.' })).toMatchObject({ outcome: 'retry', reason: 'server_error' })
  })
})
