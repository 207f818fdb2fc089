import {
  authFailure,
  delivered,
  outcomeForCode,
  outcomeForHttpStatus,
  outcomeForIdentityError,
  rejected,
  retry,
  skipped
} from 'msads-conversions'
import { decisiveOutcome, jobStatusOf } from '../../job-status'
import { microsoft } from '../data/common'

describe('outcome to RudderStack status', () => {
  it('maps each outcome class to the status rudder-server acts on', () => {
    expect(jobStatusOf(delivered(), true)).toMatchObject({ statusCode: 200 })
    expect(jobStatusOf(skipped('ad_storage_consent_denied', 'Skipped.'), true)).toMatchObject({ statusCode: 298 })
    expect(jobStatusOf(outcomeForCode(microsoft('OfflineConversionNameInvalid').code), true)).toMatchObject({
      statusCode: 400
    })
    expect(jobStatusOf(outcomeForCode(microsoft('CallRateExceeded').code, { httpStatus: 429 }), true)).toMatchObject({
      statusCode: 429
    })
    expect(jobStatusOf(outcomeForHttpStatus(503), true)).toMatchObject({ statusCode: 500 })
    expect(jobStatusOf(outcomeForCode(microsoft('OfflineConversionNotAcceptedForGoal').code), true)).toMatchObject({
      statusCode: 500
    })
  })

  it('asks for a token refresh on expired or refused tokens, and deactivates on lost access or a refused grant', () => {
    expect(jobStatusOf(outcomeForCode(microsoft('AuthenticationTokenExpired').code), true)).toMatchObject({
      statusCode: 500,
      authErrorCategory: 'REFRESH_TOKEN'
    })
    expect(jobStatusOf(outcomeForCode(microsoft('InvalidCredentials').code), true)).toMatchObject({
      statusCode: 500,
      authErrorCategory: 'REFRESH_TOKEN'
    })
    expect(jobStatusOf(outcomeForHttpStatus(401), true)).toMatchObject({ authErrorCategory: 'REFRESH_TOKEN' })
    expect(jobStatusOf(outcomeForCode(microsoft('UserIsNotAuthorized').code), true)).toMatchObject({
      statusCode: 400,
      authErrorCategory: 'AUTH_STATUS_INACTIVE'
    })
    expect(jobStatusOf(outcomeForIdentityError(400, { error: 'invalid_grant' }), true)).toMatchObject({
      statusCode: 400,
      authErrorCategory: 'AUTH_STATUS_INACTIVE'
    })
  })

  it('never asks OAuth to act for a refused CAPI tag token, and names the settings instead', () => {
    const refusal = authFailure('capi_token_rejected', 'Refused.', 'inactive')
    const status = jobStatusOf(refusal, false)
    expect(status).toEqual({
      outcome: refusal,
      statusCode: 400,
      error: 'Refused. (capi_token_rejected) Check capiToken and uetTagId in the destination settings.'
    })
  })

  it('retries alone a job held back by another item', () => {
    expect(jobStatusOf(retry('batch_not_processed', 'Not processed.'), true)).toMatchObject({
      statusCode: 500,
      dontBatch: true
    })
  })

  it('lets a retry outrank a rejection, and a rejection outrank a delivery, within one job', () => {
    const bad = rejected('invalid_input', 'bad')
    const again = retry('server_error', 'again')
    expect(decisiveOutcome([delivered(), bad, delivered()])).toBe(bad)
    expect(decisiveOutcome([bad, again])).toBe(again)
    expect(decisiveOutcome([])).toBeUndefined()
  })
})
