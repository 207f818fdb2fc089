import type { HostTokens } from '../host/host-tokens'
import { sendWithRefreshOnce, tokenRefused } from '../host/refresh-once'

/** Tokens that hand out `token-N`, counting refreshes; `fail` makes the fetch or the refresh throw. */
function fakeTokens(fail: { fetch?: Error; refresh?: Error } = {}) {
  let current = 1
  const refreshedAfter: string[] = []
  const tokens = {
    accessToken: async () => {
      if (fail.fetch) throw fail.fetch
      return `token-${current}`
    },
    refreshAfterFailure: async (_settings: unknown, refused: string) => {
      refreshedAfter.push(refused)
      if (fail.refresh) throw fail.refresh
      current += 1
      return `token-${current}`
    }
  }
  return { tokens: tokens as unknown as HostTokens, refreshedAfter }
}

type Answer = { item: string; token: string; outcome: 'delivered' | 'auth' | 'retry'; authAction?: 'refresh' }

/** Microsoft as these tests see it: it refuses token-1 for the items named in `refusedWithFirstToken`. */
function sender(refusedWithFirstToken: string[]) {
  const calls: Array<{ items: readonly string[]; token: string }> = []
  const send = async (items: readonly string[], token: string): Promise<Answer[]> => {
    calls.push({ items, token })
    return items.map((item) =>
      token === 'token-1' && refusedWithFirstToken.includes(item)
        ? { item, token, outcome: 'auth', authAction: 'refresh' }
        : { item, token, outcome: 'delivered' }
    )
  }
  return { send, calls }
}

const failed = (error: unknown, item: string): Answer => ({
  item,
  token: String((error as Error).message),
  outcome: 'retry'
})

describe('sending with one refresh of a refused token', () => {
  it('refreshes once and sends again only the items whose token was refused, keeping the order', async () => {
    const { tokens, refreshedAfter } = fakeTokens()
    const { send, calls } = sender(['b', 'd'])
    const answers = await sendWithRefreshOnce({
      tokens,
      settings: {},
      items: ['a', 'b', 'c', 'd'],
      send,
      refused: tokenRefused,
      tokenFailure: failed
    })
    expect(answers.map(({ item, token, outcome }) => `${item}:${token}:${outcome}`)).toEqual([
      'a:token-1:delivered',
      'b:token-2:delivered',
      'c:token-1:delivered',
      'd:token-2:delivered'
    ])
    expect(refreshedAfter).toEqual(['token-1'])
    expect(calls).toEqual([
      { items: ['a', 'b', 'c', 'd'], token: 'token-1' },
      { items: ['b', 'd'], token: 'token-2' }
    ])
  })

  it('never refreshes twice: a token refused again is the answer', async () => {
    const { tokens, refreshedAfter } = fakeTokens()
    const send = async (items: readonly string[], token: string): Promise<Answer[]> =>
      items.map((item) => ({ item, token, outcome: 'auth', authAction: 'refresh' }))
    const answers = await sendWithRefreshOnce({
      tokens,
      settings: {},
      items: ['a'],
      send,
      refused: tokenRefused,
      tokenFailure: failed
    })
    expect(answers).toEqual([{ item: 'a', token: 'token-2', outcome: 'auth', authAction: 'refresh' }])
    expect(refreshedAfter).toHaveLength(1)
  })

  it('gives the refused items the refresh failure, and the others their own answer', async () => {
    const { tokens } = fakeTokens({ refresh: new Error('grant revoked') })
    const { send } = sender(['b'])
    const answers = await sendWithRefreshOnce({
      tokens,
      settings: {},
      items: ['a', 'b'],
      send,
      refused: tokenRefused,
      tokenFailure: failed
    })
    expect(answers).toEqual([
      { item: 'a', token: 'token-1', outcome: 'delivered' },
      { item: 'b', token: 'grant revoked', outcome: 'retry' }
    ])
  })

  it('sends nothing when no token can be had: every item gets that failure', async () => {
    const { tokens } = fakeTokens({ fetch: new Error('no sign-in') })
    const { send, calls } = sender([])
    const answers = await sendWithRefreshOnce({
      tokens,
      settings: {},
      items: ['a', 'b'],
      send,
      refused: tokenRefused,
      tokenFailure: failed
    })
    expect(answers.map((answer) => answer.outcome)).toEqual(['retry', 'retry'])
    expect(calls).toHaveLength(0)
  })
})
