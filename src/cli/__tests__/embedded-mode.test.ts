/**
 * Without credentials every command that talks to Microsoft runs on an embedded emulator, says so in one line, and
 * keeps the settings the user gave that are not credentials; `--emulator-port` pins the emulator's port.
 */
import { writeFileSync } from 'fs'
import { createServer } from 'net'
import { join } from 'path'
import { sha256Hex } from '../../conversions/sha256'
import { ENDPOINT_ENV } from '../../microsoft/endpoints'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { samplePurchase } from '../serve/sample-request'
import { startServe } from '../serve/start-serve'
import { memoryIo, orderCompleted, temporaryDirectory } from './helpers'

const NOTICE =
  /^No Microsoft Advertising credentials found: running on the embedded emulator at http:\/\/127\.0\.0\.1:\d+ /

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe('commands without credentials', () => {
  const directory = temporaryDirectory()
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  let run = 0
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`),
    ...extra
  })
  beforeEach(() => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
  })
  afterEach(() => {
    // Each command puts the endpoints back as it found them: unset.
    for (const name of Object.values(ENDPOINT_ENV)) expect(process.env[name]).toBeUndefined()
  })
  afterAll(() => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value
    directory.remove()
  })

  it('goals list runs on the embedded emulator and says so in one line', async () => {
    const io = memoryIo(env())
    expect(await runCli(['goals', 'list'], io)).toBe(0)
    expect(io.err()).toMatch(NOTICE)
    expect(io.err().trim().split('\n')).toHaveLength(1)
    for (const goal of ['Purchase', 'Lead', 'Sign Up', 'Subscribe', 'Add to Cart']) expect(io.out()).toContain(goal)
  })

  it('goals create, tags list and tags create run on it too', async () => {
    const create = memoryIo(env())
    expect(await runCli(['goals', 'create', 'Renewal', '--category', 'Subscribe'], create)).toBe(0)
    expect(create.out()).toMatch(/Created offline conversion goal \d+ "Renewal"/)
    const tags = memoryIo(env())
    expect(await runCli(['tags', 'list'], tags)).toBe(0)
    expect(tags.out()).toContain('Emulator Demo Tag')
    const tag = memoryIo(env())
    expect(await runCli(['tags', 'create', 'My shop'], tag)).toBe(0)
    for (const io of [create, tags, tag]) expect(io.err()).toMatch(NOTICE)
  })

  it('auth test proves the chain on it, printing each check once', async () => {
    const io = memoryIo(env())
    expect(await runCli(['auth', 'test'], io)).toBe(0)
    expect(io.err()).toMatch(NOTICE)
    const lines = io.out().trim().split('\n')
    expect(lines.filter((line) => line.includes('token refresh'))).toHaveLength(1)
    expect(lines.filter((line) => line.includes('UET tag (uet_tag_id)'))).toHaveLength(1)
    expect(lines.filter((line) => /FAIL/.test(line))).toEqual([])
    expect(lines.at(-1)).toMatch(/^Credentials work on the embedded emulator \(production\)/)
  })

  it.each([
    ['goals', 'list'],
    ['tags', 'list'],
    ['auth', 'test'],
    ['send', 'events.ndjson']
  ])('--emulator-port pins the embedded emulator of %s %s', async (...command) => {
    writeFileSync(join(directory.path, 'events.ndjson'), `${JSON.stringify(orderCompleted(1))}\n`)
    const port = await freePort()
    const args =
      command[1] === 'events.ndjson' ? ['send', join(directory.path, 'events.ndjson'), '--no-progress'] : command
    const io = memoryIo(env())
    expect(await runCli([...args, '--emulator-port', String(port)], io)).toBe(0)
    expect(io.err()).toContain(`on the embedded emulator at http://127.0.0.1:${port} `)
  })

  it('refuses an --emulator-port that is not a port, as a usage error', async () => {
    const io = memoryIo(env())
    expect(await runCli(['goals', 'list', '--emulator-port', '70000'], io)).toBe(2)
    expect(io.err()).toMatch(/--emulator-port/)
  })

  it('serve pins its embedded emulator with --emulator-port and keeps MSADS_CONSENT_DEFAULT=denied', async () => {
    const port = await freePort()
    const serve = await startServe({ port: 0, env: env({ MSADS_CONSENT_DEFAULT: 'denied' }), emulatorPort: port })
    try {
      expect(serve.emulator?.url).toBe(`http://127.0.0.1:${port}`)
      const response = await fetch(`${serve.url}/actions/trackConversion`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ payload: samplePurchase() })
      })
      const body = (await response.json()) as { results: Array<{ outcome: string; reason: string }> }
      expect(body.results[0]).toMatchObject({ outcome: 'skipped', reason: 'ad_storage_consent_denied' })
      expect(serve.emulator?.state({ records: false }).offlineConversions.count).toBe(0)
    } finally {
      await serve.close()
    }
  })

  describe('send keeps the non-credential settings', () => {
    const now = Date.now()
    const withPhone = { ...orderCompleted(1, now), context: { traits: { phone: '(425) 555-0100' } } }

    async function send(extra: NodeJS.ProcessEnv, event: Record<string, unknown>, flags: string[] = []) {
      const file = join(directory.path, `keep-${++run}.ndjson`)
      writeFileSync(file, `${JSON.stringify(event)}\n`)
      const io = memoryIo(env(extra))
      const code = await runCli(['send', file, '--json', '--no-progress', ...flags], io)
      const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
      return { code, io, summary }
    }

    it.each([[[]], [['--dry-run']]])('MSADS_CONSENT_DEFAULT=denied is honoured (flags %j)', async (flags) => {
      const { summary } = await send({ MSADS_CONSENT_DEFAULT: 'denied' }, orderCompleted(1, now), flags)
      expect(summary.outcomes).toEqual({ skipped: { ad_storage_consent_denied: 1 } })
    })

    it('unset, the demo default keeps sending', async () => {
      const { summary } = await send({}, orderCompleted(1, now))
      expect(summary).toMatchObject({ mode: 'embedded', outcomes: { delivered: { accepted: 1 } } })
    })

    it('MSADS_DEFAULT_PHONE_COUNTRY=US reads a national number, embedded and in a dry run', async () => {
      // Without a country the national number cannot be read: the phone is dropped and the click id still counts.
      const without = await send({}, withPhone, ['--dry-run'])
      expect(without.summary.outcomes).toEqual({ skipped: { dry_run: 1 } })
      expect(without.io.out()).not.toContain(sha256Hex('+14255550100'))

      const embedded = await send({ MSADS_DEFAULT_PHONE_COUNTRY: 'US' }, withPhone)
      expect(embedded.summary).toMatchObject({ mode: 'embedded', outcomes: { delivered: { accepted: 1 } } })

      const dryRun = await send({ MSADS_DEFAULT_PHONE_COUNTRY: 'US' }, withPhone, ['--dry-run'])
      expect(dryRun.summary.mode).toBe('dry-run')
      expect(dryRun.io.out()).toContain(sha256Hex('+14255550100'))
    })

    it('MSADS_ENVIRONMENT=sandbox shows sandbox URLs in a dry run', async () => {
      const { io } = await send({ MSADS_ENVIRONMENT: 'sandbox' }, orderCompleted(1, now), ['--dry-run'])
      expect(io.out()).toMatch(/POST https:\/\/campaign\.api\.sandbox\.bingads\.microsoft\.com\//)
    })
  })

  it('export-csv says in one line that it needs no credentials, and counts rows as exported', async () => {
    const file = join(directory.path, 'export.ndjson')
    writeFileSync(file, `${JSON.stringify(orderCompleted(1))}\n`)
    const io = memoryIo(env())
    expect(await runCli(['export-csv', file, '--output', join(directory.path, 'bulk.csv')], io)).toBe(0)
    expect(io.err()).toMatch(/^No Microsoft Advertising credentials found: none are needed to write a Bulk file/)
    expect(io.err()).toMatch(/exported\s+written\s+1/)
    expect(io.err()).not.toMatch(/delivered/)
  })
})
