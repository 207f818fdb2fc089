import { join } from 'path'
import { temporaryDirectory } from '../../__tests__/helpers'
import type { ForwardEntry } from '../forward-entry'
import { entryRow, ForwardLog } from '../forward-log'
import { ForwardLogThread, MAX_UNWRITTEN_ROWS } from '../forward-log-thread'

const entry = (n: number, extra: Partial<ForwardEntry> = {}): ForwardEntry => ({
  source: 'send',
  account: 'default',
  action: 'trackConversion',
  target: 'trackConversion (Track Conversion)',
  kind: 'offline',
  goal: 'Purchase',
  orderId: `A-${n}`,
  eventId: `m-${n}`,
  clickId: '0123456789abcdef0123456789abcdef',
  conversionTime: '2026-12-07T10:00:00Z',
  value: 10 + n,
  currency: 'USD',
  outcome: n % 3 ? 'delivered' : 'rejected',
  reason: n % 3 ? 'accepted' : 'invalid_input',
  ...extra
})

/** Rows as `msads log` reads them, without the times the two writers stamped. */
function rowsOf(path: string): unknown[] {
  const log = ForwardLog.open(path)
  try {
    return log
      .query({ limit: 500 })
      .map(({ received: _received, updated: _updated, ...row }) => row)
      .reverse()
  } finally {
    log.close()
  }
}

describe("the forward log's writer thread", () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('writes the rows ForwardLog.record writes, in order, every one of them by the time close returns', async () => {
    const entries = Array.from({ length: 450 }, (_, n) => entry(n))
    const direct = join(directory.path, 'direct.sqlite')
    const log = ForwardLog.open(direct)
    for (let start = 0; start < entries.length; start += 100) log.record(entries.slice(start, start + 100))
    log.close()

    const threaded = join(directory.path, 'threaded.sqlite')
    const thread = new ForwardLogThread(threaded)
    for (let start = 0; start < entries.length; start += 100)
      await thread.write(entries.slice(start, start + 100).map(entryRow))
    await thread.close()
    expect(rowsOf(threaded)).toHaveLength(450)
    expect(rowsOf(threaded)).toEqual(rowsOf(direct))
  })

  it('asks the sender to wait while too many rows are unwritten, and lets it go on once they are', async () => {
    const path = join(directory.path, 'behind.sqlite')
    const thread = new ForwardLogThread(path)
    const rows = Array.from({ length: MAX_UNWRITTEN_ROWS + 1 }, (_, n) => entryRow(entry(n)))
    expect(thread.write(rows.slice(0, MAX_UNWRITTEN_ROWS))).toBeUndefined()
    const waiting = thread.write(rows.slice(MAX_UNWRITTEN_ROWS))
    expect(waiting).toBeInstanceOf(Promise)
    await waiting
    await thread.close()
    expect(ForwardLog.open(path).count()).toBe(MAX_UNWRITTEN_ROWS + 1)
  })

  it('throws a write the thread could not make from close, naming the log, and from any later write', async () => {
    const path = join(directory.path, 'refused.sqlite')
    const thread = new ForwardLogThread(path)
    // The table refuses a row without an outcome (NOT NULL): the thread's transaction fails as a full disk would.
    const broken = entryRow(entry(1))
    broken[15] = null
    expect(thread.write([entryRow(entry(2)), broken])).toBeUndefined()
    await expect(thread.close()).rejects.toThrow(`The forward log (${path}) could not be written`)
    expect(() => thread.write([entryRow(entry(3))])).toThrow(path)
    expect(ForwardLog.open(path).count()).toBe(0)
  })
})
