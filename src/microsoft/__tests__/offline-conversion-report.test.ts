import type { GetOfflineConversionReportByGoalIdsRequest, GetOfflineConversionReportsRequest } from '../models'
import { GetOfflineConversionReportByGoalIdsResponseSchema as ResponseSchema } from '../models'
import {
  goalBatches,
  readOfflineConversionReport,
  reportWindows,
  type OfflineConversionReportSource
} from '../offline-conversion-report'
import { UNATTRIBUTED_REASON_INFO, unattributedReasonInfo } from '../unattributed-reasons'
import { UNATTRIBUTED_REASONS } from '../models'

describe('reportWindows', () => {
  it('keeps a range of up to 7 days in one window', () => {
    expect(reportWindows({ start: '2026-06-01', end: '2026-06-01' })).toEqual([
      { start: '2026-06-01', end: '2026-06-01' }
    ])
    expect(reportWindows({ start: '2026-06-01', end: '2026-06-07' })).toEqual([
      { start: '2026-06-01', end: '2026-06-07' }
    ])
  })

  it('splits longer ranges into consecutive windows of at most 7 days, across months and leap days', () => {
    expect(reportWindows({ start: '2026-06-01', end: '2026-06-08' })).toEqual([
      { start: '2026-06-01', end: '2026-06-07' },
      { start: '2026-06-08', end: '2026-06-08' }
    ])
    expect(reportWindows({ start: '2028-02-25', end: '2028-03-14' })).toEqual([
      { start: '2028-02-25', end: '2028-03-02' },
      { start: '2028-03-03', end: '2028-03-09' },
      { start: '2028-03-10', end: '2028-03-14' }
    ])
  })

  it('covers 90 days exactly once, no window longer than 7 days', () => {
    const windows = reportWindows({ start: '2026-03-13', end: '2026-06-10' })
    const days = windows.flatMap(({ start, end }) => {
      const list: string[] = []
      for (let time = Date.parse(start); time <= Date.parse(end); time += 86_400_000)
        list.push(new Date(time).toISOString().slice(0, 10))
      return list
    })
    expect(days).toHaveLength(90)
    expect(new Set(days).size).toBe(90)
    expect(days[0]).toBe('2026-03-13')
    expect(days.at(-1)).toBe('2026-06-10')
    expect(windows.every(({ start, end }) => Date.parse(end) - Date.parse(start) <= 6 * 86_400_000)).toBe(true)
    expect(windows).toHaveLength(13)
  })

  it('refuses a range that ends before it starts, and a date that is not one', () => {
    expect(() => reportWindows({ start: '2026-06-02', end: '2026-06-01' })).toThrow(/before it starts/)
    expect(() => reportWindows({ start: '2026-02-30', end: '2026-03-01' })).toThrow(/not a date/)
  })
})

describe('goalBatches', () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => String(300000001 + i))

  it('sends up to 20 goals in one call and more in several, each id once, in order', () => {
    expect(goalBatches(ids(20))).toEqual([ids(20)])
    expect(goalBatches(ids(41)).map((batch) => batch.length)).toEqual([20, 20, 1])
    expect(goalBatches(ids(41)).flat()).toEqual(ids(41))
    expect(goalBatches(['1', '2', '1'])).toEqual([['1', '2']])
    expect(goalBatches([])).toEqual([])
  })
})

/** A fake Microsoft that answers each call with one day per goal and records the requests. */
function fakeSource(): OfflineConversionReportSource & {
  byGoals: GetOfflineConversionReportByGoalIdsRequest[]
  daily: GetOfflineConversionReportsRequest[]
} {
  const byGoals: GetOfflineConversionReportByGoalIdsRequest[] = []
  const daily: GetOfflineConversionReportsRequest[] = []
  return {
    byGoals,
    daily,
    getOfflineConversionReportByGoalIds: (request) => {
      byGoals.push(request)
      const day = request.StartDateUtc.slice(0, 10)
      const body = {
        OfflineGoalConversionSummaries: request.GoalIds.filter((id) => id !== '999').map((id) => ({
          ConversionName: `Goal ${id}`,
          GoalId: id,
          DailySummaries: [
            {
              GoalId: id,
              UploadDate: `${day}T00:00:00`,
              SuccessCount: 2,
              UnattributedCount: 3,
              SuccessRate: 0.4,
              Alerts: [
                { UnattributedReason: 'NoMatchingClickFound', Count: '2' },
                { UnattributedReason: 'DuplicateConversionKey', Count: '1' }
              ]
            }
          ]
        })),
        PartialErrors: request.GoalIds.flatMap((id, index) =>
          id === '999'
            ? [
                {
                  Code: 5314,
                  ErrorCode: 'InvalidConversionGoalId',
                  Message: 'The conversion goal id is invalid.',
                  Index: index,
                  Type: 'BatchError'
                }
              ]
            : []
        )
      }
      return Promise.resolve(ResponseSchema.parse(body))
    },
    getOfflineConversionReports: (request) => {
      daily.push(request)
      return Promise.resolve({
        DailySummaries: [
          {
            UploadDate: request.StartDateUtc.replace('Z', ''),
            SuccessCount: 5,
            FailureCount: 1,
            FileUrl: 'https://x/f'
          }
        ]
      })
    }
  }
}

describe('readOfflineConversionReport', () => {
  it('makes one call per 7-day window and 20 goals, and joins the answers per goal and day', async () => {
    const source = fakeSource()
    const goalIds = [...Array.from({ length: 20 }, (_, i) => String(300000001 + i)), '999']
    const report = await readOfflineConversionReport(source, {
      goalIds,
      range: { start: '2026-06-01', end: '2026-06-10' }
    })
    expect(source.byGoals.map((r) => [r.StartDateUtc, r.EndDateUtc, r.GoalIds.length])).toEqual([
      ['2026-06-01T00:00:00Z', '2026-06-07T23:59:59Z', 20],
      ['2026-06-01T00:00:00Z', '2026-06-07T23:59:59Z', 1],
      ['2026-06-08T00:00:00Z', '2026-06-10T23:59:59Z', 20],
      ['2026-06-08T00:00:00Z', '2026-06-10T23:59:59Z', 1]
    ])
    expect(source.byGoals.every((r) => r.UploadChannelFilter === null)).toBe(true)
    expect(source.daily).toHaveLength(2)
    expect(report.goals).toHaveLength(40)
    expect(report.goals[0]).toEqual({
      goalId: '300000001',
      goalName: 'Goal 300000001',
      date: '2026-06-01',
      attributed: 2,
      unattributed: 3,
      reasons: { NoMatchingClickFound: 2, DuplicateConversionKey: 1 }
    })
    expect(report.goals.map((row) => row.date).slice(0, 2)).toEqual(['2026-06-01', '2026-06-08'])
    expect(report.errors).toEqual([
      {
        goalId: '999',
        code: 5314,
        errorCode: 'InvalidConversionGoalId',
        message: 'The conversion goal id is invalid.'
      },
      { goalId: '999', code: 5314, errorCode: 'InvalidConversionGoalId', message: 'The conversion goal id is invalid.' }
    ])
    expect(report.uploads).toEqual([
      { date: '2026-06-01', succeeded: 5, failed: 1, fileUrl: 'https://x/f' },
      { date: '2026-06-08', succeeded: 5, failed: 1, fileUrl: 'https://x/f' }
    ])
  })

  it('passes the upload channels as one flags string', async () => {
    const source = fakeSource()
    await readOfflineConversionReport(source, {
      goalIds: ['1'],
      range: { start: '2026-06-01', end: '2026-06-01' },
      channels: ['CampaignManagementAPI', 'BulkAPI']
    })
    expect(source.byGoals[0].UploadChannelFilter).toBe('CampaignManagementAPI,BulkAPI')
  })
})

describe('the unattributed reason table', () => {
  it("has one entry with a remedy for each of Microsoft's reasons", () => {
    expect(UNATTRIBUTED_REASON_INFO.map((entry) => entry.reason).sort()).toEqual([...UNATTRIBUTED_REASONS].sort())
    for (const entry of UNATTRIBUTED_REASON_INFO) expect(entry.action.length).toBeGreaterThan(20)
  })

  it('gives a reason Microsoft adds later the Unknown remedy under its own name', () => {
    expect(unattributedReasonInfo('SomethingNew')).toMatchObject({
      reason: 'SomethingNew',
      action: unattributedReasonInfo('Unknown').action
    })
  })
})
