import { DEFAULT_ACCOUNT_NAME } from '../config/accounts'
import { mkdirSync } from 'fs'
import { dirname } from 'path'
import type BetterSqlite3 from 'better-sqlite3'
import type { OutcomeKind } from '../../outcome'
import type { OriginalConversion, OriginalConversionLookup } from './original-conversion'
import type { ForwardEntry, ForwardFilter, ForwardRow, ForwardSource } from './forward-entry'
import { maskClickId } from './mask-click-id'
import { fileWriteError, isWriteFailureCode } from '../../support/write-all'
import type { SentCount, SentCountsSource } from '../diagnostics/sent-counts'

export interface ForwardLogRetention {
  /** Rows received longer ago than this are deleted. */
  maxAgeDays: number
  /** Past this many bytes of rows, the oldest rows are deleted. */
  maxBytes: number
}

export const DEFAULT_RETENTION: ForwardLogRetention = { maxAgeDays: 90, maxBytes: 256 * 2 ** 20 }

/** Retention is checked when the log opens and after every this many writes. */
const PRUNE_EVERY_WRITES = 500
export const MAX_PAGE = 500

/**
 * No index on click_id (logs made before had one, dropped on open): click ids are random, so each row's entry landed
 * on a page of its own, and a send of 300,000 events spent about a quarter of its time writing them (14,500 against
 * 18,700 events/s, docs/performance.md). A search by click id (`msads log --click-id`, the admin page) reads the
 * rows newest first instead, over a log bounded by its retention.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS forward_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received TEXT NOT NULL,
  updated TEXT NOT NULL,
  source TEXT NOT NULL,
  account TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  kind TEXT NOT NULL,
  goal TEXT,
  order_id TEXT,
  event_id TEXT,
  click_id TEXT,
  click_id_masked TEXT,
  hashed_email TEXT,
  hashed_phone TEXT,
  conversion_time TEXT,
  value REAL,
  currency TEXT,
  outcome TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT,
  code TEXT,
  tracking_id TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  event_key TEXT UNIQUE
);
CREATE INDEX IF NOT EXISTS forward_log_order ON forward_log (order_id);
CREATE INDEX IF NOT EXISTS forward_log_received ON forward_log (received);
DROP INDEX IF EXISTS forward_log_click;
`

/** The columns a reader sees: never the hashes, the click id only masked. */
const ROW_COLUMNS =
  'id, received, updated, source, account, action, target, goal, order_id, event_id, click_id_masked, ' +
  'conversion_time, value, currency, outcome, reason, message, code, tracking_id, attempts'

interface RawRow {
  id: number
  received: string
  updated: string
  source: ForwardSource
  account: string
  action: string
  target: string
  goal: string | null
  order_id: string | null
  event_id: string | null
  click_id_masked: string | null
  conversion_time: string | null
  value: number | null
  currency: string | null
  outcome: OutcomeKind
  reason: string
  message: string | null
  code: string | null
  tracking_id: string | null
  attempts: number
}

function toRow(raw: RawRow): ForwardRow {
  const row: ForwardRow = {
    id: raw.id,
    received: raw.received,
    updated: raw.updated,
    source: raw.source,
    account: raw.account,
    action: raw.action,
    target: raw.target,
    outcome: raw.outcome,
    reason: raw.reason,
    attempts: raw.attempts
  }
  const optional: Array<[keyof ForwardRow, string | number | null]> = [
    ['goal', raw.goal],
    ['orderId', raw.order_id],
    ['eventId', raw.event_id],
    ['clickId', raw.click_id_masked],
    ['conversionTime', raw.conversion_time],
    ['value', raw.value],
    ['currency', raw.currency],
    ['message', raw.message],
    ['code', raw.code],
    ['trackingId', raw.tracking_id]
  ]
  for (const [key, value] of optional) if (value !== null) (row as unknown as Record<string, unknown>)[key] = value
  return row
}

/** The idempotency key of an event with a messageId: the same event through the same target, in one account. */
export function eventKey(source: ForwardSource, account: string, eventId: string, target: string): string {
  return `${source}\u0000${account}\u0000${eventId}\u0000${target}`
}

/** An entry's values in the insert's order after `received` and `updated`: plain values, cheap to pass to a thread. */
export type ForwardEntryRow = Array<string | number | null>

export function entryRow(entry: ForwardEntry): ForwardEntryRow {
  return [
    entry.source,
    entry.account,
    entry.action,
    entry.target,
    entry.kind,
    entry.goal ?? null,
    entry.orderId ?? null,
    entry.eventId ?? null,
    entry.clickId ?? null,
    maskClickId(entry.clickId) ?? null,
    entry.hashedEmail ?? null,
    entry.hashedPhone ?? null,
    entry.conversionTime ?? null,
    typeof entry.value === 'number' && Number.isFinite(entry.value) ? entry.value : null,
    entry.currency ?? null,
    entry.outcome,
    entry.reason,
    entry.message ?? null,
    entry.code ?? null,
    entry.trackingId ?? null,
    entry.eventId ? eventKey(entry.source, entry.account, entry.eventId, entry.target) : null
  ]
}

function loadDatabase(): typeof BetterSqlite3 {
  // Loaded on first use: commands that never open the log do not pay for the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy load on purpose
  return require('better-sqlite3') as typeof BetterSqlite3
}

/** Runs a write to the log; a full or failing disk (SQLITE_FULL, SQLITE_IOERR, ENOSPC…) is thrown naming the file. */
function namingPath<T>(path: string, write: () => T): T {
  try {
    return write()
  } catch (error) {
    if (isWriteFailureCode((error as { code?: unknown } | undefined)?.code)) throw fileWriteError(path, error)
    throw error
  }
}

/**
 * The forward log: one row per event and target (what it was, where it went, what Microsoft answered, how many
 * attempts), in an SQLite file. It answers messageId idempotency (an event already delivered is not sent again)
 * and the refund lookup (what Microsoft accepted for an order id).
 */
export class ForwardLog implements OriginalConversionLookup {
  private readonly db: BetterSqlite3.Database
  private writes = 0
  private readonly statements: {
    insert: BetterSqlite3.Statement
    byKey: BetterSqlite3.Statement
    byOrder: BetterSqlite3.Statement
    pruneOlder: BetterSqlite3.Statement
    pruneOldest: BetterSqlite3.Statement
    count: BetterSqlite3.Statement
    pageSize: BetterSqlite3.Statement
    pageCount: BetterSqlite3.Statement
    freePages: BetterSqlite3.Statement
  }

  private constructor(
    readonly path: string,
    private readonly retention: ForwardLogRetention,
    private readonly now: () => number,
    prune: boolean
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
    const Database = loadDatabase()
    this.db = new Database(path)
    // WAL: a write is on disk when it returns (a kill -9 loses nothing written), and readers never block it.
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('busy_timeout = 5000')
    // 2 MiB of page cache (SQLite's own default; better-sqlite3 builds with 16 MiB): the log is written in order and
    // read by index, and a long send must not hold what it will not read again.
    this.db.pragma('cache_size = -2000')
    this.db.exec(SCHEMA)
    this.statements = {
      insert: this.db.prepare(
        `INSERT INTO forward_log (received, updated, source, account, action, target, kind, goal, order_id, event_id,
          click_id, click_id_masked, hashed_email, hashed_phone, conversion_time, value, currency, outcome, reason,
          message, code, tracking_id, attempts, event_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (event_key) DO UPDATE SET
          updated = excluded.updated, attempts = attempts + 1, outcome = excluded.outcome, reason = excluded.reason,
          message = excluded.message, code = excluded.code,
          tracking_id = COALESCE(excluded.tracking_id, tracking_id), goal = COALESCE(excluded.goal, goal),
          order_id = COALESCE(excluded.order_id, order_id), click_id = COALESCE(excluded.click_id, click_id),
          click_id_masked = COALESCE(excluded.click_id_masked, click_id_masked),
          hashed_email = COALESCE(excluded.hashed_email, hashed_email),
          hashed_phone = COALESCE(excluded.hashed_phone, hashed_phone),
          conversion_time = COALESCE(excluded.conversion_time, conversion_time),
          value = COALESCE(excluded.value, value), currency = COALESCE(excluded.currency, currency)
         WHERE forward_log.outcome <> 'delivered'`
      ),
      byKey: this.db.prepare(`SELECT ${ROW_COLUMNS} FROM forward_log WHERE event_key = ?`),
      byOrder: this.db.prepare(
        `SELECT account, goal, conversion_time, click_id, hashed_email, hashed_phone FROM forward_log
         WHERE order_id = ? AND kind = 'offline' AND outcome = 'delivered' AND goal IS NOT NULL
           AND conversion_time IS NOT NULL ORDER BY id`
      ),
      // Prepared once: a statement prepared per prune is freed only when the collector finalises it, and the
      // writer thread, which makes little garbage, held thousands of them (about 15 MB over 300,000 rows).
      pruneOlder: this.db.prepare('DELETE FROM forward_log WHERE received < ?'),
      pruneOldest: this.db.prepare(
        'DELETE FROM forward_log WHERE id IN (SELECT id FROM forward_log ORDER BY id LIMIT ?)'
      ),
      count: this.db.prepare('SELECT COUNT(*) FROM forward_log').pluck(),
      pageSize: this.db.prepare('PRAGMA page_size').pluck(),
      pageCount: this.db.prepare('PRAGMA page_count').pluck(),
      freePages: this.db.prepare('PRAGMA freelist_count').pluck()
    }
    if (prune) this.prune()
  }

  /** Opens (and creates) the log at `path`; `:memory:` for a log that lives as long as the process. */
  static open(
    path: string,
    options: { retention?: Partial<ForwardLogRetention>; now?: () => number; prune?: boolean } = {}
  ): ForwardLog {
    const retention = { ...DEFAULT_RETENTION, ...options.retention }
    return namingPath(path, () => new ForwardLog(path, retention, options.now ?? Date.now, options.prune ?? true))
  }

  /**
   * Records the outcome of events: a new row each, or, for an event with a messageId seen before through the same
   * target, one more attempt on its row. A delivered row is final: nothing overwrites it.
   */
  record(entries: readonly ForwardEntry[]): void {
    this.recordRows(entries.map(entryRow))
  }

  /** `record` of entries already made rows (`entryRow`): what the send path's writer thread receives. */
  recordRows(rows: readonly ForwardEntryRow[]): void {
    if (!rows.length) return
    const now = new Date(this.now()).toISOString()
    const write = this.db.transaction((list: readonly ForwardEntryRow[]) => {
      // Positional parameters: better-sqlite3 binds them without reading an object's keys per row.
      const insert = this.statements.insert
      for (const row of list) insert.run(now, now, ...row)
    })
    namingPath(this.path, () => write(rows))
    this.writes += rows.length
    if (this.writes >= PRUNE_EVERY_WRITES) {
      this.writes = 0
      this.prune()
    }
  }

  /** The row of an event already delivered through this target, if any (the idempotency answer). */
  delivered(source: ForwardSource, account: string, eventId: string, target: string): ForwardRow | undefined {
    const raw = this.statements.byKey.get(eventKey(source, account, eventId, target)) as RawRow | undefined
    return raw && raw.outcome === 'delivered' ? toRow(raw) : undefined
  }

  /** The row of an event through a target, whatever its outcome. */
  find(source: ForwardSource, account: string, eventId: string, target: string): ForwardRow | undefined {
    const raw = this.statements.byKey.get(eventKey(source, account, eventId, target)) as RawRow | undefined
    return raw && toRow(raw)
  }

  /** Rows newest first, filtered; page with `before` (the smallest id of the previous page). */
  query(filter: ForwardFilter = {}): ForwardRow[] {
    const where: string[] = []
    const values: Array<string | number> = []
    const equal = (column: string, value: string | undefined): void => {
      if (value === undefined) return
      where.push(`${column} = ?`)
      values.push(value)
    }
    equal('order_id', filter.orderId)
    equal('click_id', filter.clickId)
    equal('goal', filter.goal)
    equal('outcome', filter.outcome)
    equal('account', filter.account)
    if (filter.since !== undefined) {
      where.push('received >= ?')
      values.push(new Date(filter.since).toISOString())
    }
    if (filter.before !== undefined) {
      where.push('id < ?')
      values.push(filter.before)
    }
    const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 100)), MAX_PAGE)
    const sql =
      `SELECT ${ROW_COLUMNS} FROM forward_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY id DESC LIMIT ${limit}`
    return (this.db.prepare(sql).all(...values) as RawRow[]).map(toRow)
  }

  /** OriginalConversionLookup: every offline conversion Microsoft accepted for the order id, oldest first. */
  findByOrderId(orderId: string, account?: string): OriginalConversion[] {
    const rows = this.statements.byOrder.all(orderId) as Array<{
      account: string
      goal: string
      conversion_time: string
      click_id: string | null
      hashed_email: string | null
      hashed_phone: string | null
    }>
    return rows
      .filter((row) => row.account === (account ?? DEFAULT_ACCOUNT_NAME))
      .map((row) => ({
        account: row.account,
        conversionName: row.goal,
        conversionTime: row.conversion_time,
        ...(row.click_id ? { clickId: row.click_id } : {}),
        ...(row.hashed_email ? { hashedEmail: row.hashed_email } : {}),
        ...(row.hashed_phone ? { hashedPhone: row.hashed_phone } : {})
      }))
  }

  /**
   * What this log saw Microsoft accept for an account, per goal and UTC day of the answer: the offline conversions
   * and adjustments, as the diagnostics show them beside Microsoft's own counts.
   */
  sentCountsOf(account: string = DEFAULT_ACCOUNT_NAME): SentCountsSource {
    const query = this.db.prepare(
      `SELECT goal, substr(updated, 1, 10) AS date, COUNT(*) AS sent FROM forward_log
       WHERE account = ? AND outcome = 'delivered' AND kind IN ('offline', 'adjustment') AND goal IS NOT NULL
         AND substr(updated, 1, 10) BETWEEN ? AND ?
       GROUP BY goal, date ORDER BY date, goal`
    )
    return {
      sentCounts: ({ start, end }) => query.all(account, start, end) as SentCount[]
    }
  }

  /** Applies the retention: rows past the age go, then the oldest until the rows fit in the size. */
  prune(): void {
    const oldest = new Date(this.now() - this.retention.maxAgeDays * 86_400_000).toISOString()
    this.statements.pruneOlder.run(oldest)
    for (let round = 0; round < 64 && this.usedBytes() > this.retention.maxBytes; round += 1) {
      const count = this.count()
      if (!count) break
      this.statements.pruneOldest.run(Math.max(1, Math.ceil(count / 10)))
    }
  }

  /** Bytes the rows take in the file (pages in use, not the free ones a delete leaves for reuse). */
  usedBytes(): number {
    const { pageSize, pageCount, freePages } = this.statements
    return ((pageCount.get() as number) - (freePages.get() as number)) * (pageSize.get() as number)
  }

  count(): number {
    return this.statements.count.get() as number
  }

  close(): void {
    if (this.db.open) this.db.close()
  }
}
