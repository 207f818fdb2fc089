import { checkCredentialFormats, CREDENTIAL_FIELDS } from '../credential-formats'
import { requiredCredentials, SECRET_CREDENTIALS } from '../credential-requirements'

const sorted = (fields: readonly string[]) => [...fields].sort()

describe('the credentials each job needs', () => {
  it('a Campaign Management call: the account, the developer token, the environment and what mints a token', () => {
    expect(sorted(requiredCredentials('campaign'))).toEqual(
      sorted([
        'customer_id',
        'account_id',
        'developer_token',
        'environment',
        'client_id',
        'client_secret',
        'refresh_token'
      ])
    )
  })

  it('a Campaign Management call with an access token the host keeps fresh: no OAuth client', () => {
    expect(sorted(requiredCredentials('campaign', { accessToken: true }))).toEqual(
      sorted(['customer_id', 'account_id', 'developer_token', 'environment'])
    )
  })

  it('a token refresh: the app registration and the refresh token', () => {
    expect(sorted(requiredCredentials('token_refresh'))).toEqual(
      sorted(['client_id', 'client_secret', 'refresh_token'])
    )
  })

  it("a UET Conversions API event: the tag, and without its token what fetching the tag's key needs", () => {
    expect(requiredCredentials('uet_capi', { capiToken: true })).toEqual(['uet_tag_id'])
    expect(sorted(requiredCredentials('uet_capi'))).toEqual(sorted(['uet_tag_id', ...requiredCredentials('campaign')]))
    expect(sorted(requiredCredentials('uet_capi', { accessToken: true }))).toEqual(
      sorted(['uet_tag_id', ...requiredCredentials('campaign', { accessToken: true })])
    )
  })

  it('names every one missing when checked, and nothing else', () => {
    const problems = checkCredentialFormats({}, requiredCredentials('campaign', { accessToken: true }))
    expect(problems).toEqual([
      { field: 'customer_id', message: 'is required' },
      { field: 'account_id', message: 'is required' },
      { field: 'developer_token', message: 'is required' },
      { field: 'environment', message: 'is required' }
    ])
  })

  it('counts every token and secret as a secret, and no id', () => {
    expect(sorted(SECRET_CREDENTIALS)).toEqual(
      sorted(['developer_token', 'client_secret', 'refresh_token', 'uet_capi_token'])
    )
    const notSecret = CREDENTIAL_FIELDS.filter((field) => !SECRET_CREDENTIALS.includes(field))
    expect(sorted(notSecret)).toEqual(sorted(['customer_id', 'account_id', 'client_id', 'uet_tag_id', 'environment']))
  })
})
