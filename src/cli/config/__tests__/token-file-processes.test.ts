import type { ChildProcess } from 'child_process'
import { readFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, type RunningEmulator } from '../../../emulator'
import { demoEnv, orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { spawnServe } from '../../__tests__/serve-process'
import { segmentBatch } from '../../__tests__/webhook-senders'

const CALLER_TOKEN = 'caller-token-0123456789abcdef'

/** One Segment event through a server: its HTTP status and the outcome it answered. */
async function deliver(url: string, index: number): Promise<{ status: number; body: string }> {
  const request = segmentBatch([orderCompleted(index, Date.now())])
  const response = await fetch(`${url}/webhooks/segment`, {
    method: 'POST',
    headers: { ...request.headers, Authorization: `Bearer ${CALLER_TOKEN}` },
    body: request.body
  })
  return { status: response.status, body: await response.text() }
}

describe('two msads processes sharing one token file while Microsoft revokes each rotated refresh token', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  const children: ChildProcess[] = []

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    emulator.setOptions({ revokeRotatedRefreshTokens: true })
  })
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    await emulator.close()
    directory.remove()
  })

  it('each takes the newer token from the file when its own was revoked by the other, and every event is delivered', async () => {
    const tokenFile = join(directory.path, 'tokens.json')
    const env = {
      ...demoEnv(directory.path, { MSADS_TOKEN_FILE: tokenFile }),
      MSADS_API_BASE_URL: emulator.url,
      MSADS_SERVE_TOKEN: CALLER_TOKEN,
      LOG_LEVEL: 'silent'
    }
    const stored = (): string =>
      Object.values<{ refreshToken: string }>(JSON.parse(readFileSync(tokenFile, 'utf8')).tokens)[0].refreshToken
    const [first, second] = await Promise.all([
      spawnServe(env, ['--no-forward-log']),
      spawnServe(env, ['--no-forward-log'])
    ])
    children.push(first.child, second.child)

    // The first process rotates the configured token (which Microsoft revokes) and keeps the new one in the file;
    // the second starts from the file and rotates again, revoking the token the first holds.
    expect(await deliver(first.url, 1)).toMatchObject({ status: 200 })
    const afterFirst = stored()
    expect(await deliver(second.url, 2)).toMatchObject({ status: 200 })
    expect(stored()).not.toBe(afterFirst)

    // Access tokens expire: each process must refresh with a token the other revoked, then with the file's.
    for (let round = 0; round < 2; round++) {
      emulator.expireAccessTokens()
      const before = stored()
      expect(await deliver(first.url, 10 + round)).toMatchObject({ status: 200 })
      expect(stored()).not.toBe(before)
      emulator.expireAccessTokens()
      expect(await deliver(second.url, 20 + round)).toMatchObject({ status: 200 })
    }
    expect(emulator.state({ records: false }).offlineConversions.count).toBe(6)
  })
})
