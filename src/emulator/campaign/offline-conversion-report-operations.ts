import { z } from 'zod'
import { LongId, nullish, type BatchError } from '../../microsoft/models'
import type { Reply } from '../server/reply'
import { DAY_MS, parseIsoTime } from '../support/time'
import type { OperationCall } from './apply-operations'
import { processUploads, type ProcessedItem } from './conversion-processing'
import { apiFaultReply, batchError, okReply, operationError } from './faults'
import { parseFlags } from './flags'
import { parseCampaignBody } from './parse-body'
import { reportFileUrl } from './report-file'

const MAX_GOALS = 20
const MAX_RANGE_DAYS = 7
const CHANNELS = ['Unknown', 'CampaignManagementAPI', 'BulkAPI', 'WebUpload'] as const

const byGoalIdsRequest = z
  .object({
    StartDateUtc: z.string(),
    EndDateUtc: z.string(),
    GoalIds: nullish(z.array(LongId)),
    UploadChannelFilter: nullish(z.string())
  })
  .strict()

const reportsRequest = z.object({ StartDateUtc: z.string(), EndDateUtc: z.string() }).strict()

type Range = { ok: true; start: string; end: string } | { ok: false; reply: Reply }

function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10)
}

/** A dateTime, or a bare date (midnight UTC), as .NET's JSON reader takes both. */
function parseDateTime(text: string): number | undefined {
  return parseIsoTime(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text)
}

/** The inclusive UTC days of StartDateUtc..EndDateUtc; `maxDays` apart at most when given. */
function dayRange(trackingId: string, startText: string, endText: string, maxDays?: number): Range {
  const fail = (details: string): Range => ({
    ok: false,
    reply: apiFaultReply(trackingId, [operationError(201, details)])
  })
  const start = parseDateTime(startText)
  if (start === undefined) return fail('StartDateUtc is not a valid dateTime.')
  const end = parseDateTime(endText)
  if (end === undefined) return fail('EndDateUtc is not a valid dateTime.')
  if (end < start) return fail('EndDateUtc is before StartDateUtc.')
  if (maxDays !== undefined && end - start > maxDays * DAY_MS) return fail('The date range is up to 7 days.')
  return { ok: true, start: dayOf(start), end: dayOf(end) }
}

function uploadDate(day: string): string {
  return `${day}T00:00:00`
}

/** Success / total, with at most 6 decimals, as Microsoft writes the rates. */
function rate(success: number, total: number): number {
  return total ? Math.round((success / total) * 1e6) / 1e6 : 0
}

function alertsOf(items: readonly ProcessedItem[]): Array<{ Count: string; UnattributedReason: string }> {
  const counts = new Map<string, number>()
  for (const item of items) if (item.reason) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([reason, count]) => ({ Count: String(count), UnattributedReason: reason }))
}

/** Keys in the order of Microsoft's JSON template (https://learn.microsoft.com/advertising/campaign-management-service/offlinegoalconversionsummary). */
function goalSummary(goalId: string, name: string, items: readonly ProcessedItem[]) {
  const byDay = new Map<string, ProcessedItem[]>()
  for (const item of items) {
    const list = byDay.get(item.day)
    if (list) list.push(item)
    else byDay.set(item.day, [item])
  }
  const success = items.filter((item) => item.reason === null).length
  return {
    ConversionName: name,
    DailySummaries: [...byDay]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([day, dayItems]) => {
        const daySuccess = dayItems.filter((item) => item.reason === null).length
        return {
          Alerts: alertsOf(dayItems),
          GoalId: goalId,
          SuccessCount: daySuccess,
          SuccessRate: rate(daySuccess, dayItems.length),
          UnattributedCount: dayItems.length - daySuccess,
          UploadDate: uploadDate(day)
        }
      }),
    GoalId: goalId,
    OverallAlerts: alertsOf(items),
    OverallSuccessCount: String(success),
    OverallSuccessRate: rate(success, items.length),
    OverallUnattributedCount: String(items.length - success)
  }
}

/**
 * GetOfflineConversionReportByGoalIds: per goal and upload day, how many accepted conversions were attributed and
 * why the others were not, computed from what this account uploaded (conversion-processing.ts). At most 20 goals
 * (5322) and 7 days (201); a goal id the account does not see gets a 5314 PartialError at its index.
 */
export function getOfflineConversionReportByGoalIds(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, byGoalIdsRequest, {
    key: 'GoalIds',
    max: MAX_GOALS,
    emptyCode: 201,
    tooManyCode: 5322
  })
  if (!parsed.ok) return parsed.reply
  const request = parsed.value
  const range = dayRange(call.trackingId, request.StartDateUtc, request.EndDateUtc, MAX_RANGE_DAYS)
  if (!range.ok) return range.reply
  const flags = parseFlags(request.UploadChannelFilter, CHANNELS)
  if ('unknown' in flags)
    return apiFaultReply(call.trackingId, [
      operationError(201, `UploadChannelFilter: "${flags.unknown}" is not an OfflineConversionUploadChannel.`)
    ])
  const channels = new Set<string>(flags.values)
  const { customerId } = call.caller
  const accountId = call.caller.accountId as string
  const processed = processUploads(call.state, customerId, accountId).filter(
    (item) => item.day >= range.start && item.day <= range.end && (channels.size === 0 || channels.has(item.channel))
  )
  const errors: BatchError[] = []
  const summaries: Array<ReturnType<typeof goalSummary>> = []
  ;(request.GoalIds ?? []).forEach((goalId, index) => {
    const goal = call.state.directory.goals.get(goalId)
    const visible =
      goal &&
      goal.type === 'OfflineConversion' &&
      goal.customerId === customerId &&
      (goal.scope === 'Customer' || goal.accountId === accountId)
    if (!goal || !visible) {
      errors.push(batchError(5314, index, 'GoalIds'))
      return
    }
    summaries.push(
      goalSummary(
        goalId,
        goal.name,
        processed.filter((item) => item.goalName === goal.name)
      )
    )
  })
  return okReply(call.trackingId, { OfflineGoalConversionSummaries: summaries, PartialErrors: errors })
}

/** Offline uploads per day of the account, in any channel: accepted (duplicates included) and refused. */
function uploadDays(
  call: OperationCall,
  start: string,
  end: string
): Map<string, { success: number; failure: number }> {
  const days = new Map<string, { success: number; failure: number }>()
  for (const entry of call.state.uploads.entries(call.caller.accountId as string)) {
    if (entry.kind === 'OnlineConversionAdjustment') continue
    const day = dayOf(entry.receivedAt)
    if (day < start || day > end) continue
    const counts = days.get(day) ?? { success: 0, failure: 0 }
    if (typeof entry.result === 'object') counts.failure += 1
    else counts.success += 1
    days.set(day, counts)
  }
  return days
}

/**
 * GetOfflineConversionReports: one DailySummary per upload day of the range, with the URL of that day's detail file
 * (report-file.ts), signed for 15 minutes.
 */
export function getOfflineConversionReports(call: OperationCall): Reply {
  const parsed = parseCampaignBody(call.body, call.trackingId, reportsRequest)
  if (!parsed.ok) return parsed.reply
  const range = dayRange(call.trackingId, parsed.value.StartDateUtc, parsed.value.EndDateUtc)
  if (!range.ok) return range.reply
  const days = uploadDays(call, range.start, range.end)
  return okReply(call.trackingId, {
    DailySummaries: [...days]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([day, counts]) => {
        const file = reportFileUrl(call.request, call.state, call.caller.accountId as string, day)
        return {
          FailureCount: counts.failure,
          FileUrl: file.url,
          FileUrlExpiryTimeUtc: new Date(file.expiresAt).toISOString(),
          SuccessCount: counts.success,
          UploadDate: uploadDate(day)
        }
      })
  })
}
