import { outcomeForIdentityResponse } from '../oauth/identity-response'

const json = (status: number, body: unknown) => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body)
})

describe('identity platform answers seen by a proxy', () => {
  it('turns invalid_grant into an inactive auth outcome with a plain-language remedy', () => {
    const outcome = outcomeForIdentityResponse(
      json(400, {
        error: 'invalid_grant',
        error_description: 'AADSTS700082: The refresh token has expired due to inactivity.',
        error_codes: [700082]
      })
    )
    expect(outcome).toMatchObject({ outcome: 'auth', authAction: 'inactive', reason: 'invalid_grant', code: 700082 })
    expect(outcome?.message).toMatch(/Sign in again/)
  })

  it('keeps throttling and server errors of the identity platform retryable', () => {
    expect(outcomeForIdentityResponse(json(503, { error: 'temporarily_unavailable' }))).toBeUndefined()
    expect(outcomeForIdentityResponse(json(429, { error: 'invalid_request' }))).toMatchObject({
      outcome: 'retry',
      status: 429
    })
  })

  it('ignores successes, Campaign Management faults, CAPI errors and bodies that are not JSON', () => {
    expect(outcomeForIdentityResponse(json(200, { error: 'invalid_grant' }))).toBeUndefined()
    expect(outcomeForIdentityResponse(json(401, { Type: 'AdApiFaultDetail', Errors: [{ Code: 109 }] }))).toBeUndefined()
    expect(outcomeForIdentityResponse(json(401, { error: { code: 'Unauthorized', message: 'no' } }))).toBeUndefined()
    expect(outcomeForIdentityResponse({ status: 502, headers: {}, body: '<html>Bad gateway</html>' })).toBeUndefined()
  })
})
