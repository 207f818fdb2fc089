import { existsSync, readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../../../emulator'
import { ENDPOINT_ENV, resolveEndpoints } from '../../../microsoft/endpoints'
import { demoEnv, temporaryDirectory } from '../../__tests__/helpers'
import { loadSettings } from '../../config/load-settings'
import { openSession } from '../open-session'

const DEMO_CUSTOMER = DEFAULT_SEED.customers[0].id

/** Whether anything still answers at `url` (a closed server refuses the connection). */
async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url)
    return true
  } catch {
    return false
  }
}

describe('openSession', () => {
  const directory = temporaryDirectory()
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  let run = 0
  const tokenFile = (): string => join(directory.path, `tokens-${++run}.json`)

  beforeEach(() => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
  })
  afterAll(() => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value
    directory.remove()
  })

  it('without credentials starts the embedded emulator, says so once, and close() stops it', async () => {
    const file = tokenFile()
    const loaded = await loadSettings({ env: { MSADS_TOKEN_FILE: file, MSADS_CONSENT_DEFAULT: 'denied' } })
    const lines: string[] = []
    const session = await openSession(loaded, { announce: (line) => lines.push(line) })
    const url = session.emulator?.url as string
    try {
      expect(session.mode).toBe('embedded')
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(lines).toEqual([session.notice])
      expect(session.notice).toContain(`on the embedded emulator at ${url} `)
      expect(process.env[ENDPOINT_ENV.all]).toBe(url)
      expect(session.endpoints.campaignBaseUrl.startsWith(url)).toBe(true)
      // The demo credentials stand in for the missing ones; the settings that are not credentials are kept.
      expect(session.settings).toMatchObject({
        customer_id: DEMO_CUSTOMER,
        client_id: DEFAULT_SEED.credentials.clientId,
        consent_default: 'denied'
      })
      expect(await session.tokens.accessToken(session.settings)).toEqual(expect.any(String))
      // The demo's rotated refresh token stays in memory.
      expect(existsSync(file)).toBe(false)
      expect(session.printedRequests()).toBeUndefined()
    } finally {
      await session.close()
    }
    expect(process.env[ENDPOINT_ENV.all]).toBeUndefined()
    expect(await answers(url)).toBe(false)
    await expect(session.close()).resolves.toBeUndefined()
  })

  it('pins the embedded emulator to --emulator-port', async () => {
    const probe = await startEmulator({ port: 0 })
    const port = probe.port
    await probe.close()
    const loaded = await loadSettings({ env: { MSADS_TOKEN_FILE: tokenFile() } })
    const session = await openSession(loaded, { emulatorPort: port })
    try {
      expect(session.emulator?.url).toBe(`http://127.0.0.1:${port}`)
    } finally {
      await session.close()
    }
  })

  describe('with credentials', () => {
    let emulator: RunningEmulator
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0 })
    })
    afterAll(() => emulator.close())

    it('talks to the endpoints of the environment, keeps the rotated refresh token, and starts nothing', async () => {
      // As a user points the command at an emulator of their own.
      process.env[ENDPOINT_ENV.all] = emulator.url
      const env = demoEnv(directory.path, { MSADS_TOKEN_FILE: tokenFile() })
      const loaded = await loadSettings({ env })
      const announced: string[] = []
      const session = await openSession(loaded, { announce: (line) => announced.push(line) })
      try {
        expect(session.mode).toBe('configured')
        expect(session.emulator).toBeUndefined()
        expect(session.notice).toBeUndefined()
        expect(announced).toEqual([])
        expect(session.settings).toBe(loaded.settings)
        expect(session.endpoints).toEqual(resolveEndpoints('production'))
        expect(await session.tokens.accessToken(session.settings)).toEqual(expect.any(String))
        const kept = JSON.parse(readFileSync(env.MSADS_TOKEN_FILE as string, 'utf8')) as { tokens: object }
        expect(Object.keys(kept.tokens)).toHaveLength(1)
      } finally {
        await session.close()
      }
      expect(process.env[ENDPOINT_ENV.all]).toBe(emulator.url)
      expect(await answers(`${emulator.url}/nothing`)).toBe(true)
    })

    it('counts the credentials of any account of the config file only when asked (serve)', async () => {
      const config = join(directory.path, 'accounts.json')
      writeFileSync(config, JSON.stringify({ accounts: { shop: { customer_id: DEMO_CUSTOMER } } }))
      const loaded = await loadSettings({ configFile: config, env: { MSADS_TOKEN_FILE: tokenFile() } })
      const serving = await openSession(loaded, { anyAccount: true })
      expect(serving.mode).toBe('configured')
      await serving.close()
      const sending = await openSession(loaded)
      try {
        expect(sending.mode).toBe('embedded')
      } finally {
        await sending.close()
      }
    })
  })

  it('in a dry run points every endpoint at a sink that prints the requests, and close() stops it', async () => {
    const loaded = await loadSettings({ env: { MSADS_TOKEN_FILE: tokenFile(), MSADS_ENVIRONMENT: 'sandbox' } })
    let printed = ''
    const session = await openSession(loaded, { dryRun: { print: (text) => (printed += text) } })
    const sink = process.env[ENDPOINT_ENV.all] as string
    try {
      expect(session.mode).toBe('dry-run')
      expect(session.emulator).toBeUndefined()
      expect(sink).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(session.settings).toMatchObject({ customer_id: DEMO_CUSTOMER, environment: 'sandbox' })
      const apply = `${session.endpoints.campaignBaseUrl}OfflineConversions/Apply`
      expect(apply.startsWith(sink)).toBe(true)
      const answer = await fetch(apply, { method: 'POST', body: JSON.stringify({ OfflineConversions: [] }) })
      expect(await answer.json()).toEqual({ PartialErrors: [] })
      expect(printed).toContain(
        'POST https://campaign.api.sandbox.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply'
      )
      expect(session.printedRequests()).toBe(1)
    } finally {
      await session.close()
    }
    expect(process.env[ENDPOINT_ENV.all]).toBeUndefined()
    expect(await answers(sink)).toBe(false)
  })

  it('for a command that sends nothing (export-csv) starts nothing and keeps the settings as loaded', async () => {
    const loaded = await loadSettings({ env: { MSADS_TOKEN_FILE: tokenFile(), MSADS_CONSENT_DEFAULT: 'denied' } })
    const announced: string[] = []
    const session = await openSession(loaded, { offline: true, announce: (line) => announced.push(line) })
    expect(session.mode).toBe('offline')
    expect(session.emulator).toBeUndefined()
    expect(session.settings).toEqual({ consent_default: 'denied' })
    expect(process.env[ENDPOINT_ENV.all]).toBeUndefined()
    expect(announced).toEqual([])
    await session.close()
  })
})
