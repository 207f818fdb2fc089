import { DEFAULT_SEED } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { orderCompleted, requestCount, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

async function post(url: string, body: unknown, raw?: string): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: raw ?? JSON.stringify(body)
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text }
}

/** What an attacker or a careless caller sends to a started `msads serve`; none of it is the server's fault. */
describe('msads serve against hostile requests', () => {
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

  const { customers, credentials } = DEFAULT_SEED
  const settings = {
    customer_id: customers[0].id,
    account_id: customers[0].accounts[0].id,
    developer_token: credentials.developerToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken
  }

  it.each(['customer_id', 'account_id', 'developer_token'] as const)(
    'a line break in %s is invalid_settings naming it, not a retry',
    async (field) => {
      const before = requestCount(serve.emulator!, 'applyOfflineConversions')
      const answer = await post(`${serve.url}/actions/trackConversion`, {
        payload: orderCompleted(1),
        settings: { ...settings, [field]: `${settings[field]}\r\nX-Injected: 1` }
      })
      expect(answer.json.results).toEqual([
        expect.objectContaining({ outcome: 'rejected', reason: 'invalid_settings', field })
      ])
      expect(answer.text).not.toContain('X-Injected')
      expect(requestCount(serve.emulator!, 'applyOfflineConversions')).toBe(before)
    }
  )
})
