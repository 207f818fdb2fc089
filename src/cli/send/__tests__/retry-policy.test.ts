import { buildContext } from '../../../conversions/build-context'
import { buildOfflineConversion } from '../../../conversions/build-offline'
import type { Outcome } from '../../../outcome'
import { retryDelayMs, withRetries } from '../retry-policy'

describe('retries', () => {
  it('waits longer each time, at least what Microsoft asks for, never past the cap', () => {
    const policy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 10_000 }
    expect(retryDelayMs(policy, 1, undefined, () => 0.5)).toBe(1000)
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(4000)
    expect(retryDelayMs(policy, 1, 5, () => 0.5)).toBe(5000)
    expect(retryDelayMs(policy, 1, 60, () => 0.5)).toBe(10_000)
  })

  it('sends again only the transient events, a bounded number of times', async () => {
    const attempts: string[][] = []
    const outcomes = await withRetries(
      ['a', 'b', 'c'],
      async (items) => {
        attempts.push(items)
        return items.map((item) =>
          item === 'b' && attempts.length < 3
            ? { status: 503, outcome: 'retry', reason: 'server_error', message: '' }
            : item === 'c'
              ? { status: 429, outcome: 'retry', reason: 'rate_limited', message: '', retryAfterSeconds: 1 }
              : { status: 200, outcome: 'delivered', reason: 'accepted', message: '' }
        )
      },
      { retries: 3, baseDelayMs: 0, maxDelayMs: 0 }
    )
    expect(attempts).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b', 'c'], ['c']])
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered', 'retry'])
  })

  it('sends again an event whose fresh token was refused too (auth, refresh), never one a person must fix', async () => {
    const attempts: string[][] = []
    const outcomes = await withRetries(
      ['expired', 'inactive'],
      async (items) => {
        attempts.push(items)
        return items.map((item) =>
          item === 'inactive'
            ? { status: 403, outcome: 'auth', authAction: 'inactive', reason: 'invalid_grant', message: '' }
            : attempts.length < 2
              ? {
                  status: 401,
                  outcome: 'auth',
                  authAction: 'refresh',
                  reason: 'AuthenticationTokenExpired',
                  message: ''
                }
              : { status: 200, outcome: 'delivered', reason: 'accepted', message: '' }
        )
      },
      { retries: 3, baseDelayMs: 0, maxDelayMs: 0 }
    )
    expect(attempts).toEqual([['expired', 'inactive'], ['expired']])
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'auth'])
  })

  it('holds an event whose time is ahead of the clock in the queue until due, then sends the time it carries', async () => {
    let now = Date.UTC(2026, 10, 22, 12, 0, 0)
    const input = {
      conversionName: 'Purchase',
      conversionTime: new Date(now + 90_500).toISOString(),
      clickId: { mapped: 'f894f652ea334e739002f7167ab8f8e3' }
    }
    const sent: string[] = []
    const slept: number[] = []
    const outcomes = await withRetries(
      [input],
      async (items) =>
        items.map((item): Outcome => {
          const built = buildOfflineConversion(item, buildContext({ now: () => now }))
          if (!built.ok) return built.outcome
          sent.push(built.record.ConversionTime!)
          return { status: 200, outcome: 'delivered', reason: 'accepted', message: '' }
        }),
      {
        retries: 0,
        baseDelayMs: 0,
        maxDelayMs: 0,
        sleep: async (ms) => {
          slept.push(ms)
          now += ms
        }
      }
    )
    expect(slept).toEqual([90_000])
    expect(sent).toEqual(['2026-11-22T12:01:30.000Z'])
    expect(outcomes[0].outcome).toBe('delivered')
  })
})
