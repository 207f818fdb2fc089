import Database from 'better-sqlite3'
import { join } from 'path'
import { runCli } from '../../program'
import { memoryIo, temporaryDirectory } from '../../__tests__/helpers'
import type { ForwardEntry } from '../forward-entry'
import { ForwardLog } from '../forward-log'
import { logFilter, parseSince } from '../log-filter'

const HASH = 'ec81f3ac7b2b19675bab9d54cf416f9f18cff87c97da5cca82c0f0891bc40602'
const CLICK = '0123456789abcdef0123456789abcdef'

const entry = (n: number, extra: Partial<ForwardEntry> = {}): ForwardEntry => ({
  source: 'segment',
  account: 'default',
  action: 'trackConversion',
  target: 'Purchase',
  kind: 'offline',
  goal: 'Purchase',
  orderId: `A-${n}`,
  eventId: `m-${n}`,
  clickId: CLICK,
  hashedEmail: HASH,
  conversionTime: '2026-12-07T10:00:00Z',
  value: 10 + n,
  currency: 'USD',
  outcome: 'delivered',
  reason: 'accepted',
  trackingId: `tracking-${n}`,
  ...extra
})

describe('the forward log', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('keeps one row per event and target: attempts count up until it is delivered, and a delivered row is final', () => {
    const log = ForwardLog.open(':memory:')
    log.record([entry(1, { outcome: 'retry', reason: 'server_error', trackingId: undefined })])
    log.record([entry(1, { outcome: 'retry', reason: 'rate_limited', trackingId: undefined })])
    expect(log.delivered('segment', 'default', 'm-1', 'Purchase')).toBeUndefined()
    log.record([entry(1)])
    log.record([entry(1, { outcome: 'rejected', reason: 'late' })])
    expect(log.query()).toMatchObject([{ eventId: 'm-1', outcome: 'delivered', attempts: 3, trackingId: 'tracking-1' }])
    expect(log.delivered('segment', 'default', 'm-1', 'Purchase')).toMatchObject({ trackingId: 'tracking-1' })
    // Another target, account or source is another row.
    log.record([entry(1, { target: 'Other' }), entry(1, { account: 'eu' }), entry(1, { source: 'send' })])
    expect(log.count()).toBe(4)
    log.close()
  })

  it('answers the refund lookup with what Microsoft accepted for the order, and shows no hash and no whole click id', () => {
    const log = ForwardLog.open(':memory:')
    log.record([
      entry(1),
      entry(2, { orderId: 'A-1', clickId: undefined, hashedPhone: HASH, conversionTime: '2026-12-07T11:00:00Z' }),
      entry(3, { orderId: 'A-1', outcome: 'rejected', reason: 'OfflineConversionNameInvalid' }),
      entry(4, { orderId: 'A-1', account: 'eu' })
    ])
    expect(log.findByOrderId('A-1', 'default')).toEqual([
      {
        account: 'default',
        conversionName: 'Purchase',
        conversionTime: '2026-12-07T10:00:00Z',
        clickId: CLICK,
        hashedEmail: HASH
      },
      {
        account: 'default',
        conversionName: 'Purchase',
        conversionTime: '2026-12-07T11:00:00Z',
        hashedEmail: HASH,
        hashedPhone: HASH
      }
    ])
    // No account named is the default account, as the seam says; another account's order stays its own.
    expect(log.findByOrderId('A-1')).toEqual(log.findByOrderId('A-1', 'default'))
    expect(log.findByOrderId('A-1', 'eu')).toMatchObject([{ account: 'eu' }])
    expect(log.findByOrderId('A-9')).toEqual([])
    const shown = JSON.stringify(log.query())
    expect(shown).not.toContain(HASH)
    expect(shown).not.toContain(CLICK)
    expect(log.query({ clickId: CLICK }).map((row) => row.clickId)).toEqual(Array(3).fill('0123…cdef'))
    log.close()
  })

  it('drops the click id index of a log made before (random keys made every write slow) and still finds rows by click id', () => {
    const path = join(directory.path, 'with-click-index.sqlite')
    ForwardLog.open(path).close()
    const before = new Database(path)
    before.exec('CREATE INDEX forward_log_click ON forward_log (click_id)')
    before.close()
    const log = ForwardLog.open(path)
    log.record([entry(1), entry(2, { clickId: 'ffffffffffffffffffffffffffffffff' }), entry(3)])
    expect(log.query({ clickId: CLICK }).map((row) => row.orderId)).toEqual(['A-3', 'A-1'])
    log.close()
    const after = new Database(path, { readonly: true })
    const indexes = after
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'forward_log'")
      .pluck()
      .all()
    after.close()
    expect(indexes).not.toContain('forward_log_click')
    expect(indexes).toEqual(expect.arrayContaining(['forward_log_order', 'forward_log_received']))
  })

  it('deletes rows past the age, then the oldest past the size', () => {
    let now = Date.parse('2026-12-01T00:00:00Z')
    const log = ForwardLog.open(join(directory.path, 'retention.sqlite'), {
      retention: { maxAgeDays: 30, maxBytes: 256 * 1024 },
      now: () => now
    })
    log.record(Array.from({ length: 10 }, (_, n) => entry(n)))
    now += 31 * 86_400_000
    log.record([entry(100)])
    log.prune()
    expect(log.query().map((row) => row.eventId)).toEqual(['m-100'])
    log.record(Array.from({ length: 5000 }, (_, n) => entry(1000 + n, { message: 'x'.repeat(200) })))
    log.prune()
    expect(log.usedBytes()).toBeLessThanOrEqual(256 * 1024)
    const kept = log.query({ limit: 1 })
    expect(kept[0].eventId).toBe('m-5999')
    expect(log.count()).toBeLessThan(5001)
    log.close()
  })

  it('reads filters as the command line and GET /log give them, naming a bad one', () => {
    const now = Date.parse('2026-12-07T12:00:00Z')
    expect(parseSince('24h', now)).toBe(now - 86_400_000)
    expect(parseSince('2026-12-01', now)).toBe(Date.parse('2026-12-01'))
    expect(parseSince('yesterday', now)).toMatch(/since must be a duration/)
    expect(logFilter({ outcome: 'lost' })).toMatch(/outcome must be one of/)
    expect(logFilter({ limit: '0' })).toMatch(/limit must be a positive whole number/)
    expect(logFilter({ orderId: 'A-1', since: '7d', limit: '5' }, now)).toEqual({
      orderId: 'A-1',
      since: now - 7 * 86_400_000,
      limit: 5
    })
  })
})

describe('msads log', () => {
  const directory = temporaryDirectory()
  const path = join(directory.path, 'log.sqlite')
  beforeAll(() => {
    const log = ForwardLog.open(path)
    log.record([
      entry(1),
      entry(2, { goal: 'Signup', outcome: 'rejected', reason: 'OfflineConversionNameInvalid', code: '5606' }),
      entry(3, { clickId: 'ffffffffffffffffffffffffffffffff' })
    ])
    log.close()
  })
  afterAll(() => directory.remove())

  const msads = async (...args: string[]) => {
    const io = memoryIo({ MSADS_FORWARD_LOG: path })
    const code = await runCli(['log', ...args], io)
    return { code, out: io.out(), err: io.err() }
  }

  it('prints a table, newest first, with the click id masked', async () => {
    const { code, out } = await msads()
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines[0]).toMatch(/^received\s+account\s+action\s+goal\s+order\s+click id/)
    expect(lines.slice(2).map((line) => /A-\d/.exec(line)?.[0])).toEqual(['A-3', 'A-2', 'A-1'])
    expect(out).toContain('ffff…ffff')
    expect(out).not.toContain(HASH)
  })

  it('filters by order id, click id, goal, outcome and since, and prints JSON lines with --json', async () => {
    const json = async (...args: string[]) =>
      (await msads(...args, '--json')).out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    expect((await json('--order-id', 'A-2')).map((row) => row.code)).toEqual(['5606'])
    expect((await json('--click-id', 'ffffffffffffffffffffffffffffffff')).map((row) => row.orderId)).toEqual(['A-3'])
    expect((await json('--goal', 'Signup')).map((row) => row.orderId)).toEqual(['A-2'])
    expect((await json('--outcome', 'delivered')).map((row) => row.orderId)).toEqual(['A-3', 'A-1'])
    expect(await json('--since', '1h')).toHaveLength(3)
    expect(await json('--since', '2099-01-01')).toEqual([])
  })

  it('names a bad filter, and a log that does not exist', async () => {
    expect(await msads('--outcome', 'lost')).toMatchObject({
      code: 2,
      err: expect.stringContaining('outcome must be one of')
    })
    const missing = await msads('--forward-log', join(directory.path, 'none.sqlite'))
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('there is no forward log') })
  })
})
