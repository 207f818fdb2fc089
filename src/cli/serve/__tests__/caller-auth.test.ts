import { writeFileSync } from 'fs'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { memoryIo, orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { runCli } from '../../program'
import { isLoopbackHost } from '../caller-auth'
import { startServe, type RunningServe } from '../start-serve'

const TOKEN = 'caller-token-0123456789abcdef'

describe('msads serve caller authentication', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_SERVE_TOKEN: TOKEN, MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  const postOrder = (headers: Record<string, string>) =>
    fetch(`${serve.url}/actions/trackConversion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ payload: orderCompleted(1) })
    })

  it('answers 401 without the token, with a wrong one, or with another scheme, and sends nothing', async () => {
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: `Basic ${TOKEN}` },
      { Authorization: 'Bearer ' }
    ]
    for (const headers of attempts) {
      const response = await postOrder(headers)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      const body = await response.json()
      expect(body.error.code).toBe('unauthorized')
      expect(JSON.stringify(body)).not.toContain(TOKEN)
    }
    expect((await fetch(`${serve.url}/metrics`)).status).toBe(401)
    expect(serve.emulator!.state().offlineConversions.count).toBe(0)
  })

  it('delivers with the token, and leaves GET /health open', async () => {
    const response = await postOrder({ Authorization: `Bearer ${TOKEN}` })
    expect(response.status).toBe(200)
    expect((await response.json()).results[0]).toMatchObject({ outcome: 'delivered' })
    expect((await fetch(`${serve.url}/health`)).status).toBe(200)
    expect((await fetch(`${serve.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
  })
})

describe('msads serve exposure', () => {
  it('refuses to listen on 0.0.0.0 without a token (exit 2), and names the way out', async () => {
    const io = memoryIo({})
    expect(await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], io)).toBe(2)
    expect(io.err()).toMatch(/MSADS_SERVE_TOKEN/)
    expect(io.err()).toMatch(/--allow-unauthenticated/)
  })

  it('refuses a token file that is missing or a token that is too short (exit 2)', async () => {
    const directory = temporaryDirectory()
    try {
      const short = `${directory.path}/short`
      writeFileSync(short, 'abc\n')
      for (const args of [
        ['--token-file', `${directory.path}/none`],
        ['--token-file', short]
      ]) {
        const io = memoryIo({})
        expect(await runCli(['serve', '--port', '0', ...args], io)).toBe(2)
      }
    } finally {
      directory.remove()
    }
  })

  it('knows the loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(host)).toBe(true)
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com'])
      expect(isLoopbackHost(host)).toBe(false)
  })
})
