import { writeFileSync } from 'fs'
import { join } from 'path'
import { DEFAULT_SEED, type SeedGoal, startEmulator, type RunningEmulator } from '../../../emulator'
import { memoryIo, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from '../../__tests__/helpers'
import { parseAccounts, settingsOfAccount } from '../../config/accounts'
import { runCli } from '../../program'
import { serveAccounts } from '../serve-accounts'
import { startServe, type RunningServe } from '../start-serve'

const CUSTOMER = DEFAULT_SEED.customers[0].id
const EAST = '200000001'
const WEST = '200000002'

/** The click ids the emulator holds for an account. */
function clicksOf(emulator: RunningEmulator, account: string): string[] {
  const records = (emulator.state().offlineConversions.records ?? {}) as Record<
    string,
    Array<{ item: { MicrosoftClickId?: string } }>
  >
  return (records[account] ?? []).map((record) => String(record.item.MicrosoftClickId)).sort()
}

const click = (index: number): string => index.toString(16).padStart(32, '0')

describe('several accounts in one config file', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let serve: RunningServe
  const config = join(directory.path, 'msads.json')

  beforeAll(async () => {
    const purchase = DEFAULT_SEED.goals.find((goal) => goal.name === 'Purchase') as SeedGoal
    emulator = await startEmulator({
      port: 0,
      seed: {
        customers: [
          {
            ...DEFAULT_SEED.customers[0],
            accounts: [
              { id: EAST, name: 'East', currencyCode: 'USD' },
              { id: WEST, name: 'West', currencyCode: 'USD' }
            ]
          }
        ],
        goals: [purchase, { ...purchase, id: '300000099', accountId: WEST }]
      }
    })
    const { credentials } = DEFAULT_SEED
    writeFileSync(
      config,
      JSON.stringify({
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        refresh_token: credentials.refreshToken,
        developer_token: credentials.developerToken,
        customer_id: CUSTOMER,
        consent_default: 'granted',
        accounts: { east: { account_id: EAST }, west: { account_id: WEST } },
        default_account: 'east'
      })
    )
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  const post = (path: string, body: unknown) =>
    fetch(`${serve.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(async (r) => ({ status: r.status, json: await r.json() }))

  it('serve routes each account to its own conversions; unprefixed routes use default_account', async () => {
    serve = await startServe({
      port: 0,
      configFile: config,
      env: { MSADS_TOKEN_FILE: join(directory.path, 'serve-tokens.json'), LOG_LEVEL: 'silent' }
    })
    try {
      expect(serve.mode).toBe('configured')
      expect(serve.accounts).toEqual(['east', 'west'])
      const west = await post('/accounts/west/actions/trackConversion', { payload: orderCompleted(1) })
      expect(west.json.results[0]).toMatchObject({ outcome: 'delivered' })
      const east = await post('/actions/trackConversion', { payload: orderCompleted(2) })
      expect(east.json.results[0]).toMatchObject({ outcome: 'delivered' })
      const rudder = await post('/accounts/west/rudderstack/deliver', {
        messages: [
          {
            type: 'track',
            event: 'Order Completed',
            timestamp: new Date(Date.now() - 60_000).toISOString(),
            properties: { order_id: 'r3', revenue: 3, currency: 'USD', msclkid: click(3) }
          }
        ]
      })
      expect(rudder.json.jobs[0]).toMatchObject({ outcome: 'delivered' })
      const unknown = await post('/accounts/north/actions/trackConversion', { payload: orderCompleted(4) })
      expect(unknown.status).toBe(404)
      expect(unknown.json.error.code).toBe('unknown_account')

      expect(clicksOf(emulator, WEST)).toEqual([click(1), click(3)])
      expect(clicksOf(emulator, EAST)).toEqual([click(2)])
      const metrics = await (await fetch(`${serve.url}/metrics`)).text()
      expect(metrics).toMatch(
        /msads_events_total\{action="trackConversion",outcome="delivered",reason="accepted",account="west"\} 1/
      )
      expect(metrics).toMatch(
        /msads_events_total\{action="rudderstack",outcome="delivered",reason="accepted",account="west"\} 1/
      )
      expect(metrics).toMatch(
        /msads_events_total\{action="trackConversion",outcome="delivered",reason="accepted",account="east"\} 1/
      )
    } finally {
      await serve.close()
    }
  })

  it('send --account sends to that account only; an unknown account is a config error', async () => {
    const input = join(directory.path, 'west.ndjson')
    writeFileSync(
      input,
      `${[orderCompleted(10), orderCompleted(11)].map((event) => JSON.stringify(event)).join('\n')}\n`
    )
    const env = { MSADS_TOKEN_FILE: join(directory.path, 'send-tokens.json') }
    const io = memoryIo(env)
    expect(await runCli(['send', input, '--config', config, '--account', 'west', '--no-progress'], io)).toBe(0)
    expect(clicksOf(emulator, WEST)).toEqual([click(1), click(3), click(10), click(11)].sort())
    expect(clicksOf(emulator, EAST)).toEqual([click(2)])

    const wrong = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'send-tokens.json') })
    expect(await runCli(['send', input, '--config', config, '--account', 'north', '--no-progress'], wrong)).not.toBe(0)
    expect(wrong.err()).toMatch(/no account "north".*east, west/)
  })

  it("goals list --account lists that account's goals", async () => {
    const io = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'goal-tokens.json') })
    expect(await runCli(['goals', 'list', '--config', config, '--account', 'west', '--json'], io)).toBe(0)
    expect(io.out()).toContain('300000099')
  })
})

describe('accounts of a config file', () => {
  it("lays an account's own settings over the shared ones", () => {
    const configured = parseAccounts(
      { accounts: { east: { account_id: ' 200000001 ' } }, default_account: 'east' },
      'msads.json'
    )
    expect(configured.defaultAccount).toBe('east')
    expect(settingsOfAccount({ customer_id: '1', account_id: '9' }, configured, 'east')).toEqual({
      customer_id: '1',
      account_id: '200000001'
    })
  })

  it('names the account and the rule of each mistake', () => {
    expect(() => parseAccounts({ accounts: { 'bad name': {} } }, 'f.json')).toThrow(/account name "bad name"/)
    expect(() => parseAccounts({ accounts: { east: { api_base_url: 'http://x' } } }, 'f.json')).toThrow(
      /accounts\.east\.api_base_url in f\.json is not a setting/
    )
    expect(() => parseAccounts({ accounts: { east: { account_id: { id: 1 } } } }, 'f.json')).toThrow(
      /accounts\.east\.account_id in f\.json must be a string/
    )
    expect(() => parseAccounts({ accounts: [] }, 'f.json')).toThrow(/accounts in f\.json must be an object/)
    expect(() => parseAccounts({ accounts: { east: {} }, default_account: 'west' }, 'f.json')).toThrow(
      /default_account "west".*east/
    )
  })

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'does not take %s, which every object inherits, for an account',
    (name) => {
      const configured = parseAccounts(JSON.parse('{"accounts":{"east":{"account_id":"200000001"}}}'), 'f.json')
      expect(() => settingsOfAccount({ customer_id: '1' }, configured, name)).toThrow(/There is no account/)
      expect(() => parseAccounts({ accounts: { east: {} }, default_account: name }, 'f.json')).toThrow(
        /is not one of accounts/
      )
      const { accounts } = serveAccounts({ customer_id: '1' }, configured, () => async () => ({
        status: 200,
        body: {}
      }))
      expect([...accounts.keys()]).toEqual(['default', 'east'])
    }
  )

  it('is chosen by --account only when the file defines it', async () => {
    const directory = temporaryDirectory()
    const file = join(directory.path, 'msads.json')
    writeFileSync(file, JSON.stringify({ accounts: { east: { account_id: '200000001' } } }))
    try {
      for (const name of ['toString', 'constructor']) {
        const io = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'tokens.json') })
        const code = await runCli(['goals', 'list', '--config', file, '--account', name, '--json'], io)
        expect(code).not.toBe(0)
        expect(io.err()).toContain(`no account "${name}"`)
      }
    } finally {
      directory.remove()
    }
  })
})
