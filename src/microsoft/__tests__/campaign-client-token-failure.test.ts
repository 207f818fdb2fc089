import nock from 'nock'
import { authFailure } from '../../outcome'
import { CampaignClient } from '../campaign-client'
import { MicrosoftApiError } from '../errors'
import { OAuthError } from '../oauth'

const ids = { developerToken: 'dev-token-xyz', customerId: '1111', accountId: '2222' }
const revoked = authFailure(
  'invalid_grant',
  'The refresh token was refused (AADSTS70008). Sign in again.',
  'inactive',
  { code: 70008 }
)
const record = {
  ConversionName: 'Purchase',
  ConversionTime: '2026-11-21T10:00:00.000Z',
  MicrosoftClickId: 'f894f652ea334e739002f7167ab8f8e3'
}

beforeAll(() => nock.disableNetConnect())
afterAll(() => nock.enableNetConnect())

describe('CampaignClient when the access token cannot be refreshed', () => {
  const failingToken = async (): Promise<string> => {
    throw new OAuthError(revoked)
  }

  it('gives every Apply item the refresh failure, not a network error', async () => {
    const outcomes = await new CampaignClient({ auth: { ...ids, accessToken: failingToken } }).applyOfflineConversions([
      record,
      record
    ])
    expect(outcomes).toEqual([revoked, revoked])
  })

  it('throws the refresh failure from a query', async () => {
    const call = new CampaignClient({ auth: { ...ids, accessToken: failingToken } }).getUetTags()
    await expect(call).rejects.toBeInstanceOf(MicrosoftApiError)
    await expect(call).rejects.toMatchObject({
      outcome: { outcome: 'auth', reason: 'invalid_grant', authAction: 'inactive' }
    })
  })
})
