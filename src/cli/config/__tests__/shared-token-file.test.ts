import { readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { startEmulator, DEFAULT_SEED, type RunningEmulator } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { TokenManager } from '../../../microsoft/oauth/token-manager'
import { temporaryDirectory } from '../../__tests__/helpers'
import { TokenFile } from '../token-file'

const credentials = {
  clientId: DEFAULT_SEED.credentials.clientId,
  clientSecret: DEFAULT_SEED.credentials.clientSecret,
  refreshToken: DEFAULT_SEED.credentials.refreshToken
}

function storedToken(path: string): string {
  return JSON.parse(readFileSync(path, 'utf8')).tokens[`production|${credentials.clientId}`].refreshToken
}

describe('one token file shared by two processes while Microsoft revokes rotated tokens', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  const previous = process.env[ENDPOINT_ENV.token]

  beforeAll(async () => {
    emulator = await startEmulator()
    emulator.setOptions({ revokeRotatedRefreshTokens: true })
    process.env[ENDPOINT_ENV.token] = `${emulator.url}/common/oauth2/v2.0/token`
  })
  afterAll(async () => {
    if (previous === undefined) delete process.env[ENDPOINT_ENV.token]
    else process.env[ENDPOINT_ENV.token] = previous
    await emulator.close()
    directory.remove()
  })

  it('each process takes the newer token from the file when its own was revoked, and the file keeps the newest', async () => {
    const path = join(directory.path, 'tokens.json')
    // Two managers, each with its own TokenFile object on one path: what two msads processes have.
    const first = new TokenManager({ store: new TokenFile(path) })
    const second = new TokenManager({ store: new TokenFile(path) })

    await first.getAccessToken(credentials)
    const afterFirst = storedToken(path)
    // The second process starts from the file: the configured token was revoked by the first rotation.
    await second.getAccessToken(credentials)
    const afterSecond = storedToken(path)
    expect(afterSecond).not.toBe(afterFirst)

    // The first process refreshes again with the token it holds, which the second's rotation revoked.
    await expect(first.refreshAfterFailure(credentials)).resolves.toEqual(expect.any(String))
    expect(storedToken(path)).not.toBe(afterSecond)
    await expect(second.refreshAfterFailure(credentials)).resolves.toEqual(expect.any(String))
    await expect(first.refreshAfterFailure(credentials)).resolves.toEqual(expect.any(String))
  })

  it('does not use a rotated token it could not save, and names the file', async () => {
    emulator.reset({ toStartupSeed: true })
    // A path under a regular file cannot be written, even by root: it stands in for a full disk.
    const blocker = join(directory.path, 'not-a-folder')
    writeFileSync(blocker, '')
    const path = join(blocker, 'tokens.json')
    let refreshes = 0
    const manager = new TokenManager({ store: new TokenFile(path), onRefresh: () => refreshes++ })
    await expect(manager.getAccessToken(credentials)).rejects.toThrow(`The token file ${path} could not be written`)
    // Nothing was cached from the refresh whose token could not be kept: the next call asks again.
    await expect(manager.getAccessToken(credentials)).rejects.toThrow(path)
    expect(refreshes).toBe(2)
  })
})
