import { outcomeToError } from '../../../../destinations/segment/translate/outcome'
import { authFailure, rejected, retry } from '../../../outcome'
import { foreignReason } from '../../../reasons'
import { outcomeOfError } from '../error-outcome'

describe('the outcome of a thrown error', () => {
  it('reads single-mode errors from the outcome they carry: Microsoft code and reason, auth, retry', () => {
    const notFound = rejected(foreignReason('OfflineConversionNameInvalid'), 'No goal.', {
      code: 5606,
      field: 'conversion_name',
      trackingId: 'abc-1'
    })
    expect(outcomeOfError(outcomeToError(notFound))).toEqual({ ...notFound, status: 400 })
    expect(
      outcomeOfError(
        outcomeToError(authFailure(foreignReason('AuthenticationTokenExpired'), 'Expired.', 'refresh', { code: 109 }))
      )
    ).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh',
      status: 401,
      code: 109
    })
    expect(outcomeOfError(outcomeToError(retry('server_error', 'Microsoft answered HTTP 503.')))).toMatchObject({
      outcome: 'retry',
      reason: 'server_error',
      status: 503
    })
  })

  it('reads an error that carries no outcome by its status, as Segment does', () => {
    expect(outcomeOfError({ status: 401, code: 'INVALID_AUTHENTICATION', message: 'Expired.' })).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh',
      reason: 'http_401'
    })
    expect(outcomeOfError({ status: 503, code: 'RETRYABLE_ERROR', message: 'Unavailable.' })).toMatchObject({
      outcome: 'retry',
      reason: 'server_error'
    })
    expect(
      outcomeOfError({
        status: 400,
        code: 'OfflineConversionNameInvalid',
        message: '[5606 OfflineConversionNameInvalid] No goal.'
      })
    ).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      message: '[5606 OfflineConversionNameInvalid] No goal.'
    })
  })
})
