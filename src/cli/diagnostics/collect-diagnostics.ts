import type { ConversionGoal } from '../../microsoft/models'
import {
  readOfflineConversionReport,
  type DayRange,
  type OfflineConversionReportSource
} from '../../microsoft/offline-conversion-report'
import { unattributedReasonInfo } from '../../microsoft/unattributed-reasons'
import { UsageError } from '../errors'
import type { SentCountsSource } from './sent-counts'

/** How far back the diagnostics read: Microsoft keeps offline conversions for 90 days. */
export const MAX_DIAGNOSTICS_DAYS = 90
/** Without --since: the last 7 days, today included. */
export const DEFAULT_DIAGNOSTICS_DAYS = 7

const DAY_MS = 86_400_000

export interface DiagnosticsReason {
  reason: string
  count: number
  /** What to do, from the core's table (src/microsoft/unattributed-reasons.ts). */
  action: string
}

/** One goal on one upload day. */
export interface DiagnosticsRow {
  goal: string
  goalId: string
  date: string
  /** Accepted by Microsoft and processed: attributed + unattributed. */
  accepted: number
  attributed: number
  unattributed: number
  /** By reason name. */
  reasons: DiagnosticsReason[]
  /** What this project recorded as delivered, when a record is kept; null otherwise. */
  sent: number | null
}

export interface DiagnosticsUploadDay {
  date: string
  /** Items the upload accepted (GetOfflineConversionReports SuccessCount) and refused (FailureCount). */
  succeeded: number
  failed: number
  fileUrl: string | null
  fileUrlExpiresAt: string | null
}

export interface DiagnosticsError {
  goal: string
  goalId: string
  code: number
  errorCode: string
  message: string
}

/** The stable shape of `msads diagnostics --json` and of serve's GET /diagnostics (docs/cli.md). */
export interface Diagnostics {
  version: 1
  range: DayRange
  goals: DiagnosticsRow[]
  uploads: DiagnosticsUploadDay[]
  errors: DiagnosticsError[]
  totals: { accepted: number; attributed: number; unattributed: number; sent: number | null }
}

/** The goals and the two report calls; CampaignClient has all three. */
export interface DiagnosticsClient extends OfflineConversionReportSource {
  getConversionGoals(options: { types?: Array<'OfflineConversion'> }): Promise<ConversionGoal[]>
}

export interface DiagnosticsOptions {
  /** First day, YYYY-MM-DD (UTC); default 6 days before today. */
  since?: string
  /** Goal names; default every offline goal of the account. */
  goals?: readonly string[]
  /** What this project sent, to show beside Microsoft's counts. */
  sent?: SentCountsSource
  now?: () => number
}

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** The days from --since to today, checked: a real date, not after today, not before Microsoft's 90 days. */
export function diagnosticsRange(since: string | undefined, now: number): DayRange {
  const end = dayOf(now)
  if (since === undefined) return { start: dayOf(now - (DEFAULT_DIAGNOSTICS_DAYS - 1) * DAY_MS), end }
  // A full ISO time with its offset names its UTC day.
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(since) && !Number.isNaN(Date.parse(since)))
    since = dayOf(Date.parse(since))
  const parsed = Date.parse(`${since}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(since) || Number.isNaN(parsed) || dayOf(parsed) !== since)
    throw new UsageError(`--since must be a date written YYYY-MM-DD, not "${since}".`)
  if (since > end) throw new UsageError(`--since ${since} is after today (${end}, UTC).`)
  const earliest = dayOf(now - (MAX_DIAGNOSTICS_DAYS - 1) * DAY_MS)
  if (since < earliest)
    throw new UsageError(
      `--since ${since} is more than ${MAX_DIAGNOSTICS_DAYS} days ago; Microsoft reports offline conversions of the last ${MAX_DIAGNOSTICS_DAYS} days (from ${earliest}).`
    )
  return { start: since, end }
}

/** The offline goals asked for, by name; a name the account does not have is an input error naming it. */
function selectGoals(all: readonly ConversionGoal[], names: readonly string[] | undefined): ConversionGoal[] {
  const offline = all.filter((goal) => goal.Id && goal.Name && goal.Type === 'OfflineConversion')
  if (!names?.length) return offline
  return [...new Set(names)].map((name) => {
    const goal = offline.find((candidate) => candidate.Name === name)
    if (!goal) {
      const known = offline.map((candidate) => `"${candidate.Name}"`).join(', ') || 'none'
      throw new UsageError(
        `--goal "${name}": the account has no offline conversion goal of that name (it has ${known}).`
      )
    }
    return goal
  })
}

function byGoalThenDate(a: { goal: string; date: string }, b: { goal: string; date: string }): number {
  return a.goal.localeCompare(b.goal) || a.date.localeCompare(b.date)
}

/**
 * Microsoft's processing results for the account's offline goals over the days asked for, per goal and upload day,
 * each unattributed reason with what to do, and, when a record of deliveries is given, what was sent beside them.
 */
export async function collectDiagnostics(
  client: DiagnosticsClient,
  options: DiagnosticsOptions = {}
): Promise<Diagnostics> {
  const now = options.now ?? Date.now
  const range = diagnosticsRange(options.since, now())
  const goals = selectGoals(await client.getConversionGoals({ types: ['OfflineConversion'] }), options.goals)
  const names = new Map(goals.map((goal) => [goal.Id as string, goal.Name as string]))
  const report = goals.length
    ? await readOfflineConversionReport(client, { goalIds: [...names.keys()], goalNames: names, range })
    : { range, goals: [], uploads: [], errors: [] }
  const sent = options.sent ? await options.sent.sentCounts(range) : undefined

  const rows = new Map<string, DiagnosticsRow>()
  for (const day of report.goals) {
    rows.set(`${day.goalId}\u0000${day.date}`, {
      goal: names.get(day.goalId) ?? day.goalName,
      goalId: day.goalId,
      date: day.date,
      accepted: day.attributed + day.unattributed,
      attributed: day.attributed,
      unattributed: day.unattributed,
      reasons: Object.entries(day.reasons)
        .filter(([, count]) => count > 0)
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([reason, count]) => ({ reason, count, action: unattributedReasonInfo(reason).action })),
      sent: sent ? 0 : null
    })
  }
  if (sent) {
    const idOf = new Map([...names].map(([id, name]) => [name, id]))
    for (const entry of sent) {
      const goalId = idOf.get(entry.goal)
      if (!goalId) continue
      const key = `${goalId}\u0000${entry.date}`
      const row = rows.get(key) ?? {
        goal: entry.goal,
        goalId,
        date: entry.date,
        accepted: 0,
        attributed: 0,
        unattributed: 0,
        reasons: [],
        sent: 0
      }
      row.sent = (row.sent ?? 0) + entry.sent
      rows.set(key, row)
    }
  }
  const goalRows = [...rows.values()].sort(byGoalThenDate)
  const sum = (pick: (row: DiagnosticsRow) => number) => goalRows.reduce((total, row) => total + pick(row), 0)
  return {
    version: 1,
    range,
    goals: goalRows,
    uploads: report.uploads.map((day) => ({
      date: day.date,
      succeeded: day.succeeded,
      failed: day.failed,
      fileUrl: day.fileUrl ?? null,
      fileUrlExpiresAt: day.fileUrlExpiresAt ?? null
    })),
    errors: report.errors
      .map((error) => ({ goal: names.get(error.goalId) ?? '', ...error }))
      .sort((a, b) => a.goal.localeCompare(b.goal) || a.code - b.code),
    totals: {
      accepted: sum((row) => row.accepted),
      attributed: sum((row) => row.attributed),
      unattributed: sum((row) => row.unattributed),
      sent: sent ? sum((row) => row.sent ?? 0) : null
    }
  }
}

/** The most recent day with accepted conversions, and the share of them Microsoft could not attribute. */
export function lastDayUnattributedShare(
  diagnostics: Diagnostics
): { date: string; accepted: number; unattributed: number; share: number } | undefined {
  const days = diagnostics.goals.filter((row) => row.accepted > 0).map((row) => row.date)
  if (!days.length) return undefined
  const date = days.sort().at(-1) as string
  const rows = diagnostics.goals.filter((row) => row.date === date)
  const accepted = rows.reduce((total, row) => total + row.accepted, 0)
  const unattributed = rows.reduce((total, row) => total + row.unattributed, 0)
  return { date, accepted, unattributed, share: unattributed / accepted }
}

/** JSON with every object's keys sorted, so that the same figures always print the same bytes. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2)
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
    )
  return value
}
