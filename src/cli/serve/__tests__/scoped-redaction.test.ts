import { DEFAULT_SEED } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { processSecretCount, redactText, registerSecret, withSecretScope } from '../../../support/redact'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

async function post(url: string, body: unknown): Promise<{ status: number; text: string; json: any }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, text, json: JSON.parse(text) }
}

describe('secret scopes', () => {
  it('masks a scope secret inside the scope only, and keeps process secrets everywhere', async () => {
    registerSecret('process-wide-secret-1')
    const inside = await withSecretScope(async () => {
      registerSecret('scoped-secret-2')
      await new Promise((resolve) => setImmediate(resolve))
      return redactText('scoped-secret-2 process-wide-secret-1')
    })
    expect(inside).toBe('[redacted] [redacted]')
    expect(redactText('scoped-secret-2 process-wide-secret-1')).toBe('scoped-secret-2 [redacted]')
  })
})

describe("msads serve: a request's secrets live only for that request", () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  it('a developer_token of "Microsoft" does not blank that word in the next answer', async () => {
    const { credentials } = DEFAULT_SEED
    const settings = {
      customer_id: DEFAULT_SEED.customers[0].id,
      account_id: DEFAULT_SEED.customers[0].accounts[0].id,
      developer_token: 'Microsoft',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: credentials.refreshToken,
      consent_default: 'granted'
    }
    const first = await post(`${serve.url}/actions/trackConversion`, { payload: orderCompleted(1), settings })
    // Microsoft refuses that developer token: an auth outcome, which a sender must retry (503), not a 200.
    expect(first.status).toBe(503)
    expect(first.json.results[0].outcome).toBe('auth')
    expect(first.text).not.toMatch(/Microsoft/)
    const second = await post(`${serve.url}/actions/trackConversion`, { payload: orderCompleted(2) })
    expect(second.json.results[0]).toMatchObject({ outcome: 'delivered' })
    expect(second.text).toMatch(/Microsoft/)
    expect(second.text).not.toContain('[redacted]')
  })

  it('the process-wide registry does not grow after 5,000 requests with unique settings', async () => {
    const before = processSecretCount()
    const { credentials } = DEFAULT_SEED
    const one = (index: number) =>
      post(`${serve.url}/actions/trackConversion`, {
        payload: orderCompleted(index),
        settings: {
          // An account id that is not one stops each run before it reaches the emulator: the test stays cheap.
          customer_id: DEFAULT_SEED.customers[0].id,
          account_id: 'not-an-account',
          developer_token: `unique-developer-token-${index}`,
          client_id: credentials.clientId,
          client_secret: `unique-client-secret-${index}`,
          refresh_token: `unique-refresh-token-${index}`
        }
      })
    let last: Awaited<ReturnType<typeof one>> | undefined
    for (let start = 0; start < 5_000; start += 8) {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, offset) => one(start + offset)))
      last = answers[answers.length - 1]
    }
    expect(last!.json.results[0]).toMatchObject({ outcome: 'rejected', reason: 'invalid_settings' })
    expect(processSecretCount()).toBe(before)
    expect(redactText('unique-developer-token-4999')).toBe('unique-developer-token-4999')
  }, 120_000)
})
