import { chunk } from './chunk'
import type {
  BatchError,
  DailySummary,
  GetOfflineConversionReportByGoalIdsRequest,
  GetOfflineConversionReportByGoalIdsResponse,
  GetOfflineConversionReportsRequest,
  GetOfflineConversionReportsResponse,
  UploadChannel
} from './models'

/** GetOfflineConversionReportByGoalIds: "The date range is up to 7 days", "up to 20 goal IDs". */
export const REPORT_MAX_DAYS = 7
export const REPORT_MAX_GOALS = 20

const DAY_MS = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Inclusive calendar days, UTC, as YYYY-MM-DD. */
export interface DayRange {
  start: string
  end: string
}

function dayNumber(date: string): number {
  const time = Date.parse(`${date}T00:00:00Z`)
  // Date.parse rolls 2026-02-30 over to March: a real date reads back as written.
  if (!DATE.test(date) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date)
    throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`)
  return time / DAY_MS
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The day of an instant or of a dateTime Microsoft wrote (with or without `Z`), UTC. */
export function utcDay(value: string | number | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10)
  return new Date(value).toISOString().slice(0, 10)
}

/** Splits inclusive days into consecutive ranges of at most `maxDays` days each, oldest first. */
export function reportWindows(range: DayRange, maxDays = REPORT_MAX_DAYS): DayRange[] {
  if (!Number.isInteger(maxDays) || maxDays < 1) throw new RangeError(`maxDays must be a positive integer`)
  const first = dayNumber(range.start)
  const last = dayNumber(range.end)
  if (last < first) throw new RangeError(`the range ends (${range.end}) before it starts (${range.start})`)
  const windows: DayRange[] = []
  for (let start = first; start <= last; start += maxDays)
    windows.push({ start: dateOf(start), end: dateOf(Math.min(start + maxDays - 1, last)) })
  return windows
}

/** Goal ids in calls of at most 20, in the order given, each id once. */
export function goalBatches(goalIds: readonly string[], maxGoals = REPORT_MAX_GOALS): string[][] {
  return chunk([...new Set(goalIds)], maxGoals)
}

/** The two report calls; CampaignClient has both. */
export interface OfflineConversionReportSource {
  getOfflineConversionReportByGoalIds(
    request: GetOfflineConversionReportByGoalIdsRequest
  ): Promise<GetOfflineConversionReportByGoalIdsResponse>
  getOfflineConversionReports(request: GetOfflineConversionReportsRequest): Promise<GetOfflineConversionReportsResponse>
}

/** One goal on one upload day, as Microsoft counted it. */
export interface GoalDayReport {
  goalId: string
  goalName: string
  date: string
  /** Conversions Microsoft attributed to a click (SuccessCount). */
  attributed: number
  /** Accepted but not counted (UnattributedCount), and why, by OfflineConversionUnattributedReason. */
  unattributed: number
  reasons: Record<string, number>
}

/** One upload day of the account (DailySummary). */
export interface UploadDayReport {
  date: string
  succeeded: number
  failed: number
  fileUrl?: string
  fileUrlExpiresAt?: string
}

export interface GoalReportError {
  goalId: string
  code: number
  errorCode: string
  message: string
}

export interface OfflineConversionReport {
  range: DayRange
  goals: GoalDayReport[]
  uploads: UploadDayReport[]
  /** Goals Microsoft answered with a PartialError instead of figures. */
  errors: GoalReportError[]
}

function goalErrors(errors: readonly BatchError[] | null | undefined, batch: readonly string[]): GoalReportError[] {
  return (errors ?? []).map((error) => ({
    goalId: batch[error.Index] ?? '',
    code: error.Code,
    errorCode: error.ErrorCode ?? '',
    message: error.Message ?? ''
  }))
}

function startOfDay(date: string): string {
  return `${date}T00:00:00Z`
}

/** The last second of the day, so that the day is in the range whether Microsoft compares dates or instants. */
function endOfDay(date: string): string {
  return `${date}T23:59:59Z`
}

function addDay(byKey: Map<string, GoalDayReport>, row: GoalDayReport): void {
  const key = `${row.goalId}\u0000${row.date}`
  const seen = byKey.get(key)
  if (!seen) {
    byKey.set(key, row)
    return
  }
  seen.attributed += row.attributed
  seen.unattributed += row.unattributed
  for (const [reason, count] of Object.entries(row.reasons)) seen.reasons[reason] = (seen.reasons[reason] ?? 0) + count
}

function uploadDay(summary: DailySummary): UploadDayReport | undefined {
  if (!summary.UploadDate) return undefined
  return {
    date: utcDay(summary.UploadDate),
    succeeded: summary.SuccessCount ?? 0,
    failed: summary.FailureCount ?? 0,
    ...(summary.FileUrl ? { fileUrl: summary.FileUrl } : {}),
    ...(summary.FileUrlExpiryTimeUtc ? { fileUrlExpiresAt: summary.FileUrlExpiryTimeUtc } : {})
  }
}

/**
 * What Microsoft did with the accepted offline conversions of some goals over some days: every 7-day window and
 * every batch of 20 goals is its own call, and the answers are joined into one report, rows sorted by goal id and
 * day. A goal Microsoft refuses to report on is listed in `errors`; a failed call throws MicrosoftApiError.
 */
export async function readOfflineConversionReport(
  source: OfflineConversionReportSource,
  options: {
    goalIds: readonly string[]
    goalNames?: ReadonlyMap<string, string>
    range: DayRange
    channels?: UploadChannel[]
  }
): Promise<OfflineConversionReport> {
  const windows = reportWindows(options.range)
  const byKey = new Map<string, GoalDayReport>()
  const errors: GoalReportError[] = []
  const uploads = new Map<string, UploadDayReport>()
  for (const window of windows) {
    for (const batch of goalBatches(options.goalIds)) {
      const answer = await source.getOfflineConversionReportByGoalIds({
        StartDateUtc: startOfDay(window.start),
        EndDateUtc: endOfDay(window.end),
        GoalIds: batch,
        UploadChannelFilter: options.channels?.length ? options.channels.join(',') : null
      })
      errors.push(...goalErrors(answer.PartialErrors, batch))
      for (const summary of answer.OfflineGoalConversionSummaries ?? []) {
        if (!summary?.GoalId) continue
        const goalId = summary.GoalId
        const goalName = summary.ConversionName ?? options.goalNames?.get(goalId) ?? ''
        for (const day of summary.DailySummaries ?? []) {
          if (!day.UploadDate) continue
          const reasons: Record<string, number> = {}
          for (const alert of day.Alerts ?? [])
            reasons[alert.UnattributedReason] = (reasons[alert.UnattributedReason] ?? 0) + alert.Count
          addDay(byKey, {
            goalId,
            goalName,
            date: utcDay(day.UploadDate),
            attributed: day.SuccessCount ?? 0,
            unattributed: day.UnattributedCount ?? 0,
            reasons
          })
        }
      }
    }
    const daily = await source.getOfflineConversionReports({
      StartDateUtc: startOfDay(window.start),
      EndDateUtc: endOfDay(window.end)
    })
    for (const summary of daily.DailySummaries ?? []) {
      const day = summary ? uploadDay(summary) : undefined
      if (day && day.date >= options.range.start && day.date <= options.range.end) uploads.set(day.date, day)
    }
  }
  const goals = [...byKey.values()]
    .filter((row) => row.date >= options.range.start && row.date <= options.range.end)
    .sort((a, b) => compareIds(a.goalId, b.goalId) || a.date.localeCompare(b.date))
  return {
    range: options.range,
    goals,
    uploads: [...uploads.values()].sort((a, b) => a.date.localeCompare(b.date)),
    errors: errors.sort((a, b) => compareIds(a.goalId, b.goalId) || a.code - b.code)
  }
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b)
}
