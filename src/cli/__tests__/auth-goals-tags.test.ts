import { readFileSync, rmSync, statSync, writeFileSync } from 'fs'
import { join } from 'path'
import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import {
  DEMO_SECRETS,
  demoEnv,
  memoryIo,
  orderCompleted,
  temporaryDirectory,
  useEmulatorEndpoints,
  type MemoryIo
} from './helpers'

async function waitFor(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!check()) throw new Error('timed out')
}

function printed(io: MemoryIo): string {
  return io.out() + io.err()
}

describe('msads auth, goals and tags against the emulator', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let run = 0
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  beforeEach(() => {
    env = demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${++run}.json`) })
  })
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  it('auth login prints the consent URL, takes the pasted redirect URL, and stores the refresh token (0600) without printing it', async () => {
    const { MSADS_REFRESH_TOKEN: _configured, ...withoutToken } = env
    const io = memoryIo(withoutToken)
    const login = runCli(['auth', 'login', '--redirect-uri', 'http://localhost:8765/callback'], io)

    await waitFor(() => /oauth2\/v2\.0\/authorize\?/.test(io.out()))
    const consentUrl = /(http:\/\/\S+\/oauth2\/v2\.0\/authorize\?\S+)/.exec(io.out())![1]
    const url = new URL(consentUrl)
    expect(url.origin).toBe(emulator.url)
    expect(url.searchParams.get('client_id')).toBe(DEFAULT_SEED.credentials.clientId)
    expect(url.searchParams.get('scope')).toBe('https://ads.microsoft.com/msads.manage offline_access')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')

    // The emulator signs the demo user in at once and redirects to the loopback redirect URI.
    const redirect = await fetch(consentUrl, { redirect: 'manual' })
    expect(redirect.status).toBe(302)
    io.stdin.write(`${redirect.headers.get('location')}\n`)
    expect(await login).toBe(0)

    const file = withoutToken.MSADS_TOKEN_FILE as string
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const stored = JSON.parse(readFileSync(file, 'utf8'))
    const [entry] = Object.values<{ refreshToken: string }>(stored.tokens)
    expect(entry.refreshToken).toMatch(/\S{10,}/)
    expect(printed(io)).not.toContain(entry.refreshToken)
    expect(emulator.state({ records: false }).tokens.codesRedeemed).toBe(1)

    // The stored token is what the other commands use when none is configured.
    const goals = memoryIo(withoutToken)
    expect(await runCli(['goals', 'list'], goals)).toBe(0)
    expect(goals.out()).toContain('Purchase')
    expect(printed(goals)).not.toContain(entry.refreshToken)
  })

  it('auth login refuses a redirect URL that answers another sign-in', async () => {
    const io = memoryIo(env)
    const login = runCli(['auth', 'login'], io)
    await waitFor(() => /authorize\?/.test(io.out()))
    io.stdin.write('http://localhost:8765/callback?code=abc&state=not-this-one\n')
    expect(await login).toBe(1)
    expect(io.err()).toMatch(/state does not match/)
  })

  it('auth test proves the chain, and names the credential at fault', async () => {
    const ok = memoryIo({ ...env, MSADS_UET_TAG_ID: '400000001' })
    expect(await runCli(['auth', 'test'], ok)).toBe(0)
    expect(ok.out()).toMatch(/ok\s+token refresh/)
    expect(ok.out()).toMatch(/ok\s+developer token, customer and account/)
    expect(ok.out()).toMatch(/ok\s+UET tag/)
    expect(ok.out()).toContain('Credentials work')

    const wrongSecret = memoryIo({ ...env, MSADS_CLIENT_SECRET: 'not-the-secret' })
    expect(await runCli(['auth', 'test'], wrongSecret)).toBe(1)
    expect(wrongSecret.err()).toContain('Credential at fault: client_secret')
    expect(printed(wrongSecret)).not.toContain('not-the-secret')

    const wrongDeveloperToken = memoryIo({ ...env, MSADS_DEVELOPER_TOKEN: 'WRONGTOKEN123' })
    expect(await runCli(['auth', 'test'], wrongDeveloperToken)).toBe(1)
    expect(wrongDeveloperToken.err()).toMatch(/Credential at fault: developer_token/)
    for (const secret of DEMO_SECRETS) expect(printed(ok) + printed(wrongSecret)).not.toContain(secret)
  })

  it('auth test and send use the same stored token: after a rotation that revoked the configured one, both work', async () => {
    emulator.setOptions({ revokeRotatedRefreshTokens: true })
    try {
      const events = join(directory.path, 'agree.ndjson')
      writeFileSync(events, `${JSON.stringify(orderCompleted(1, Date.now()))}\n`)
      const send = async (): Promise<number> => runCli(['send', events, '--no-progress'], memoryIo(env))
      // The first send rotates the refresh token, keeps the new one in the token file, and Microsoft revokes the old.
      expect(await send()).toBe(0)
      const stored = JSON.parse(readFileSync(env.MSADS_TOKEN_FILE as string, 'utf8'))
      expect(Object.values<{ refreshToken: string }>(stored.tokens)[0].refreshToken).not.toBe(env.MSADS_REFRESH_TOKEN)

      const test = memoryIo(env)
      expect(await runCli(['auth', 'test'], test)).toBe(0)
      expect(test.out()).toMatch(/ok\s+token refresh/)
      // auth test rotated the token again and kept it: send still works, on the token auth test left.
      expect(await send()).toBe(0)

      // With the token file gone, both fall back to the configured (revoked) token and both fail, naming it.
      rmSync(env.MSADS_TOKEN_FILE as string)
      const revoked = memoryIo(env)
      expect(await runCli(['auth', 'test'], revoked)).toBe(1)
      expect(revoked.err()).toContain('Credential at fault: refresh_token')
      const sendRevoked = memoryIo(env)
      expect(await runCli(['send', events, '--no-progress', '--json'], sendRevoked)).not.toBe(0)
      expect(sendRevoked.out()).toContain('invalid_grant')
    } finally {
      // A reset forgets the revocations (and the tokens issued): the seed's refresh token works again.
      emulator.setOptions({ revokeRotatedRefreshTokens: false })
      emulator.reset()
    }
  })

  it('auth test checks a configured UET CAPI token with a batch that records nothing, and names it when refused', async () => {
    const tag = { MSADS_UET_TAG_ID: '400000001' }
    const accepted = memoryIo({ ...env, ...tag, MSADS_UET_CAPI_TOKEN: 'emulator-demo-capi-token' })
    expect(await runCli(['auth', 'test'], accepted)).toBe(0)
    expect(accepted.out()).toMatch(/ok\s+Conversions API token \(uet_capi_token/)

    const refused = memoryIo({ ...env, ...tag, MSADS_UET_CAPI_TOKEN: 'not-the-tag-token' })
    expect(await runCli(['auth', 'test'], refused)).toBe(1)
    expect(refused.out()).toMatch(/FAIL Conversions API token \(uet_capi_token.*\(HTTP 401\)/)
    expect(refused.err()).toContain('Credential at fault: uet_capi_token or uet_tag_id')
    expect(printed(refused)).not.toContain('not-the-tag-token')
    expect(emulator.state().capiEvents.count).toBe(0)
  })

  it('goals list and create', async () => {
    const list = memoryIo(env)
    expect(await runCli(['goals', 'list'], list)).toBe(0)
    for (const goal of ['Purchase', 'Lead', 'Sign Up', 'Subscribe', 'Add to Cart']) expect(list.out()).toContain(goal)

    const create = memoryIo(env)
    expect(await runCli(['goals', 'create', 'Renewal', '--category', 'Subscribe', '--window-days', '30'], create)).toBe(
      0
    )
    expect(create.out()).toMatch(/Created offline conversion goal \d+ "Renewal"/)
    const goal = (emulator.state().goals as Array<Record<string, unknown>>).find(
      (candidate) => candidate.Name === 'Renewal'
    )
    expect(goal).toMatchObject({
      Type: 'OfflineConversion',
      GoalCategory: 'Subscribe',
      ConversionWindowInMinutes: 43_200
    })

    const duplicate = memoryIo(env)
    expect(await runCli(['goals', 'create', 'renewal'], duplicate)).toBe(1)
    expect(duplicate.err()).toMatch(/refused the goal/)

    const json = memoryIo(env)
    expect(await runCli(['goals', 'list', '--json'], json)).toBe(0)
    expect((JSON.parse(json.out()) as Array<{ Name: string }>).map((g) => g.Name)).toContain('Renewal')

    const badCategory = memoryIo(env)
    expect(await runCli(['goals', 'create', 'X', '--category', 'Download'], badCategory)).toBe(2)
  })

  it('tags list and create', async () => {
    const list = memoryIo(env)
    expect(await runCli(['tags', 'list'], list)).toBe(0)
    expect(list.out()).toContain('Emulator Demo Tag')

    const create = memoryIo(env)
    expect(await runCli(['tags', 'create', 'My shop', '--description', 'Storefront'], create)).toBe(0)
    expect(create.out()).toMatch(/Created UET tag \d+ "My shop"/)
    expect(emulator.state().uetTags.map((tag) => tag.Name)).toContain('My shop')
  })

  it('runs on an embedded emulator when no credentials are set, and says so', async () => {
    const io = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'none.json') })
    expect(await runCli(['goals', 'list'], io)).toBe(0)
    expect(io.err()).toMatch(/No Microsoft Advertising credentials found: running on the embedded emulator/)
  })

  it('auth test marks the check that failed, even when its call succeeded, and prints each check once', async () => {
    const io = memoryIo({ ...env, MSADS_UET_TAG_ID: '499999999' })
    expect(await runCli(['auth', 'test'], io)).toBe(1)
    const lines = io.out().trimEnd().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^ {2}ok {3}token refresh/),
      expect.stringMatching(/^ {2}ok {3}developer token, customer and account/),
      expect.stringMatching(/^ {2}FAIL UET tag \(uet_tag_id\) \(HTTP 200\)$/)
    ])
    expect(io.err()).toContain('Credential at fault: uet_tag_id')
  })
})
