import type { MultiStatusResponse } from '@segment/actions-core'
import { outcomeToError, toMultiStatus } from '../../../../destinations/segment/translate/outcome'
import type { Delivery } from '../../../conversions/deliver'
import { authFailure, rejected, retry, type Outcome } from '../../../outcome'
import { outcomeOfError } from '../error-outcome'
import { fromMultiStatusNode } from '../event-outcome'
import { withEveryOutcomeBody } from '../segment-outcome-bodies'

/** Outcomes of events refused before sending: nothing sent, nothing answered. */
function refusedBatch(outcomes: Outcome[]): Delivery {
  return { outcomes, sent: outcomes.map(() => undefined), answers: outcomes.map(() => undefined) }
}

/** The entries of a MultiStatusResponse as actions-core hands them to a host. */
function multiStatusNodes(response: MultiStatusResponse): unknown[] {
  return response.getAllResponses().map((entry) => entry.value())
}

describe("reading the Segment destination's answers", () => {
  it('keeps the outcome body of a multistatus entry', () => {
    expect(
      fromMultiStatusNode({
        status: 400,
        body: {
          outcome: 'rejected',
          reason: 'OfflineConversionNameInvalid',
          message: 'No goal.',
          code: 5606,
          field: 'conversion_name',
          trackingId: 't-1'
        }
      })
    ).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      message: 'No goal.',
      code: 5606,
      field: 'conversion_name',
      trackingId: 't-1'
    })
  })

  it('names the field of an event actions-core refused before the destination saw it', () => {
    expect(
      fromMultiStatusNode({
        status: 400,
        errortype: 'PAYLOAD_VALIDATION_FAILED',
        errormessage: "The root value is missing the required field 'conversion_time'."
      })
    ).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'conversion_time'
    })
  })

  it('reads an event the core refused before sending from the body the command line’s copy of the destination gives it', () => {
    const refusals = [
      rejected(
        'invalid_input',
        'conversion_time is older than 90 days (2026-07-25T17:25:55.951Z); Microsoft accepts only the last 90 days.',
        { field: 'conversion_time', rule: 'max_age' }
      ),
      rejected('invalid_settings', 'Check the destination settings: customer_id is required.', {
        field: 'customer_id',
        rule: 'required'
      })
    ]
    expect(
      multiStatusNodes(toMultiStatus(refusedBatch(refusals))).filter((node) => 'body' in (node as object))
    ).toEqual([])
    const nodes = multiStatusNodes(withEveryOutcomeBody(refusedBatch(refusals)))
    expect(nodes.map(fromMultiStatusNode)).toEqual([
      {
        status: 400,
        outcome: 'rejected',
        reason: 'invalid_input',
        field: 'conversion_time',
        rule: 'max_age',
        message: refusals[0].message
      },
      {
        status: 400,
        outcome: 'rejected',
        reason: 'invalid_settings',
        field: 'customer_id',
        rule: 'required',
        message: refusals[1].message
      }
    ])
  })

  it('believes the body over a message that looks like another code', () => {
    const node = {
      status: 400,
      errortype: 'BAD_REQUEST',
      errormessage: '[5606 OfflineConversionNameInvalid] email is not an email address. TrackingId: t-9.',
      body: {
        outcome: 'rejected',
        reason: 'OfflineConversionMicrosoftClickIdInvalid',
        code: 5604,
        field: 'microsoft_click_id',
        message: 'Not a click id.',
        status: 400
      }
    }
    expect(fromMultiStatusNode(node)).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionMicrosoftClickIdInvalid',
      code: 5604,
      field: 'microsoft_click_id',
      message: 'Not a click id.'
    })
    const thrown = Object.assign(new Error('[5606 OfflineConversionNameInvalid] No goal. TrackingId: abc-1.'), {
      status: 400,
      outcome: node.body
    })
    expect(outcomeOfError(thrown)).toMatchObject({ reason: 'OfflineConversionMicrosoftClickIdInvalid', code: 5604 })
    expect(outcomeOfError(thrown)).not.toHaveProperty('trackingId')
  })

  it('reads single-mode errors from the outcome they carry: Microsoft code and reason, auth, retry', () => {
    const notFound = rejected('OfflineConversionNameInvalid', 'No goal.', {
      code: 5606,
      field: 'conversion_name',
      trackingId: 'abc-1'
    })
    expect(outcomeOfError(outcomeToError(notFound))).toEqual({ ...notFound, status: 400 })
    expect(
      outcomeOfError(outcomeToError(authFailure('AuthenticationTokenExpired', 'Expired.', 'refresh', { code: 109 })))
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
