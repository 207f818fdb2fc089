import { spawn } from 'child_process'
import { readFileSync, statSync } from 'fs'
import { request } from 'http'
import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../../emulator'
import { ENDPOINT_ENV } from '../../microsoft/endpoints'
import { refreshWithGrant } from '../../microsoft/oauth'
import { startServe, type RunningServe } from '../serve/start-serve'
import {
  DEMO_SECRETS,
  demoEnv,
  orderCompleted,
  postJson as post,
  requestCount,
  temporaryDirectory,
  useEmulatorEndpoints
} from './helpers'

/** Runs the printed command line in a shell, as a person would paste it. */
function runInShell(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command])
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Sends a body of `size` bytes without waiting to be told it is too large, and reads the answer. */
function postLarge(url: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': size }
      },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      }
    )
    req.on('error', reject)
    req.end(Buffer.alloc(size, ' '))
  })
}

describe('msads serve on the embedded emulator', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      maxBodyBytes: 64 * 1024
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  it('says in one banner line that it runs on the emulator, and sets MSADS_API_BASE_URL to it', () => {
    expect(serve.mode).toBe('embedded')
    expect(serve.banner.filter((line) => /embedded emulator/.test(line))).toHaveLength(1)
    expect(process.env.MSADS_API_BASE_URL).toBe(serve.emulator!.url)
    expect(serve.banner.join('\n')).toContain(serve.sampleCurl)
  })

  it('the printed curl command delivers a sample purchase to the emulator', async () => {
    const result = await runInShell(serve.sampleCurl)
    expect(result.code).toBe(0)
    const body = JSON.parse(result.stdout)
    expect(body).toMatchObject({
      action: 'trackConversion',
      mode: 'single',
      results: [{ status: 200, outcome: 'delivered', reason: 'accepted' }]
    })
    expect(serve.emulator!.state().offlineConversions.count).toBe(1)
  })

  it("answers a batch with each event's own outcome", async () => {
    const now = Date.now()
    const payloads = [
      orderCompleted(1, now),
      orderCompleted(2, now, {
        properties: { order_id: 'o2', revenue: 5, currency: 'USD', msclkid: 'not-a-click-id' }
      }),
      orderCompleted(3, now, { context: { consent: { ad_storage: 'denied' } } }),
      orderCompleted(4, now, { timestamp: undefined })
    ]
    const answer = await post(`${serve.url}/actions/trackConversion`, {
      payloads,
      mapping: { conversion_name: 'Purchase' },
      useDefaultMappings: true
    })
    expect(answer.status).toBe(200)
    expect(
      answer.json.results.map((r: { outcome: string; reason: string; field?: string }) => [
        r.outcome,
        r.reason,
        r.field
      ])
    ).toEqual([
      ['delivered', 'accepted', undefined],
      ['rejected', 'invalid_input', 'microsoft_click_id'],
      ['skipped', 'ad_storage_consent_denied', undefined],
      ['rejected', 'invalid_input', 'conversion_time']
    ])

    const unknownGoal = await post(`${serve.url}/actions/trackConversion`, {
      payloads: [orderCompleted(5, now)],
      mapping: { conversion_name: 'No Such Goal' },
      useDefaultMappings: true
    })
    expect(unknownGoal.json.results[0]).toMatchObject({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      code: 5606
    })
  })

  it('refreshes an expired token once and retries the refused events', async () => {
    serve.emulator!.expireAccessTokens()
    const answer = await post(`${serve.url}/actions/trackConversion`, { payload: orderCompleted(6) })
    expect(answer.json.results).toEqual([expect.objectContaining({ outcome: 'delivered' })])
    const metrics = await (await fetch(`${serve.url}/metrics`)).text()
    expect(metrics).toMatch(/msads_token_refreshes_total\{result="ok"\} 2/)
  })

  it('gives bad requests a clear 4xx and keeps serving', async () => {
    const malformed = await post(`${serve.url}/actions/trackConversion`, undefined, '{"payload": ')
    expect(malformed.status).toBe(400)
    expect(malformed.json.error.code).toBe('malformed_json')

    const unknownAction = await post(`${serve.url}/actions/sendEmail`, { payload: {} })
    expect(unknownAction.status).toBe(404)
    expect(unknownAction.json.error.code).toBe('unknown_action')

    const unknownRoute = await post(`${serve.url}/nowhere`, {})
    expect(unknownRoute.status).toBe(404)

    const tooLarge = await postLarge(`${serve.url}/actions/trackConversion`, 200 * 1024)
    expect(tooLarge.status).toBe(413)
    expect(JSON.parse(tooLarge.body).error.code).toBe('body_too_large')

    const wrongMethod = await fetch(`${serve.url}/actions/trackConversion`)
    expect(wrongMethod.status).toBe(405)

    const health = await fetch(`${serve.url}/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ ok: true, mode: 'embedded' })
  })

  it('refuses endpoint overrides and unknown settings in a request, sending nothing', async () => {
    const before = requestCount(serve.emulator!, 'applyOfflineConversions')
    const answer = await post(`${serve.url}/actions/trackConversion`, {
      payload: orderCompleted(7),
      settings: { customer_id: '100000001', api_base_url: 'http://attacker.example' }
    })
    expect(answer.status).toBe(400)
    expect(answer.json.error).toMatchObject({ code: 'unknown_setting' })
    expect(answer.json.error.message).toContain('api_base_url')
    const partial = await post(`${serve.url}/actions/trackConversion`, {
      payload: orderCompleted(9),
      settings: { customer_id: '100000001' }
    })
    expect(partial.json.results[0]).toMatchObject({ outcome: 'rejected', reason: 'invalid_settings' })
    const extraKey = await post(`${serve.url}/actions/trackConversion`, {
      payload: orderCompleted(8),
      endpoint: 'http://attacker.example'
    })
    expect(extraKey.status).toBe(400)
    expect(requestCount(serve.emulator!, 'applyOfflineConversions')).toBe(before)
  })

  it('runs the other actions: a restatement and a Conversions API event', async () => {
    const now = Date.now()
    const restate = await post(`${serve.url}/actions/adjustConversion`, {
      payload: {
        type: 'track',
        event: 'Order Updated',
        timestamp: new Date(now - 60_000).toISOString(),
        properties: { order_id: 'order-1', revenue: 99, currency: 'USD' }
      }
    })
    expect(restate.json.results[0]).toMatchObject({ outcome: 'delivered' })
    const capi = await post(`${serve.url}/actions/uetCapiEvent`, {
      payload: {
        type: 'page',
        name: 'Home',
        messageId: 'page-1',
        userId: 'user-1',
        timestamp: new Date(now - 60_000).toISOString(),
        context: { page: { url: 'https://shop.example/' } }
      }
    })
    expect(capi.json.results[0]).toMatchObject({ outcome: 'delivered' })
    expect(serve.emulator!.state().capiEvents.count).toBe(1)
  })

  it('runs the RudderStack contracts and delivers end to end', async () => {
    const now = Date.now()
    const deliver = await post(`${serve.url}/rudderstack/deliver`, {
      messages: [
        {
          type: 'track',
          event: 'Order Completed',
          timestamp: new Date(now - 60_000).toISOString(),
          properties: { order_id: 'r1', revenue: 3, currency: 'USD', msclkid: 'abcdefabcdefabcdefabcdefabcdef01' }
        },
        { type: 'track', event: 'Unmapped Event', timestamp: new Date(now - 60_000).toISOString() },
        { type: 'record', action: 'insert', fields: { conversionName: 'Purchase' } }
      ]
    })
    expect(deliver.status).toBe(200)
    expect(
      deliver.json.jobs.map((job: { jobId: number; outcome: string; reason: string }) => [
        job.jobId,
        job.outcome,
        job.reason
      ])
    ).toEqual([
      [1, 'delivered', 'accepted'],
      [2, 'skipped', 'event_not_mapped'],
      [3, 'rejected', 'invalid_input']
    ])

    const destination = {
      ID: 'd1',
      Name: 'ms',
      DestinationDefinition: { ID: 'x', Name: 'BINGADS_CONVERSIONS', DisplayName: 'x', Config: {} },
      Config: {
        customerId: '100000001',
        customerAccountId: '200000001',
        eventsToConversionGoals: [{ from: 'Order Completed', to: 'Purchase' }]
      },
      Enabled: true,
      WorkspaceID: 'w',
      Transformations: []
    }
    const message = {
      type: 'track',
      event: 'Order Completed',
      timestamp: new Date(now - 60_000).toISOString(),
      properties: { msclkid: 'abcdefabcdefabcdefabcdefabcdef02' }
    }
    // rudder-server would put a fresh token of the connected account here (the seed's own was expired above).
    const { credentials } = DEFAULT_SEED
    const tokens = await refreshWithGrant({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      refreshToken: credentials.refreshToken
    })
    const metadata = {
      jobId: 7,
      sourceId: 's',
      workspaceId: 'w',
      destinationId: 'd1',
      secret: { accessToken: tokens.accessToken, developer_token: credentials.developerToken }
    }
    const processor = await post(`${serve.url}/rudderstack/v0/destinations/bingads_conversions`, [
      { message, metadata, destination }
    ])
    expect(processor.json[0]).toMatchObject({ statusCode: 200, output: { method: 'POST' } })
    const router = await post(`${serve.url}/rudderstack/routerTransform`, {
      destType: 'bingads_conversions',
      input: [{ message, metadata, destination }]
    })
    const output = router.json.output[0]
    expect(output).toMatchObject({ statusCode: 200, batched: true })
    const proxy = await post(`${serve.url}/rudderstack/v1/destinations/bingads_conversions/proxy`, {
      ...output.batchedRequest,
      metadata: output.metadata.map((m: Record<string, unknown>) => ({
        attemptNum: 0,
        userId: '',
        dontBatch: false,
        ...m
      })),
      destinationConfig: destination.Config
    })
    expect(proxy.status).toBe(200)
    expect(proxy.json.output.response).toEqual([expect.objectContaining({ statusCode: 200 })])
    const wrongType = await post(`${serve.url}/rudderstack/v0/destinations/google_ads`, [])
    expect(wrongType.status).toBe(404)

    // The proxy sends only to Microsoft's endpoints as the server resolves them, and /deliver only to its own account.
    const elsewhere = await post(`${serve.url}/rudderstack/v1/destinations/bingads_conversions/proxy`, {
      ...output.batchedRequest,
      endpoint: 'http://127.0.0.1:1/steal',
      metadata: [],
      destinationConfig: {}
    })
    expect(elsewhere.status).toBe(400)
    expect(elsewhere.json.error.code).toBe('endpoint_not_allowed')
    const otherAccount = await post(`${serve.url}/rudderstack/deliver`, {
      messages: [message],
      destinationConfig: { customerAccountId: '999' }
    })
    expect(otherAccount.status).toBe(400)
    const ownSecret = await post(`${serve.url}/rudderstack/deliver`, {
      input: [{ message, metadata: { secret: { accessToken: 'x' } } }]
    })
    expect(ownSecret.status).toBe(400)
  })

  it('exposes Prometheus metrics: events by action and outcome, Microsoft latency, token refreshes', async () => {
    const text = await (await fetch(`${serve.url}/metrics`)).text()
    expect(text).toMatch(
      /msads_events_total\{action="trackConversion",outcome="delivered",reason="accepted",account="default"\} [1-9]/
    )
    expect(text).toMatch(
      /msads_events_total\{action="trackConversion",outcome="rejected",reason="invalid_input",account="default"\} 2/
    )
    expect(text).toMatch(
      /msads_microsoft_request_duration_seconds_count\{operation="applyOfflineConversions",status="200"\} [1-9]/
    )
    expect(text).toMatch(/msads_microsoft_request_duration_seconds_count\{operation="capi",status="200"\} 1/)
    expect(text).toMatch(/msads_token_refreshes_total\{result="ok"\} [1-9]/)
    expect(text).toMatch(/msads_http_requests_total\{route="actions",status="400"\}/)
    for (const secret of DEMO_SECRETS) expect(text).not.toContain(secret)
  })
})

describe('msads serve with credentials in the environment', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let serve: RunningServe

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('uses them for requests without settings, and keeps the rotated refresh token in a 0600 file', async () => {
    serve = await startServe({ port: 0, env: demoEnv(directory.path, { LOG_LEVEL: 'silent' }) })
    try {
      expect(serve.mode).toBe('configured')
      expect(serve.emulator).toBeUndefined()
      expect(serve.banner[0]).toMatch(/credentials from environment/)
      const answer = await post(`${serve.url}/actions/trackConversion`, { payload: orderCompleted(1) })
      expect(answer.json.results[0]).toMatchObject({ outcome: 'delivered' })
      expect(emulator.state().offlineConversions.count).toBe(1)
      const file = `${directory.path}/tokens.json`
      expect(statSync(file).mode & 0o777).toBe(0o600)
      const stored = JSON.parse(readFileSync(file, 'utf8'))
      const [entry] = Object.values<{ refreshToken: string }>(stored.tokens)
      expect(entry.refreshToken).not.toBe(DEFAULT_SEED.credentials.refreshToken)
      for (const line of serve.banner) expect(line).not.toContain(entry.refreshToken)
    } finally {
      await serve.close()
    }
  })
})
