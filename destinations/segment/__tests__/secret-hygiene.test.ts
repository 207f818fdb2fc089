import { createTestEvent, createTestIntegration } from '@segment/actions-core'
import nock from 'nock'
import destination from '../index'
import {
  AUTH,
  CAMPAIGN,
  CAPI,
  CAPI_EVENTS,
  OFFLINE_APPLY,
  SETTINGS,
  TOKEN_HOST,
  TOKEN_PATH,
  useTestEnvironment
} from './support'

const testDestination = createTestIntegration(destination)
useTestEnvironment()

const SECRETS = [
  SETTINGS.developer_token,
  SETTINGS.client_secret,
  SETTINGS.oauth_refresh_token,
  SETTINGS.uet_capi_token as string,
  AUTH.accessToken,
  AUTH.refreshToken
]
const RAW_PII = ['Jane.Doe+promo@Example.org', 'jane.doe', '+1 (425) 555-0199', '4255550199']

function expectClean(text: string): void {
  for (const needle of [...SECRETS, ...RAW_PII]) expect(text).not.toContain(needle)
}

const event = (properties: Record<string, unknown> = {}) =>
  createTestEvent({
    type: 'track',
    event: 'Order Completed',
    timestamp: '2026-11-21T09:00:00.000Z',
    properties: { order_id: 'o-1', revenue: 5, ...properties },
    context: { traits: { email: RAW_PII[0], phone: RAW_PII[2] } }
  })

describe('what Segment shows never holds a secret or a raw email or phone', () => {
  it('in batch statuses: delivered, rejected by Microsoft, rejected locally, retried', async () => {
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .reply(200, {
        PartialErrors: [
          {
            Code: 5604,
            ErrorCode: 'OfflineConversionMicrosoftClickIdInvalid',
            Index: 1,
            Message: 'The click id is invalid.'
          }
        ]
      })
    await testDestination.testBatchAction('trackConversion', {
      events: [
        event({ msclkid: 'a'.repeat(32) }),
        event({ msclkid: 'b'.repeat(32), order_id: 'o-2' }),
        event({ order_id: 'o-3', msclkid: 'bad' })
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping: { conversion_name: 'Purchase' },
      useDefaultMappings: true
    })
    const text = JSON.stringify(testDestination.results)
    // What was sent is what Microsoft received: the email as its SHA-256 digest.
    expect(text).toMatch(/"HashedEmailAddress":"[\da-f]{64}"/)
    expectClean(text)

    nock(CAPI).post(CAPI_EVENTS).reply(503, 'upstream down')
    await testDestination.testBatchAction('uetCapiEvent', {
      events: [
        { ...event(), context: { ...event().context, ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (msads test)' } }
      ],
      settings: SETTINGS,
      auth: AUTH,
      mapping: {},
      useDefaultMappings: true
    })
    const capiText = JSON.stringify(testDestination.results)
    expect(capiText).toContain('"status":503')
    // The IP address and user agent Microsoft receives raw are masked where the event is shown.
    expect(capiText).toContain('"clientIpAddress":"[redacted]"')
    expect(capiText).toContain('"clientUserAgent":"[redacted]"')
    expect(capiText).not.toContain('203.0.113.7')
    expectClean(capiText)
  })

  it('when a mapping mistake puts an email in another field: the echo of the payload and the error are redacted', async () => {
    nock(CAMPAIGN)
      .post(OFFLINE_APPLY)
      .reply(200, {
        PartialErrors: [
          {
            Code: 5606,
            ErrorCode: 'OfflineConversionNameInvalid',
            Index: 0,
            Message: 'The conversion name do not match an existing offline conversion goal.'
          }
        ]
      })
    await testDestination.testBatchAction('trackConversion', {
      events: [event({ msclkid: 'a'.repeat(32), goal: RAW_PII[0] })],
      settings: SETTINGS,
      auth: AUTH,
      mapping: { conversion_name: { '@path': '$.properties.goal' } },
      useDefaultMappings: true
    })
    const text = JSON.stringify(testDestination.results)
    expect(text).toContain('conversion name \\"[email]\\"')
    expectClean(text)
  })

  it('in errors: a refused refresh, a failed connection test', async () => {
    nock(TOKEN_HOST)
      .post(TOKEN_PATH)
      .times(3)
      .reply(400, {
        error: 'invalid_grant',
        error_description: `AADSTS70008: token ${SETTINGS.oauth_refresh_token} expired`,
        error_codes: [70008]
      })
    const refresh = await testDestination
      .refreshAccessToken(SETTINGS, { ...AUTH, clientId: '', clientSecret: '' })
      .catch((e: Error) => e)
    const test = await testDestination.testAuthentication(SETTINGS).catch((e: Error) => e)
    expectClean(`${(refresh as Error).message} ${(test as Error).message}`)
  })
})
