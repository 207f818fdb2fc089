import { TokenManager } from '../oauth/token-manager'
import {
  fixedToken,
  oauthTokenSource,
  sendItemsWithFreshToken,
  throwingWithFreshToken,
  withFreshToken,
  type TokenSource
} from '../token-source'
import nock from 'nock'

beforeAll(() => nock.disableNetConnect())
afterEach(() => nock.cleanAll())
afterAll(() => nock.enableNetConnect())

/** A source whose tokens are `t1`, `t2`…; each refresh is recorded with the token it was told was refused. */
function countingSource(): TokenSource & { refusals: string[] } {
  let issued = 1
  const refusals: string[] = []
  return {
    refusals,
    get: async () => `t${issued}`,
    refreshAfterRefusal: async (refused) => {
      refusals.push(refused)
      issued += 1
      return `t${issued}`
    }
  }
}

describe('withFreshToken: the one "refresh once and retry"', () => {
  it('calls again once with the refreshed token, tells the source which token was refused, and never refreshes twice', async () => {
    const source = countingSource()
    const calls: string[] = []
    const result = await withFreshToken(source, {
      call: async (token) => {
        calls.push(token)
        return 'refused'
      },
      refused: (answer) => answer === 'refused',
      tokenFailure: () => 'no token'
    })
    expect(result).toBe('refused')
    expect(calls).toEqual(['t1', 't2'])
    expect(source.refusals).toEqual(['t1'])

    const accepted = await withFreshToken(source, {
      call: async (token) => (token === 't2' ? 'refused' : `ok with ${token}`),
      refused: (answer) => answer === 'refused',
      tokenFailure: () => 'no token'
    })
    expect(accepted).toBe('ok with t3')
  })

  it('leaves the refusal of a token it cannot refresh, and answers with why no token could be had', async () => {
    const calls: string[] = []
    const run = {
      call: async (token: string) => {
        calls.push(token)
        return 'refused'
      },
      refused: (answer: string) => answer === 'refused',
      tokenFailure: (error: unknown, first?: string) =>
        `failed: ${(error as Error).message} after ${first ?? 'nothing'}`
    }
    expect(await withFreshToken(fixedToken('pasted'), run)).toBe('refused')
    expect(calls).toEqual(['pasted'])

    const noToken: TokenSource = { get: () => Promise.reject(new Error('revoked')), refreshAfterRefusal: jest.fn() }
    expect(await withFreshToken(noToken, run)).toBe('failed: revoked after nothing')
    expect(calls).toHaveLength(1)

    const refreshFails: TokenSource = {
      get: async () => 'stale',
      refreshAfterRefusal: () => Promise.reject(new Error('identity platform down'))
    }
    expect(await withFreshToken(refreshFails, run)).toBe('failed: identity platform down after refused')
  })

  it('retries a thrown refusal, and nothing else', async () => {
    const refusal = Object.assign(new Error('expired'), { outcome: { outcome: 'auth', authAction: 'refresh' } })
    const source = countingSource()
    await expect(
      throwingWithFreshToken(source, async (token) => {
        if (token === 't1') throw refusal
        return token
      })
    ).resolves.toBe('t2')
    const other = Object.assign(new Error('bad input'), { outcome: { outcome: 'rejected' } })
    await expect(
      throwingWithFreshToken(
        source,
        () => Promise.reject(other),
        (error) => new Error(`wrapped ${String(error)}`)
      )
    ).rejects.toBe(other)
    expect(source.refusals).toEqual(['t1'])
  })

  it('shares one OAuth refresh between every caller refused with the same token', async () => {
    let grants = 0
    nock('https://login.microsoftonline.com')
      .persist()
      .post('/common/oauth2/v2.0/token')
      .reply(200, () => ({ access_token: `access-${++grants}`, refresh_token: 'rotated', expires_in: 3599 }))
    const credentials = { clientId: '3fa85f64-5717-4562-b3fc-2c963f66afa6', clientSecret: 's', refreshToken: 'r' }
    const source = oauthTokenSource(new TokenManager(), credentials)
    expect(await source.get()).toBe('access-1')
    const fresh = await Promise.all(Array.from({ length: 10 }, () => source.refreshAfterRefusal('access-1')))
    expect(new Set(fresh)).toEqual(new Set(['access-2']))
    expect(grants).toBe(2)
  })

  it('sends again only the items whose token was refused, each answer in its place; a failed refresh is their answer', async () => {
    const source = countingSource()
    const calls: string[] = []
    const run = {
      items: ['a', 'b', 'c', 'd'],
      send: async (items: readonly string[], token: string) => {
        calls.push(`${items.join('')}@${token}`)
        return items.map((item) => (token === 't1' && 'bd'.includes(item) ? `${item}:refused` : `${item}:${token}`))
      },
      refused: (answer: string) => answer.endsWith(':refused'),
      tokenFailure: (error: unknown, item: string) => `${item}:${(error as Error).message}`
    }
    expect(await sendItemsWithFreshToken(source, run)).toEqual(['a:t1', 'b:t2', 'c:t1', 'd:t2'])
    expect(calls).toEqual(['abcd@t1', 'bd@t2'])
    expect(source.refusals).toEqual(['t1'])

    const down: TokenSource = { get: async () => 't1', refreshAfterRefusal: () => Promise.reject(new Error('down')) }
    expect(await sendItemsWithFreshToken(down, run)).toEqual(['a:t1', 'b:down', 'c:t1', 'd:down'])
    const none: TokenSource = { get: () => Promise.reject(new Error('revoked')), refreshAfterRefusal: jest.fn() }
    expect(await sendItemsWithFreshToken(none, run)).toEqual(['a:revoked', 'b:revoked', 'c:revoked', 'd:revoked'])
  })
})
