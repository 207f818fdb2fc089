import { DEFAULT_SEED } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { DEMO_SECRETS, orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

const CALLER_TOKEN = 'caller-token-for-the-log-test-42'
const EMAIL = 'jane.doe@example.com'
const PHONE = '+1 206 555 0100'

describe('msads serve request log', () => {
  const directory = temporaryDirectory()
  const lines: string[] = []
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, MSADS_SERVE_TOKEN: CALLER_TOKEN, LOG_LEVEL: 'info' },
      logDestination: { write: (line: string) => lines.push(line) }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  const post = (path: string, body: unknown) =>
    fetch(`${serve.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${CALLER_TOKEN}` },
      body: JSON.stringify(body)
    })

  it('writes one line per request: id, route, action, account, events, outcomes, TrackingIds, status, duration', async () => {
    const withPii = orderCompleted(1, Date.now(), { context: { traits: { email: EMAIL, phone: PHONE } } })
    const { credentials } = DEFAULT_SEED
    const settings = {
      customer_id: DEFAULT_SEED.customers[0].id,
      account_id: DEFAULT_SEED.customers[0].accounts[0].id,
      developer_token: 'request-developer-token-7',
      client_id: credentials.clientId,
      client_secret: 'request-client-secret-7',
      refresh_token: 'request-refresh-token-7',
      consent_default: 'granted'
    }
    const before = lines.length
    const answers = [
      await post('/actions/trackConversion', {
        payloads: [withPii, orderCompleted(2, Date.now(), { properties: { msclkid: EMAIL } })]
      }),
      await post('/actions/trackConversion', { payload: orderCompleted(3), settings }),
      await post('/rudderstack/deliver', {
        messages: [{ type: 'track', event: 'Unmapped', userId: EMAIL, timestamp: new Date().toISOString() }]
      }),
      await fetch(`${serve.url}/metrics`),
      await fetch(`${serve.url}/metrics`, { headers: { Authorization: `Bearer ${CALLER_TOKEN}` } })
    ]
    const ids = answers.map((answer) => answer.headers.get('x-request-id'))
    const written = lines.slice(before).map((line) => JSON.parse(line))
    expect(written).toHaveLength(5)
    expect(written.map((line) => line.requestId)).toEqual(ids)

    const [batch, ownSettings, rudder, unauthorized, metrics] = written
    expect(batch).toMatchObject({
      msg: 'request',
      method: 'POST',
      route: 'actions',
      account: 'default',
      action: 'trackConversion',
      events: 2,
      outcomes: { 'delivered:accepted': 1, 'rejected:invalid_input': 1 },
      status: 200
    })
    expect(batch.trackingIds).toEqual([
      expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    ])
    expect(typeof batch.durationMs).toBe('number')
    expect(ownSettings).toMatchObject({ events: 1, status: 200 })
    expect(rudder).toMatchObject({
      route: 'rudderstack',
      stage: 'deliver',
      events: 1,
      outcomes: { 'skipped:event_not_mapped': 1 }
    })
    expect(unauthorized).toMatchObject({ route: 'metrics', status: 401 })
    expect(metrics).toMatchObject({ route: 'metrics', status: 200 })

    const text = lines.slice(before).join('\n')
    for (const secret of [
      ...DEMO_SECRETS,
      CALLER_TOKEN,
      EMAIL,
      PHONE,
      '2065550100',
      settings.developer_token,
      settings.client_secret,
      settings.refresh_token
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('writes nothing below LOG_LEVEL', async () => {
    const quiet: string[] = []
    const server = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens2.json`, LOG_LEVEL: 'warn' },
      logDestination: { write: (line: string) => quiet.push(line) }
    })
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
      expect(quiet).toEqual([])
    } finally {
      await server.close()
    }
  })
})
