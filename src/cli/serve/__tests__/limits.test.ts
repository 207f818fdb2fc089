import { connect, type Socket } from 'net'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

/** A raw connection to the server, its bytes kept, so a test can stall it at any point of a request. */
interface RawClient {
  socket: Socket
  received(): string
  closed: Promise<void>
}

function open(url: string): Promise<RawClient> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    let received = ''
    const socket = connect(Number(port), hostname, () => resolve({ socket, received: () => received, closed }))
    const closed = new Promise<void>((done) => socket.once('close', () => done()))
    socket.on('data', (chunk) => (received += chunk.toString('latin1')))
    socket.on('error', () => undefined)
    socket.once('error', reject)
  })
}

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 25))
}

const post = async (url: string, body: string) => {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
  return { status: response.status, text: await response.text(), headers: response.headers }
}

describe('msads serve resource bounds', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe
  const clients: RawClient[] = []
  const BUFFER_CAP = 1024 * 1024

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      limits: {
        maxBufferedBytes: BUFFER_CAP,
        maxBodyBytes: 256 * 1024,
        maxConnections: 700,
        headersTimeoutMs: 60_000,
        bodyTimeoutMs: 60_000,
        answerTimeoutMs: 1_000
      }
    })
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.socket.destroy()
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  it('holds 500 connections stalled in their headers and 20 mid-body within the buffer cap, and /health answers', async () => {
    for (let index = 0; index < 500; index += 1) {
      const client = await open(serve.url)
      client.socket.write('POST /actions/trackConversion HTTP/1.1\r\nHost: msads\r\nContent-Type: appl')
      clients.push(client)
    }
    const midBody: RawClient[] = []
    for (let index = 0; index < 20; index += 1) {
      const client = await open(serve.url)
      const size = 200 * 1024
      client.socket.write(
        `POST /actions/trackConversion HTTP/1.1\r\nHost: msads\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`
      )
      client.socket.write(`{"payloads":[${' '.repeat(100 * 1024)}`)
      midBody.push(client)
      clients.push(client)
    }
    // 20 × 100 KiB is twice the cap: the bodies that do not fit are answered 503 with Retry-After, and closed.
    await until(
      () =>
        serve.budget.inUse + midBody.filter((client) => client.received().includes(' 503 ')).length * 100 * 1024 >=
        19 * 100 * 1024
    )
    const refused = midBody.filter((client) => client.received().startsWith('HTTP/1.1 503'))
    expect(refused.length).toBeGreaterThan(0)
    for (const client of refused) expect(client.received()).toMatch(/Retry-After: \d+/i)
    expect(serve.budget.peak).toBeLessThanOrEqual(BUFFER_CAP)
    expect(serve.budget.inUse).toBeLessThanOrEqual(BUFFER_CAP)
    expect(serve.openConnections()).toBeGreaterThanOrEqual(500)

    const health = await fetch(`${serve.url}/health`)
    expect(health.status).toBe(200)
    expect((await health.json()).status).toBe('live')
  }, 60_000)

  it('releases the budget when stalled bodies go away', async () => {
    await until(() => serve.budget.inUse === 0)
    expect(serve.budget.inUse).toBe(0)
  })

  it('answers what does not settle in time with a retryable 503', async () => {
    serve.emulator!.setFaults({ rate: 1, kinds: ['slow'], routes: ['apply'], delayMs: 4_000 })
    try {
      const answer = await post(`${serve.url}/actions/trackConversion`, JSON.stringify({ payload: orderCompleted(1) }))
      expect(answer.status).toBe(503)
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(JSON.parse(answer.text)).toMatchObject({
        outcome: 'retry',
        reason: 'timeout',
        error: { code: 'answer_timeout' }
      })
      const health = await (await fetch(`${serve.url}/health`)).json()
      expect(health.window.retry).toBe(1)
    } finally {
      serve.emulator!.clearFaults()
    }
  })

  it('refuses absurd nesting and bad percent-encoding with a 400 that shows no internals', async () => {
    const deep = `{"payload":${JSON.stringify(orderCompleted(2))},"mapping":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`
    const nested = await post(`${serve.url}/actions/trackConversion`, deep)
    expect(nested.status).toBe(400)
    expect(JSON.parse(nested.text).error.code).toBe('too_deep')
    expect(nested.text).not.toMatch(/\bat \w|\/src\/|node_modules|Error:/)

    for (const path of [
      '/actions/%E0%A4%A',
      '/accounts/%ZZ/actions/trackConversion',
      '/rudderstack/v0/destinations/%ZZ'
    ]) {
      const badUrl = await post(`${serve.url}${path}`, '{}')
      expect(badUrl.status).toBe(400)
      expect(JSON.parse(badUrl.text).error.code).toBe('bad_url')
    }
  })
})

describe('msads serve connection cap and header timeout', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      limits: { maxConnections: 5, headersTimeoutMs: 1_000, retryAfterSeconds: 7 }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  it('answers the connection past the cap 503 with Retry-After, and closes stalled headers after the timeout', async () => {
    const stalled = await Promise.all(Array.from({ length: 5 }, () => open(serve.url)))
    for (const client of stalled) client.socket.write('GET /health HTTP/1.1\r\nHost: ms')
    await until(() => serve.openConnections() === 5)
    const extra = await open(serve.url)
    await extra.closed
    expect(extra.received()).toMatch(/^HTTP\/1\.1 503/)
    expect(extra.received()).toMatch(/Retry-After: 7/)
    expect(extra.received()).toContain('server_full')

    await Promise.all(stalled.map((client) => client.closed))
    for (const client of stalled) expect(client.received()).toMatch(/^HTTP\/1\.1 408/)
    await until(() => serve.openConnections() === 0)
    expect((await fetch(`${serve.url}/health`)).status).toBe(200)
  }, 30_000)
})
