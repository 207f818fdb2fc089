import { DEFAULT_SEED } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { HealthMonitor } from '../health'
import { startServe, type RunningServe } from '../start-serve'

describe('health window', () => {
  const thresholds = { windowEvents: 10, windowMs: 60_000, minEvents: 5, degradedShare: 0.2 }
  const delivered = { outcome: 'delivered' as const, reason: 'accepted' }
  const retry = { outcome: 'retry' as const, reason: 'server_error' }

  it("is live with too few events to judge, and ignores rejections of the caller's input", () => {
    const health = new HealthMonitor(thresholds)
    health.record([retry, retry], true)
    health.record(Array(20).fill({ outcome: 'rejected', reason: 'invalid_input' }), true)
    expect(health.report()).toMatchObject({ status: 'live', window: { events: 2 } })
  })

  it("counts Microsoft rejects towards degraded, and is down when the server's own token is refused", () => {
    const health = new HealthMonitor(thresholds)
    health.record(
      [...Array(8).fill(delivered), { outcome: 'rejected', reason: 'OfflineConversionNameInvalid', code: 5606 }, retry],
      true
    )
    expect(health.report().status).toBe('degraded')
    health.record([{ outcome: 'auth', reason: 'http_401' }], false)
    expect(health.report().token).toBe('ok')
    health.record([{ outcome: 'auth', reason: 'invalid_grant' }], true)
    expect(health.report()).toMatchObject({ status: 'down', token: 'refused' })
    health.record(Array(10).fill(delivered), true)
    expect(health.report()).toMatchObject({ status: 'live', token: 'ok' })
  })

  it("counts only the outcomes of the server's own credentials", () => {
    const health = new HealthMonitor(thresholds)
    health.record(Array(10).fill({ outcome: 'auth', reason: 'InvalidCredentials', code: 105 }), false)
    health.record(Array(10).fill(retry), false)
    expect(health.report()).toMatchObject({ status: 'live', token: 'unknown', window: { events: 0 } })
  })

  it('forgets events older than the window', () => {
    let now = 0
    const health = new HealthMonitor(thresholds, () => now)
    health.record(Array(10).fill(retry), true)
    expect(health.report().status).toBe('down')
    now = 61_000
    expect(health.report()).toMatchObject({ status: 'live', window: { events: 0 } })
  })
})

describe('msads serve /health under emulator faults', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe
  let next = 1

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      health: { windowEvents: 20, minEvents: 5, degradedShare: 0.2 }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  const sendBatch = async (count: number): Promise<string[]> => {
    const payloads = Array.from({ length: count }, () => orderCompleted(next++))
    const response = await fetch(`${serve.url}/actions/trackConversion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ payloads })
    })
    return (await response.json()).results.map((result: { outcome: string }) => result.outcome)
  }
  const health = async () => {
    const response = await fetch(`${serve.url}/health`)
    return { http: response.status, ...(await response.json()) }
  }

  it('stays live when callers bring their own wrong settings', async () => {
    const { customers, credentials } = DEFAULT_SEED
    const settings = {
      customer_id: customers[0].id,
      account_id: customers[0].accounts[0].id,
      developer_token: 'WRONGTOKEN1',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: credentials.refreshToken
    }
    for (let round = 0; round < 3; round++) {
      const response = await fetch(`${serve.url}/actions/trackConversion`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ payloads: Array.from({ length: 5 }, () => orderCompleted(next++)), settings })
      })
      const outcomes = (await response.json()).results.map((result: { outcome: string }) => result.outcome)
      expect(outcomes).toEqual(Array(5).fill('auth'))
    }
    expect(await health()).toMatchObject({ http: 200, status: 'live', window: { events: 0 } })
  })

  it('goes live → degraded → down → live', async () => {
    expect(await sendBatch(20)).toEqual(Array(20).fill('delivered'))
    expect(await health()).toMatchObject({ http: 200, status: 'live', window: { events: 20, ok: 20 } })

    serve.emulator!.setFaults({ rate: 1, kinds: ['partialErrors'], routes: ['apply'], itemRate: 0.5, seed: 7 })
    const partial = await sendBatch(20)
    expect(partial).toContain('retry')
    expect(partial).toContain('delivered')
    expect(await health()).toMatchObject({ http: 200, status: 'degraded' })

    serve.emulator!.setFaults({ rate: 1, kinds: ['http500'], routes: ['apply'], seed: 7 })
    expect(await sendBatch(20)).toEqual(Array(20).fill('retry'))
    expect(await health()).toMatchObject({
      http: 503,
      status: 'down',
      ok: false,
      window: { events: 20, ok: 0, retry: 20 }
    })

    serve.emulator!.clearFaults()
    expect(await sendBatch(20)).toEqual(Array(20).fill('delivered'))
    expect(await health()).toMatchObject({ http: 200, status: 'live' })
  })
})
