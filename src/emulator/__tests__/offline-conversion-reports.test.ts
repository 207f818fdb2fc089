import { bulkPreamble, offlineConversionRow } from '../../cli/export/bulk-csv'
import { BOM, BulkClient, uploadBulkFile } from '../../microsoft'
import {
  GetOfflineConversionReportByGoalIdsResponseSchema,
  GetOfflineConversionReportsResponseSchema,
  type OfflineConversion
} from '../../microsoft/models'
import {
  ACCOUNT_ID,
  CLICK_ID,
  CREDENTIALS,
  CUSTOMER_ID,
  Clock,
  DAY,
  HOUR,
  SEED,
  campaign,
  clickId,
  conversion,
  useEmulator
} from './helpers'

const clock = new Clock(Date.parse('2026-06-10T12:00:00Z'))
const TODAY = '2026-06-10'
const PURCHASE = '300000001'
const LEAD = '300000002'
const at = (ago: number) => new Date(clock.time - ago).toISOString()
/** The helper's conversion, one hour before the emulator's clock. */
const conv = (overrides: Record<string, unknown> = {}) => conversion({ ConversionTime: at(HOUR), ...overrides })

function byGoalIds(body: Record<string, unknown>) {
  return campaign(useHarness.url, 'OfflineConversionReport/QueryByGoalIds', {
    StartDateUtc: `${TODAY}T00:00:00Z`,
    EndDateUtc: `${TODAY}T00:00:00Z`,
    GoalIds: [PURCHASE],
    ...body
  })
}

const useHarness = useEmulator({
  now: clock.now,
  seed: { goals: [...SEED.goals, { ...SEED.goals[0], id: '300000009', name: 'Old', status: 'Deleted' }] }
})

async function apply(items: unknown[]) {
  return campaign(useHarness.url, 'OfflineConversions/Apply', { OfflineConversions: items })
}

describe('GetOfflineConversionReportByGoalIds on the emulator', () => {
  it("answers Microsoft's JSON shape, per goal and upload day, from what was applied", async () => {
    await apply([
      conv({ ConversionTime: at(HOUR) }),
      conv({ ConversionTime: at(HOUR) }),
      conv({ ConversionName: 'Lead', ConversionTime: at(2 * HOUR) }),
      conv({ ConversionName: 'Nope' })
    ])
    const answer = await byGoalIds({ GoalIds: [PURCHASE, LEAD] })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('TrackingId')).toBeTruthy()
    expect(GetOfflineConversionReportByGoalIdsResponseSchema.safeParse(answer.body).success).toBe(true)
    expect(answer.body).toEqual({
      OfflineGoalConversionSummaries: [
        {
          ConversionName: 'Purchase',
          DailySummaries: [
            {
              Alerts: [{ Count: '1', UnattributedReason: 'DuplicateConversionKey' }],
              GoalId: PURCHASE,
              SuccessCount: 1,
              SuccessRate: 0.5,
              UnattributedCount: 1,
              UploadDate: `${TODAY}T00:00:00`
            }
          ],
          GoalId: PURCHASE,
          OverallAlerts: [{ Count: '1', UnattributedReason: 'DuplicateConversionKey' }],
          OverallSuccessCount: '1',
          OverallSuccessRate: 0.5,
          OverallUnattributedCount: '1'
        },
        expect.objectContaining({ ConversionName: 'Lead', GoalId: LEAD, OverallSuccessCount: '1' })
      ],
      PartialErrors: []
    })
    // Keys in the order of Microsoft's template.
    expect(Object.keys(answer.body.OfflineGoalConversionSummaries[0])).toEqual([
      'ConversionName',
      'DailySummaries',
      'GoalId',
      'OverallAlerts',
      'OverallSuccessCount',
      'OverallSuccessRate',
      'OverallUnattributedCount'
    ])
  })

  it('with no known clicks every click id attributes; with some, unknown ones are NoMatchingClickFound', async () => {
    await apply([conv({ MicrosoftClickId: clickId(7) })])
    expect((await byGoalIds({})).body.OfflineGoalConversionSummaries[0].OverallSuccessCount).toBe('1')
    useHarness.emulator.addClicks([{ msclkid: CLICK_ID, clickTime: at(DAY) }])
    expect((await byGoalIds({})).body.OfflineGoalConversionSummaries[0].OverallAlerts).toEqual([
      { Count: '1', UnattributedReason: 'NoMatchingClickFound' }
    ])
  })

  it('a goal id the account does not see gets 5314 at its index; a deleted goal is still reported', async () => {
    const answer = await byGoalIds({ GoalIds: [PURCHASE, '399999999', '300000009'] })
    expect(answer.status).toBe(200)
    expect(answer.body.PartialErrors).toEqual([
      expect.objectContaining({ Code: 5314, ErrorCode: 'InvalidConversionGoalId', Index: 1, FieldPath: 'GoalIds' })
    ])
    expect(answer.body.OfflineGoalConversionSummaries.map((s: { GoalId: string }) => s.GoalId)).toEqual([
      PURCHASE,
      '300000009'
    ])
  })

  it('refuses more than 20 goals (5322), no goals, more than 7 days, and an unknown channel', async () => {
    const goals = Array.from({ length: 21 }, (_, i) => String(300000001 + i))
    const tooMany = await byGoalIds({ GoalIds: goals })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.OperationErrors[0]).toMatchObject({ Code: 5322 })
    expect((await byGoalIds({ GoalIds: [] })).body.OperationErrors[0]).toMatchObject({ Code: 201 })
    const long = await byGoalIds({ StartDateUtc: '2026-06-01T00:00:00Z', EndDateUtc: '2026-06-09T00:00:00Z' })
    expect(long.body.OperationErrors[0]).toMatchObject({ Code: 201, Details: 'The date range is up to 7 days.' })
    expect((await byGoalIds({ StartDateUtc: '2026-06-03T00:00:00Z', EndDateUtc: '2026-06-10T00:00:00Z' })).status).toBe(
      200
    )
    expect((await byGoalIds({ EndDateUtc: '2026-06-09T00:00:00Z' })).body.OperationErrors[0].Details).toBe(
      'EndDateUtc is before StartDateUtc.'
    )
    expect((await byGoalIds({ UploadChannelFilter: 'Fax' })).status).toBe(400)
    expect((await byGoalIds({ StartDateUtc: '2026-06-04', EndDateUtc: TODAY })).status).toBe(200)
  })

  it('filters by upload channel: Apply is CampaignManagementAPI, a Bulk file is BulkAPI', async () => {
    process.env.MSADS_API_BASE_URL = useHarness.url
    try {
      await apply([conv({ ConversionTime: at(HOUR) })])
      const bulkRecord: OfflineConversion = {
        ConversionName: 'Purchase',
        ConversionTime: new Date(Math.floor((clock.time - 2 * HOUR) / 1000) * 1000).toISOString(),
        MicrosoftClickId: clickId(2),
        ConversionValue: 5,
        ConversionCurrencyCode: 'USD'
      }
      const content = `${BOM}${bulkPreamble()}${offlineConversionRow(bulkRecord, 'line-1')}`
      const auth = {
        developerToken: CREDENTIALS.developerToken,
        customerId: CUSTOMER_ID,
        accountId: ACCOUNT_ID,
        accessToken: CREDENTIALS.accessToken
      }
      const poll = { initialDelayMs: 1, maxDelayMs: 1, maxThrottleWaitMs: 1, sleep: async () => undefined }
      const result = await uploadBulkFile(new BulkClient({ auth }), { name: 'f.csv', content }, { poll })
      expect(result.ok).toBe(true)
    } finally {
      delete process.env.MSADS_API_BASE_URL
    }
    const count = async (filter: string | null) =>
      (await byGoalIds({ UploadChannelFilter: filter })).body.OfflineGoalConversionSummaries[0].OverallSuccessCount
    expect(await count(null)).toBe('2')
    expect(await count('CampaignManagementAPI')).toBe('1')
    expect(await count('BulkAPI')).toBe('1')
    expect(await count('CampaignManagementAPI, BulkAPI')).toBe('2')
    expect(await count('WebUpload')).toBe('0')
  })
})

describe('GetOfflineConversionReports on the emulator', () => {
  it("counts each upload day's accepted and refused offline items", async () => {
    await apply([conv(), conv({ ConversionName: 'Nope' }), conv({ MicrosoftClickId: 'bad' })])
    const answer = await campaign(useHarness.url, 'OfflineConversionReports/Query', {
      StartDateUtc: '2026-06-04T00:00:00Z',
      EndDateUtc: `${TODAY}T00:00:00Z`
    })
    expect(answer.status).toBe(200)
    expect(GetOfflineConversionReportsResponseSchema.safeParse(answer.body).success).toBe(true)
    expect(answer.body).toEqual({
      DailySummaries: [
        {
          FailureCount: 2,
          FileUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/offline-conversion-reports\/[0-9a-f]{32}$/),
          FileUrlExpiryTimeUtc: new Date(clock.time + 15 * 60_000).toISOString(),
          SuccessCount: 1,
          UploadDate: `${TODAY}T00:00:00`
        }
      ]
    })
  })

  it("serves the day's detail file, a row per record with Success or the error's name, until its URL expires", async () => {
    await apply([conv(), conv({ ConversionName: 'Nope' }), conv({ MicrosoftClickId: 'bad' })])
    const answer = await campaign(useHarness.url, 'OfflineConversionReports/Query', {
      StartDateUtc: `${TODAY}T00:00:00Z`,
      EndDateUtc: `${TODAY}T23:59:59Z`
    })
    const url = answer.body.DailySummaries[0].FileUrl as string
    const file = await fetch(url)
    expect(file.status).toBe(200)
    expect(file.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const lines = (await file.text()).trim().split('\r\n')
    expect(lines[0]).toBe(
      'RecordId,ChannelName,IdIdentifier,MSClickId,ConversionName,TimeZone,ConversionTime,ConversionOrAdjustmentValue,ConversionOrAdjustmentCurrency,HashedEmailAddress,HashedPhoneNumber,AdjustmentType,Status'
    )
    expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual([
      'Success',
      'OfflineConversionNameInvalid',
      'OfflineConversionMicrosoftClickIdInvalid'
    ])
    expect(lines[1].split(',').slice(0, 5)).toEqual(['1', 'SOAP', '1', CLICK_ID, 'Purchase'])
    clock.advance(15 * 60_000 + 1)
    expect((await fetch(url)).status).toBe(403)
    expect((await fetch(`${useHarness.url}/offline-conversion-reports/${'0'.repeat(32)}`)).status).toBe(404)
  })
})
