import { HostTokens } from '../host-tokens'

describe('host tokens', () => {
  it('remember a refused grant for a while instead of asking the identity platform for every batch', async () => {
    let calls = 0
    const tokens = new HostTokens({
      transport: async () => {
        calls += 1
        return {
          status: 400,
          headers: {},
          body: JSON.stringify({
            error: 'invalid_grant',
            error_description: 'AADSTS70008: expired',
            error_codes: [70008]
          })
        }
      }
    })
    const settings = {
      client_id: '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6',
      client_secret: 'secret-value',
      refresh_token: 'revoked-token'
    }
    await expect(tokens.accessToken(settings)).rejects.toMatchObject({
      outcome: { outcome: 'auth', authAction: 'inactive' }
    })
    await expect(tokens.accessToken(settings)).rejects.toMatchObject({
      outcome: { outcome: 'auth', authAction: 'inactive' }
    })
    expect(calls).toBe(1)
    // A different refresh token (pasted anew) is tried at once.
    await expect(tokens.accessToken({ ...settings, refresh_token: 'another-token' })).rejects.toBeDefined()
    expect(calls).toBe(2)
  })
})
