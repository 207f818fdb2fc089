import { readFileSync, statSync } from 'fs'
import { join } from 'path'
import { temporaryDirectory } from '../../__tests__/helpers'
import { loadSettings } from '../load-settings'
import { fingerprint, TokenFile } from '../token-file'

describe('the token file', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())
  const credentials = {
    clientId: 'app',
    clientSecret: 's',
    refreshToken: 'configured-token-1',
    environment: 'production' as const
  }

  it("keeps the newest token of the configured token's chain, readable by its owner only", async () => {
    const file = new TokenFile(join(directory.path, 'nested', 'tokens.json'))
    expect(await file.load(credentials)).toBeUndefined()
    await file.save(credentials, 'rotated-token-2')
    expect(statSync(file.path).mode & 0o777).toBe(0o600)
    expect(await file.load(credentials)).toBe('rotated-token-2')
    // The manager saves with the credentials it was given (the configured token): the chain goes on.
    await file.save(credentials, 'rotated-token-3')
    expect(await file.load(credentials)).toBe('rotated-token-3')
    expect(JSON.parse(readFileSync(file.path, 'utf8')).tokens['production|app'].origin).toBe(
      fingerprint('configured-token-1')
    )
  })

  it('lets a newly pasted refresh token win over the stored chain', async () => {
    const file = new TokenFile(join(directory.path, 'pasted.json'))
    await file.save(credentials, 'rotated-token-2')
    expect(await file.load({ ...credentials, refreshToken: 'pasted-again-9' })).toBeUndefined()
  })

  it('serves a signed-in token when none is configured', async () => {
    const path = join(directory.path, 'login.json')
    await new TokenFile(path).saveSignedIn('production', 'app-id-1', 'signed-in-token')
    const loaded = await loadSettings({ env: { MSADS_CLIENT_ID: 'app-id-1', MSADS_TOKEN_FILE: path } })
    expect(loaded.settings.refresh_token).toBe('signed-in-token')
    expect(loaded.sources.refresh_token).toBe('token file')
  })
})
