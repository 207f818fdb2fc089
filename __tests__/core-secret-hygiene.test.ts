import nock from 'nock'
import {
  CampaignClient,
  CapiClient,
  createLogger,
  deliverAdjustments,
  deliverCapiEvents,
  deliverOfflineConversions,
  refreshWithGrant,
  TokenManager,
  type Outcome
} from '../src'
import { redactText, registerSecret } from '../src/support/redact'

const SECRETS = {
  accessToken: 'ACCESS-TOKEN-7f3a9c-SECRET',
  developerToken: 'DEVTOKEN-91ab-SECRET',
  clientSecret: 'CLIENT-SECRET-55e1~VALUE',
  refreshToken: 'REFRESH-TOKEN-0c8d-SECRET',
  capiToken: 'CAPI-TAG-TOKEN-4411-SECRET'
}
const PII = { email: 'Jane.Doe+promo@Example.org', phone: '+1 (425) 555-0199' }
const NEEDLES = [
  ...Object.values(SECRETS),
  PII.email,
  PII.email.toLowerCase(),
  'jane.doe',
  '425) 555-0199',
  '4255550199',
  '+14255550199'
]

const BASE = 'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13'

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

function assertClean(texts: string[]): void {
  for (const text of texts) for (const needle of NEEDLES) expect(text).not.toContain(needle)
}

describe('no secret and no raw email or phone in any message or log line', () => {
  it('holds across successes, item errors, faults, timeouts, token failures and bad input', async () => {
    const lines: string[] = []
    const logger = createLogger({ level: 'debug', sink: (line) => lines.push(line) })
    for (const secret of Object.values(SECRETS)) registerSecret(secret)

    nock(BASE.replace(/\/CampaignManagement.*/, ''))
      .post('/CampaignManagement/v13/OfflineConversions/Apply')
      .reply(200, {
        PartialErrors: [
          { Code: 5606, ErrorCode: 'OfflineConversionNameInvalid', Index: 0, Message: 'no goal', Type: 'BatchError' }
        ]
      })
      .post('/CampaignManagement/v13/OfflineConversions/Apply')
      .reply(401, {
        TrackingId: 't',
        Type: 'AdApiFaultDetail',
        Errors: [{ Code: 105, Detail: null, ErrorCode: 'InvalidCredentials', Message: 'Authentication failed.' }]
      })
      .post('/CampaignManagement/v13/OfflineConversions/Apply')
      .reply(200, { PartialErrors: [] })
      .post('/CampaignManagement/v13/OfflineConversionAdjustments/Apply')
      .delay(100)
      .reply(200, {})
      .post('/CampaignManagement/v13/OnlineConversionAdjustments/Apply')
      .reply(500, 'internal')
    nock('https://capi.uet.microsoft.com')
      .post('/v1/5/events')
      .reply(401, { error: { code: 'Unauthorized', message: 'You are not authorized to access this resource.' } })
    nock('https://login.microsoftonline.com')
      .post('/common/oauth2/v2.0/token')
      .reply(401, { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided.` })

    const auth = {
      accessToken: SECRETS.accessToken,
      developerToken: SECRETS.developerToken,
      customerId: '1',
      accountId: '2'
    }
    const client = new CampaignClient({ auth, logger, timeoutMs: 5000 })
    // Answers slower than this time out; the delayed answer below is one of them.
    const impatient = new CampaignClient({ auth, logger, timeoutMs: 30 })
    const now = () => Date.UTC(2026, 10, 22, 12)
    const good = {
      conversionName: 'Purchase',
      conversionTime: '2026-11-22T10:00:00Z',
      email: PII.email,
      phone: PII.phone
    }
    const outcomes: Outcome[] = []
    outcomes.push(...(await deliverOfflineConversions([good], client, { now })))
    outcomes.push(
      ...(await deliverOfflineConversions([{ ...good, conversionTime: '2026-11-22T10:05:00Z' }], client, { now }))
    )
    outcomes.push(
      ...(await deliverOfflineConversions(
        [
          { ...good, email: 'jane.doe@', phone: PII.phone },
          { ...good, phone: 'call 425 555 0199 now', email: PII.email },
          { ...good, conversionTime: 'tomorrow', email: PII.email }
        ],
        client,
        { now }
      ))
    )
    const adjustmentTime = '2026-11-22T11:00:00Z'
    outcomes.push(
      ...(await deliverAdjustments(
        [
          {
            adjustmentType: 'Retract',
            conversionName: 'Purchase',
            conversionTime: '2026-11-22T09:00:00Z',
            adjustmentTime,
            email: PII.email
          }
        ],
        impatient,
        { now }
      ))
    )
    outcomes.push(
      ...(await deliverAdjustments(
        [{ adjustmentType: 'Retract', conversionName: 'Purchase', transactionId: 'T-1', adjustmentTime }],
        impatient,
        { now }
      ))
    )
    outcomes.push(
      ...(await deliverCapiEvents(
        [{ eventType: 'custom', userData: { email: PII.email, phone: PII.phone } }],
        new CapiClient({ tagId: '5', token: SECRETS.capiToken, logger }),
        { now }
      ))
    )

    const errors: string[] = []
    await refreshWithGrant({
      clientId: 'c',
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.refreshToken
    }).catch((e: Error) => errors.push(e.message, String(e.stack)))
    nock('https://login.microsoftonline.com')
      .post('/common/oauth2/v2.0/token')
      .reply(200, { access_token: SECRETS.accessToken, refresh_token: 'ROTATED-REFRESH-SECRET-1' })
    const manager = new TokenManager({ logger })
    await manager.getAccessToken({
      clientId: 'c',
      clientSecret: SECRETS.clientSecret,
      refreshToken: SECRETS.refreshToken
    })

    // The unusable email and phone are dropped with a warning (the other hash identifies the conversion).
    expect(outcomes.map((o) => o.outcome)).toEqual([
      'rejected',
      'auth',
      'delivered',
      'delivered',
      'rejected',
      'retry',
      'retry',
      'auth'
    ])
    expect(outcomes[2].warnings?.map((w) => w.field)).toEqual(['email'])
    expect(outcomes[3].warnings?.map((w) => w.field)).toEqual(['phone'])
    expect(lines.length).toBeGreaterThan(3)
    assertClean([...lines, ...errors, ...outcomes.map((o) => JSON.stringify(o))])
    expect(lines.join('\n')).not.toContain('ROTATED-REFRESH-SECRET-1')
  })

  it('masks secrets, bearer tokens, emails and phone numbers in free text', () => {
    registerSecret('SUPER-SECRET-VALUE-42')
    const text = redactText(
      'Authorization: Bearer abc.def-ghi, secret SUPER-SECRET-VALUE-42, mail Jane@Example.org, call +44 20 7946 0958, order 1234567890123'
    )
    expect(text).toBe(
      'Authorization: Bearer [redacted], secret [redacted], mail [email], call [phone], order 1234567890123'
    )
  })
})
