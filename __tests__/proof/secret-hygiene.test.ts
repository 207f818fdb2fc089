import { Destination, defaultValues, type JSONObject, type SegmentEvent } from '@segment/actions-core'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { Readable } from 'stream'
import nock from 'nock'
import * as path from 'path'
import { processRouterDest, type ProxyV1Request } from '../../destinations/rudderstack'
import { generateMetadata } from '../../destinations/rudderstack/__tests__/data/common'
import { runDelivery, runProcessor } from '../../destinations/rudderstack/service-layer'
import segmentDestination from '../../destinations/segment'
import adjustConversion from '../../destinations/segment/adjustConversion'
import trackConversion from '../../destinations/segment/trackConversion'
import uetCapiEvent from '../../destinations/segment/uetCapiEvent'
import {
  CampaignClient,
  CapiClient,
  createLogger,
  deliverAdjustments,
  deliverCapiEvents,
  deliverOfflineConversions,
  ENDPOINT_ENV,
  oauthTokenSource,
  refreshWithGrant,
  TokenManager,
  type Logger
} from '../../src'
import { FAULT_KINDS, startEmulator, type RunningEmulator } from '../../src/emulator'
import { runSoak } from '../../bench/soak/soak'
import type { CliIo } from '../../src/cli/io'
import { runCli } from '../../src/cli/program'
import { startServe } from '../../src/cli/serve/start-serve'

/**
 * Every path run with recognisable fake secrets and personal data, against the emulator with every fault on, so
 * that successes, item errors, request faults, timeouts, refused tokens and bad input all produce their texts.
 * Everything a person or a log could see is captured: log lines (the core's sinks, stdout, stderr, console, the
 * command line's output), error messages, outcomes, Segment's MultiStatus bodies, RudderStack's job statuses and
 * proxy outputs, `msads serve` answers and /metrics, `msads send` summaries, the soak report, and every snapshot
 * file of the repository. None may hold a secret, an issued token, or the raw email
 * or phone (hashes are fine).
 */

const SECRETS = {
  clientSecret: 'PROOF~client~secret~7731',
  refreshToken: 'PROOF-refresh-token-9913',
  developerToken: 'PROOFDEVTOKEN4471',
  accessToken: 'PROOF-access-token-2287',
  capiToken: 'PROOF-capi-token-5521'
}
const PII = { email: 'Zelda.Proofreader+leak@Hyrule-Example.org', phone: '+1 (206) 555-0142' }
const NEEDLES = [
  ...Object.values(SECRETS),
  PII.email,
  PII.email.toLowerCase(),
  'zelda.proofreader',
  'zeldaproofreader',
  'Zelda.Proofreader',
  '206) 555-0142',
  '206-555-0142',
  '2065550142',
  '+12065550142'
]
/** Tokens the emulator issues (rotated refresh tokens, access tokens). */
const ISSUED_TOKEN = /(EwAemu\.|M\.emu\.)[A-Za-z0-9_-]{6}/

const CUSTOMER_ID = '100000001'
const ACCOUNT_ID = '200000001'
const TAG_ID = '400000001'
const CLIENT_ID = '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6'

/** What was captured, by where it came from. */
const captured: Array<{ where: string; text: string }> = []
const keep = (where: string, value: unknown): void => {
  captured.push({ where, text: typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)) })
}
const errorText = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error)

const logger: Logger = createLogger({ level: 'debug', sink: (line) => keep('core logger', line) })

let emulator: RunningEmulator
const restores: Array<() => void> = []

beforeAll(async () => {
  nock.enableNetConnect()
  emulator = await startEmulator({
    seed: {
      credentials: {
        clientId: CLIENT_ID,
        clientSecret: SECRETS.clientSecret,
        refreshToken: SECRETS.refreshToken,
        developerToken: SECRETS.developerToken,
        accessToken: SECRETS.accessToken
      },
      tags: [
        { id: TAG_ID, name: 'Proof tag', description: null, customerId: CUSTOMER_ID, capiToken: SECRETS.capiToken }
      ]
    }
  })
  process.env[ENDPOINT_ENV.all] = emulator.url
  for (const stream of [process.stdout, process.stderr] as const) {
    const original = stream.write.bind(stream)
    const name = stream === process.stdout ? 'stdout' : 'stderr'
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      keep(name, String(chunk))
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest)
    }
    restores.push(() => (stream.write = original))
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest
      .spyOn(console, method)
      .mockImplementation((...args: unknown[]) => keep(`console.${method}`, args.map(String).join(' ')))
    restores.push(() => spy.mockRestore())
  }
})

afterAll(async () => {
  for (const restore of restores.reverse()) restore()
  delete process.env[ENDPOINT_ENV.all]
  await emulator?.close()
})

function faultsOn(seed: number): void {
  emulator.setFaults({ rate: 0.5, kinds: [...FAULT_KINDS], seed, delayMs: 150, retryAfterSeconds: 1, itemRate: 0.5 })
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString()

/** Inputs with the personal data where it belongs, and where a mapping mistake would put it. */
function neutralInputs(n: number) {
  return [
    {
      conversionName: 'Purchase',
      conversionTime: hoursAgo(n + 1),
      email: PII.email,
      phone: PII.phone,
      value: 10,
      currency: 'USD'
    },
    {
      conversionName: 'Purchase',
      conversionTime: hoursAgo(n + 2),
      email: PII.email.replace('@', ''),
      phone: PII.phone
    },
    { conversionName: 'Purchase', conversionTime: hoursAgo(n + 3), email: PII.email, phone: `call ${PII.phone} now` },
    { conversionName: PII.email, conversionTime: hoursAgo(n + 4), email: PII.email },
    { conversionName: 'Purchase', conversionTime: hoursAgo(n + 5), clickId: { mapped: PII.email } },
    { conversionName: 'Purchase', conversionTime: hoursAgo(n + 6), email: PII.email, currency: PII.phone },
    { conversionName: 'Purchase', conversionTime: PII.phone, email: PII.email }
  ]
}

describe('secret and personal data hygiene on every path', () => {
  it('the core: offline conversions, adjustments, CAPI, token refreshes, goal queries', async () => {
    faultsOn(11)
    const credentials = { clientId: CLIENT_ID, clientSecret: SECRETS.clientSecret, refreshToken: SECRETS.refreshToken }
    const tokens = new TokenManager({ logger })
    const client = new CampaignClient({
      auth: {
        developerToken: SECRETS.developerToken,
        customerId: CUSTOMER_ID,
        accountId: ACCOUNT_ID,
        accessToken: oauthTokenSource(tokens, credentials)
      },
      timeoutMs: 100,
      logger
    })
    const capi = new CapiClient({ tagId: TAG_ID, token: SECRETS.capiToken, logger, timeoutMs: 100 })
    for (let round = 0; round < 8; round++) {
      keep(
        'core outcomes',
        await deliverOfflineConversions(neutralInputs(round * 10), client, { defaultPhoneCountry: 'US' })
      )
      keep(
        'core outcomes',
        await deliverAdjustments(
          [
            {
              adjustmentType: 'Retract',
              conversionName: 'Purchase',
              conversionTime: hoursAgo(round + 1),
              email: PII.email
            },
            { adjustmentType: 'Restate', conversionName: PII.email, transactionId: PII.phone, adjustmentValue: 5 }
          ],
          client
        )
      )
      keep(
        'core outcomes',
        await deliverCapiEvents(
          [
            {
              eventType: 'custom',
              eventId: `e${round}`,
              eventName: 'purchase',
              userData: { email: PII.email, phone: PII.phone, clientIpAddress: '203.0.113.9' }
            },
            {
              eventType: 'pageLoad',
              eventId: `p${round}`,
              eventSourceUrl: `mailto:${PII.email}`,
              userData: { email: PII.phone }
            }
          ],
          capi,
          { defaultPhoneCountry: 'US' }
        )
      )
      await client.getConversionGoals().then(
        (goals) => keep('core goals', goals),
        (error) => keep('core errors', errorText(error))
      )
    }
    emulator.clearFaults()
    await refreshWithGrant({ ...credentials, clientSecret: 'PROOF-wrong-secret-0000' }).catch((error) =>
      keep('core errors', errorText(error))
    )
    await refreshWithGrant({ ...credentials, refreshToken: `${SECRETS.refreshToken}-revoked` }).catch((error) =>
      keep('core errors', errorText(error))
    )
  })

  it('Segment: the three actions in batch and single mode, testAuthentication, refreshAccessToken', async () => {
    const destination = new Destination(segmentDestination)
    const settings = {
      customer_id: CUSTOMER_ID,
      account_id: ACCOUNT_ID,
      developer_token: SECRETS.developerToken,
      client_id: CLIENT_ID,
      client_secret: SECRETS.clientSecret,
      refresh_token: SECRETS.refreshToken,
      uet_tag_id: TAG_ID,
      uet_capi_token: SECRETS.capiToken,
      environment: 'production',
      consent_default: 'granted',
      default_phone_country: 'US'
    }
    const mappings: Record<string, JSONObject> = {
      trackConversion: { ...defaultValues(trackConversion.fields), conversion_name: { '@path': '$.properties.goal' } },
      adjustConversion: {
        ...defaultValues(adjustConversion.fields),
        adjustment_type: 'Retract',
        conversion_name: { '@path': '$.properties.goal' },
        conversion_time: { '@path': '$.properties.converted_at' }
      },
      uetCapiEvent: defaultValues(uetCapiEvent.fields)
    }
    const events = (n: number): SegmentEvent[] =>
      neutralInputs(n).map((input, i) => ({
        type: 'track',
        event: 'Order Completed',
        messageId: `m-${n}-${i}`,
        timestamp: String(input.conversionTime),
        properties: {
          goal: input.conversionName,
          order_id: `o-${n}-${i}`,
          revenue: 5,
          currency: input.currency ?? 'USD',
          converted_at: hoursAgo(n + 30),
          msclkid: input.clickId?.mapped
        },
        context: {
          traits: { email: input.email, phone: input.phone },
          page: { url: 'https://shop.example/checkout' },
          ip: '203.0.113.9'
        }
      })) as SegmentEvent[]
    const actionLogger = {
      info: (...args: unknown[]) => keep('actions-core logger', args),
      error: (...args: unknown[]) => keep('actions-core logger', args)
    }

    for (const [action, mapping] of Object.entries(mappings)) {
      faultsOn(21)
      // The platform's token first; then none, so that the destination mints and refreshes its own.
      for (const oauth of [{ access_token: SECRETS.accessToken, refresh_token: SECRETS.refreshToken }, undefined]) {
        const platform = {
          ...settings,
          ...(oauth ? { oauth } : {}),
          subscriptions: [{ partnerAction: action, subscribe: 'type = "track"', mapping }]
        } as unknown as JSONObject
        for (let round = 0; round < 4; round++) {
          await destination
            .onBatch(events(round * 10), platform, {
              logger: actionLogger as never,
              onTokenRefresh: async (t) => keep('ignored', t.accessToken.length)
            })
            .then(
              (results) => keep(`Segment ${action} multistatus`, results),
              (error) => keep(`Segment ${action} errors`, errorText(error))
            )
          for (const event of events(round * 10 + 5).slice(0, 4)) {
            await destination.onEvent(event, platform).then(
              (results) => keep(`Segment ${action} results`, results),
              (error) => keep(`Segment ${action} errors`, errorText(error))
            )
          }
        }
      }
    }
    emulator.clearFaults()
    await destination.testAuthentication(settings).then(
      () => keep('Segment auth', 'ok'),
      (error) => keep('Segment auth errors', errorText(error))
    )
    await destination
      .testAuthentication({ ...settings, client_secret: 'PROOF-wrong-secret-0000' })
      .catch((error) => keep('Segment auth errors', errorText(error)))
    await destination
      .refreshAccessToken(settings, {
        accessToken: SECRETS.accessToken,
        refreshToken: `${SECRETS.refreshToken}-revoked`,
        clientId: '',
        clientSecret: ''
      })
      .catch((error) => keep('Segment auth errors', errorText(error)))
  })

  it('RudderStack: processor, router and the delivery proxy', async () => {
    faultsOn(31)
    const config = {
      rudderAccountId: 'proof-account',
      customerId: CUSTOMER_ID,
      customerAccountId: ACCOUNT_ID,
      eventsToConversionGoals: [
        { from: 'Order Completed', to: 'Purchase' },
        { from: 'Lead', to: PII.email }
      ],
      adjustmentEvents: [{ from: 'Order Refunded', to: 'Retract' }],
      consentDefault: 'granted',
      defaultPhoneCountry: 'US',
      sendTrackEventsToCapi: true,
      uetTagId: TAG_ID,
      capiToken: SECRETS.capiToken
    }
    const destination = {
      ID: 'proof-destination',
      Name: 'Microsoft Ads Conversions',
      DestinationDefinition: {
        ID: 'd',
        Name: 'BINGADS_CONVERSIONS',
        DisplayName: 'Microsoft Ads Conversions',
        Config: {}
      },
      Config: config,
      Enabled: true,
      WorkspaceID: 'w',
      Transformations: []
    }
    const secret = {
      accessToken: SECRETS.accessToken,
      refreshToken: SECRETS.refreshToken,
      developer_token: SECRETS.developerToken
    }
    for (let round = 0; round < 6; round++) {
      const inputs = neutralInputs(round * 10).map((input, i) => ({
        message: {
          type: 'track',
          event: i === 3 ? 'Lead' : i === 6 ? 'Order Refunded' : 'Order Completed',
          messageId: `r-${round}-${i}`,
          timestamp: String(input.conversionTime),
          traits: { email: input.email, phone: input.phone },
          properties: {
            order_id: `o-${round}-${i}`,
            revenue: 5,
            currency: input.currency ?? 'USD',
            msclkid: input.clickId?.mapped
          },
          context: { ip: '203.0.113.9', page: { url: 'https://shop.example/' } }
        },
        metadata: generateMetadata(round * 100 + i + 1, { destinationId: 'proof-destination', secret }),
        destination
      }))
      const records = [PII.email, PII.phone, 'Purchase'].map((conversionName, i) => ({
        message: {
          type: 'record',
          action: ['insert', 'update', 'delete'][i],
          messageId: `rec-${round}-${i}`,
          fields: {
            conversionName,
            conversionTime: hoursAgo(round + 2),
            email: PII.email,
            phone: PII.phone,
            microsoftClickId: i === 2 ? PII.email : undefined,
            conversionValue: 3,
            ...(i === 0 && round % 2 ? { conversionCurrencyCode: PII.phone } : {})
          }
        },
        metadata: generateMetadata(round * 100 + 50 + i, { destinationId: 'proof-destination', secret }),
        destination
      }))
      inputs.push(...(records as unknown as typeof inputs))
      // rudder-transformer hands the job metadata (rudder-server's own OAuth secret included) back as it came.
      const failed = (await runProcessor(inputs)).body.filter((response) => response.statusCode !== 200)
      keep(
        'RudderStack processor',
        failed.map(({ metadata: _metadata, ...response }) => response)
      )
      for (const entry of await processRouterDest(inputs)) {
        if (!entry.batchedRequest) {
          keep('RudderStack router errors', { ...entry, destination: undefined, metadata: undefined })
          continue
        }
        // The batched request itself carries the tokens to Microsoft, as it must; what comes back may not.
        for (const request of [entry.batchedRequest].flat()) {
          const proxy: ProxyV1Request = {
            ...request,
            userId: '',
            metadata: entry.metadata.map((m) => ({
              jobId: m.jobId!,
              attemptNum: 1,
              userId: '',
              sourceId: 's',
              destinationId: 'proof-destination',
              workspaceId: 'w',
              secret: {},
              destInfo: m.destInfo,
              dontBatch: false
            })),
            destinationConfig: {}
          }
          keep('RudderStack proxy', (await runDelivery(proxy)).body)
        }
      }
    }
    emulator.clearFaults()
  })

  it('the command line: serve (actions, RudderStack, bad requests, /metrics), send (NDJSON and CSV) and auth test', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'msads-hygiene-'))
    const env = {
      MSADS_CUSTOMER_ID: CUSTOMER_ID,
      MSADS_ACCOUNT_ID: ACCOUNT_ID,
      MSADS_DEVELOPER_TOKEN: SECRETS.developerToken,
      MSADS_CLIENT_ID: CLIENT_ID,
      MSADS_CLIENT_SECRET: SECRETS.clientSecret,
      MSADS_REFRESH_TOKEN: SECRETS.refreshToken,
      MSADS_UET_TAG_ID: TAG_ID,
      MSADS_UET_CAPI_TOKEN: SECRETS.capiToken,
      MSADS_CONSENT_DEFAULT: 'granted',
      MSADS_DEFAULT_PHONE_COUNTRY: 'US',
      MSADS_TOKEN_FILE: path.join(directory, 'tokens.json')
    }
    const io = (stdin: Readable = Readable.from([])): CliIo => ({
      stdout: { write: (text: string) => keep('cli stdout', text) },
      stderr: { write: (text: string) => keep('cli stderr', text) },
      stdin,
      env
    })
    const post = async (url: string, body: unknown, raw?: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: raw ?? JSON.stringify(body)
      })
      keep(`serve ${new URL(url).pathname}`, `${response.status} ${await response.text()}`)
    }
    const serve = await startServe({
      port: 0,
      env,
      logDestination: { write: (line: string) => keep('serve request log', line) }
    })
    try {
      keep('serve banner', serve.banner)
      faultsOn(41)
      const payloads = neutralInputs(1).map((input, i) => ({
        type: 'track',
        event: 'Order Completed',
        messageId: `cli-${i}`,
        timestamp: String(input.conversionTime),
        properties: {
          goal: input.conversionName,
          order_id: `c-${i}`,
          revenue: 5,
          currency: input.currency ?? 'USD',
          msclkid: input.clickId?.mapped
        },
        context: { traits: { email: input.email, phone: input.phone }, ip: '203.0.113.9' }
      }))
      for (let round = 0; round < 3; round++) {
        await post(`${serve.url}/actions/trackConversion`, {
          payloads,
          mapping: { conversion_name: { '@path': '$.properties.goal' } },
          useDefaultMappings: true
        })
        await post(`${serve.url}/actions/trackConversion`, {
          payload: payloads[round],
          mapping: { conversion_name: { '@path': '$.properties.goal' } },
          useDefaultMappings: true
        })
        await post(`${serve.url}/actions/uetCapiEvent`, { payloads })
        await post(`${serve.url}/rudderstack/deliver`, { messages: payloads })
      }
      emulator.clearFaults()
      await post(`${serve.url}/actions/trackConversion`, undefined, `{"payload": {"email": "${PII.email}"`)
      await post(`${serve.url}/actions/trackConversion`, {
        payload: payloads[0],
        settings: { client_secret: SECRETS.clientSecret, api_base_url: PII.email }
      })
      await post(`${serve.url}/actions/${PII.email}`, { payload: payloads[0] })
      keep('serve /metrics', await (await fetch(`${serve.url}/metrics`)).text())
    } finally {
      await serve.close()
    }

    faultsOn(51)
    const ndjson = [
      ...neutralInputs(2).map((input, i) =>
        JSON.stringify({
          type: 'track',
          event: 'Order Completed',
          messageId: `s-${i}`,
          timestamp: input.conversionTime,
          properties: { revenue: 5, currency: input.currency, msclkid: input.clickId?.mapped },
          context: { traits: { email: input.email, phone: input.phone } }
        })
      ),
      `{"email": "${PII.email}"`,
      `"${PII.phone}"`
    ].join('\n')
    const csv = [
      'conversionName,conversionTime,email,phone,action,conversionCurrencyCode',
      ...neutralInputs(3).map((input, i) =>
        [
          input.conversionName,
          input.conversionTime,
          input.email ?? '',
          input.phone ?? '',
          i === 1 ? PII.email : 'insert',
          input.currency ?? 'USD'
        ]
          .map((cell) => `"${String(cell).replace(/"/g, '""')}"`)
          .join(',')
      ),
      `"unclosed,${PII.email}`
    ].join('\n')
    const ndjsonFile = path.join(directory, 'events.ndjson')
    const csvFile = path.join(directory, 'rows.csv')
    writeFileSync(ndjsonFile, ndjson)
    writeFileSync(csvFile, csv)
    // The rejects file holds the events themselves, on purpose (to send again after a fix); it is data, not a log.
    for (const args of [[ndjsonFile], [ndjsonFile, '--json'], [csvFile, '--json'], [csvFile], ['-', '--dry-run']]) {
      await runCli(
        [
          'send',
          ...args,
          '--no-progress',
          '--retries',
          '2',
          '--retry-wait-cap',
          '0',
          '--rejects',
          path.join(directory, 'rejects.jsonl')
        ],
        io(Readable.from([ndjson]))
      )
    }
    emulator.clearFaults()
    await runCli(['auth', 'test'], io())
    await runCli(['auth', 'test'], { ...io(), env: { ...env, MSADS_CLIENT_SECRET: 'PROOF-wrong-secret-0000' } })
    rmSync(directory, { recursive: true, force: true })
  })

  it('an emulator-backed soak report', async () => {
    keep('soak report', await runSoak({ events: 300, faultRate: 0.3, seed: 4, batchSize: 50, slowMs: 100 }))
  })

  it('none of it holds a secret, an issued token or the raw email or phone', () => {
    expect(captured.length).toBeGreaterThan(50)
    const leaks: string[] = []
    for (const { where, text } of captured) {
      const needle = NEEDLES.find((n) => text.includes(n)) ?? ISSUED_TOKEN.exec(text)?.[0]
      if (needle)
        leaks.push(
          `${where}: "${needle}" in ${text.slice(Math.max(0, text.indexOf(needle) - 150), text.indexOf(needle) + 80)}`
        )
    }
    expect(leaks).toEqual([])
  })

  it('no snapshot file of the repository holds a secret, an email address or a phone number', () => {
    const root = path.resolve(__dirname, '..', '..')
    const snapshots: string[] = []
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        if (name === 'node_modules' || name.startsWith('.') || name.startsWith('dist')) continue
        const file = path.join(dir, name)
        if (statSync(file).isDirectory()) walk(file)
        else if (name.endsWith('.snap')) snapshots.push(file)
      }
    }
    walk(root)
    expect(snapshots.length).toBeGreaterThan(0)
    for (const file of snapshots) {
      const text = readFileSync(file, 'utf8')
      expect({ file, email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/.exec(text)?.[0] }).toEqual({
        file,
        email: undefined
      })
      expect({ file, phone: /\+?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}/.exec(text)?.[0] }).toEqual({
        file,
        phone: undefined
      })
      expect({ file, bearer: /Bearer (?!<)[A-Za-z0-9._~+/-]{6,}/.exec(text)?.[0] }).toEqual({ file, bearer: undefined })
      expect({ file, issued: ISSUED_TOKEN.exec(text)?.[0] }).toEqual({ file, issued: undefined })
    }
  })
})
