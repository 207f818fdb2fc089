import { authFailure, rejected, retry } from '../../outcome'
import { foreignReason } from '../../reasons'
import { credentialsAtFault } from '../credential-at-fault'
import { checkCredentialFormats, describeCredentialProblems, invalidSettingsOutcome } from '../credential-formats'

const GOOD = {
  customer_id: '123456789',
  account_id: '987654321',
  developer_token: 'BBD37VB98',
  client_id: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
  client_secret: 'a~secret.value',
  refresh_token: 'M.R3_BAY.refresh',
  uet_tag_id: '343004567',
  environment: 'production'
}

describe('checkCredentialFormats', () => {
  it('accepts well-formed credentials, trimmed', () => {
    expect(checkCredentialFormats({ ...GOOD, customer_id: ' 123456789 ' }, ['customer_id', 'account_id'])).toEqual([])
  })

  it('names each field and its rule', () => {
    const problems = checkCredentialFormats(
      {
        ...GOOD,
        account_id: 'F123ABCD',
        client_id: 'not-a-uuid',
        developer_token: 'has space',
        customer_id: undefined
      },
      ['customer_id']
    )
    expect(problems.map((p) => p.field)).toEqual(['customer_id', 'account_id', 'developer_token', 'client_id'])
    expect(problems[0].message).toBe('is required')
    expect(problems[1].message).toContain('Account number (such as F123ABCD) is a different value')
    expect(problems[3].message).toContain('Application (client) ID')
  })

  it('does not require optional fields and checks them only when present', () => {
    expect(checkCredentialFormats({ uet_tag_id: '' }, [])).toEqual([])
    expect(checkCredentialFormats({ uet_tag_id: 'tag-1' }, [])).toEqual([
      { field: 'uet_tag_id', message: expect.stringContaining('digits only') }
    ])
    expect(checkCredentialFormats({ environment: 'staging' }).map((p) => p.field)).toEqual(['environment'])
  })

  it('refuses a line break or control character in any credential, which no HTTP header can carry', () => {
    for (const field of ['customer_id', 'account_id', 'developer_token', 'uet_capi_token', 'client_secret'] as const) {
      const value = `${GOOD[field as keyof typeof GOOD] ?? 'token'}\r\nX-Injected: 1`
      expect(checkCredentialFormats({ ...GOOD, [field]: value })).toEqual([
        { field, message: expect.stringContaining('line breaks or other control characters') }
      ])
    }
    expect(checkCredentialFormats({ ...GOOD, uet_capi_token: 'abc\u0000def' })).toEqual([
      { field: 'uet_capi_token', message: expect.stringContaining('control characters') }
    ])
    // Surrounding whitespace (a pasted value often ends in a line break) is trimmed, as every host does.
    expect(checkCredentialFormats({ ...GOOD, developer_token: 'BBD37VB98\n' })).toEqual([])
  })

  it('never repeats a secret in its messages', () => {
    const problems = checkCredentialFormats({ client_secret: 'top secret value', refresh_token: 'refresh with spaces' })
    const text = describeCredentialProblems(problems)
    expect(text).not.toContain('top secret value')
    expect(text).not.toContain('refresh with spaces')
    expect(problems.map((p) => p.field)).toEqual(['client_secret', 'refresh_token'])
  })

  it('turns problems into one rejected outcome naming the first field', () => {
    const outcome = invalidSettingsOutcome([{ field: 'account_id', message: 'is required' }])
    expect(outcome).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_settings',
      status: 400,
      field: 'account_id',
      rule: 'required'
    })
    expect(outcome.message).toBe('Check the destination settings: account_id is required.')
  })
})

describe('credentialsAtFault', () => {
  it('blames the identity platform credentials by AADSTS code, then by error', () => {
    expect(credentialsAtFault('token', authFailure('invalid_client', 'x', 'inactive', { code: 7000215 }))).toEqual([
      'client_secret'
    ])
    expect(credentialsAtFault('token', rejected('invalid_request', 'x', { code: 700016 }))).toEqual(['client_id'])
    expect(credentialsAtFault('token', authFailure('invalid_grant', 'x', 'inactive', { code: 700082 }))).toEqual([
      'refresh_token'
    ])
    expect(
      credentialsAtFault('token', authFailure('invalid_client', 'x', 'inactive', { code: 'invalid_client' }))
    ).toEqual(['client_id', 'client_secret'])
  })

  it('blames the developer token for a 105 after a fresh token, and the ids for a 106', () => {
    expect(
      credentialsAtFault('account', authFailure(foreignReason('InvalidCredentials'), 'x', 'refresh', { code: 105 }))[0]
    ).toBe('developer_token')
    expect(
      credentialsAtFault('account', authFailure(foreignReason('UserIsNotAuthorized'), 'x', 'inactive', { code: 106 }))
    ).toEqual(['customer_id', 'account_id'])
    expect(credentialsAtFault('account', rejected(foreignReason('InvalidAccount'), 'x', { code: 208 }))).toEqual([
      'account_id'
    ])
  })

  it('blames the tag for tag errors and blames nothing for transient ones', () => {
    expect(credentialsAtFault('uet_tag', rejected(foreignReason('InvalidUetTagId'), 'x', { code: 5300 }))).toEqual([
      'uet_tag_id'
    ])
    expect(credentialsAtFault('uet_tag', retry('server_error', 'x'))).toEqual([])
    expect(
      credentialsAtFault('account', rejected(foreignReason('OfflineConversionNameInvalid'), 'x', { code: 5606 }))
    ).toEqual([])
  })
})
