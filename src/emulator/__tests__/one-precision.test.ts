import { bulkPreamble, offlineConversionRow } from '../../cli/export/bulk-csv'
import { prepareOfflineConversions } from '../../conversions/deliver'
import { BOM, BulkClient, CampaignClient, uploadBulkFile, type OfflineConversion } from '../../microsoft'
import { isoFromBulkTime } from '../bulk/bulk-file'
import { ACCOUNT_ID, CLICK_ID, CREDENTIALS, CUSTOMER_ID, HOUR, useEmulator } from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}
const FAST = { initialDelayMs: 1, maxDelayMs: 1, maxThrottleWaitMs: 1, sleep: async () => undefined }

function bulkCsv(records: OfflineConversion[]): string {
  const rows = records.map((record, index) => offlineConversionRow(record, `line-${index + 1}`))
  return `${BOM}${bulkPreamble()}${rows.join('')}`
}

/** The records the core builds for these inputs (the duplicates it drops already dropped). */
function built(times: string[]): OfflineConversion[] {
  const prepared = prepareOfflineConversions(
    times.map((conversionTime) => ({ conversionName: 'Purchase', conversionTime, clickId: { mapped: CLICK_ID } }))
  )
  return prepared.groups.applyOfflineConversions ?? []
}

describe('one time precision on every path (whole seconds, as the Bulk file carries)', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => {
    process.env.MSADS_API_BASE_URL = harness.url
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })
  const bulk = () => new BulkClient({ auth: AUTH })
  const campaign = () => new CampaignClient({ auth: AUTH })
  // An instant with 500 ms, an hour ago.
  const at = new Date(Math.floor((Date.now() - HOUR) / 1000) * 1000 + 500).toISOString()

  it('stores the same conversion once when it goes through Apply and then through Bulk', async () => {
    const records = built([at])
    expect(records.map((r) => r.ConversionTime)).toEqual([at.replace('.500Z', '.000Z')])
    expect((await campaign().applyOfflineConversions(records)).map((o) => o.outcome)).toEqual(['delivered'])
    const result = await uploadBulkFile(bulk(), { name: 'file.csv', content: bulkCsv(records) }, { poll: FAST })
    expect(result.ok && result.status).toBe('Completed')
    const state = harness.emulator.state()
    expect(state.offlineConversions.count).toBe(1)
    expect(state.offlineConversions.duplicates).toBe(1)
  })

  it('gives two conversions 500 ms apart on one click the same result on either path: one sent, one stored', async () => {
    const second = at.replace('.500Z', '.000Z')
    const records = built([second, at])
    expect(records).toHaveLength(1)
    await campaign().applyOfflineConversions(records)
    expect(harness.emulator.state().offlineConversions).toMatchObject({ count: 1, duplicates: 0 })
    harness.emulator.reset({ toStartupSeed: true })
    const result = await uploadBulkFile(bulk(), { name: 'file.csv', content: bulkCsv(records) }, { poll: FAST })
    expect(result.ok && result.status).toBe('Completed')
    expect(harness.emulator.state().offlineConversions).toMatchObject({ count: 1, duplicates: 0 })
  })

  it("reads Microsoft's own 12-hour Bulk example and MM/dd/yyyy HH:mm:ss", () => {
    expect(isoFromBulkTime('4/1/2020 6:50:54 PM')).toBe('2020-04-01T18:50:54Z')
    expect(isoFromBulkTime('4/1/2020 12:05:00 AM')).toBe('2020-04-01T00:05:00Z')
    expect(isoFromBulkTime('04/01/2020 18:50:54')).toBe('2020-04-01T18:50:54Z')
    // Not a 12-hour time: passed on for the time rules to refuse (5607).
    expect(isoFromBulkTime('4/1/2020 13:50:54 PM')).toBe('4/1/2020 13:50:54 PM')
  })

  it('accepts a Bulk row written in the 12-hour form', async () => {
    const when = new Date(Math.floor((Date.now() - 2 * HOUR) / 1000) * 1000)
    const hour = when.getUTCHours()
    const twelve = `${when.getUTCMonth() + 1}/${when.getUTCDate()}/${when.getUTCFullYear()} ${hour % 12 || 12}:${String(
      when.getUTCMinutes()
    ).padStart(2, '0')}:${String(when.getUTCSeconds()).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`
    const row = offlineConversionRow(
      { ConversionName: 'Purchase', ConversionTime: when.toISOString(), MicrosoftClickId: CLICK_ID },
      'line-1'
    )
    const [, , , , , , , , , time] = row.split(',')
    const content = `${BOM}${bulkPreamble()}${row.replace(time, twelve)}`
    const result = await uploadBulkFile(bulk(), { name: 'file.csv', content }, { poll: FAST })
    expect(result.ok && result.status).toBe('Completed')
    const stored = harness.emulator.state().offlineConversions
    expect(stored.count).toBe(1)
  })
})

describe('a time ahead of the clock', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => {
    process.env.MSADS_API_BASE_URL = harness.url
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })

  it('is held until due, never sent early, and a resend after a lost answer stores once', async () => {
    const realNow = Math.floor(Date.now() / 1000) * 1000
    const conversionTime = new Date(realNow - 30_000).toISOString()
    const input = { conversionName: 'Purchase', conversionTime, clickId: { mapped: CLICK_ID } }
    // Our clock 60 s behind the conversion's source: held, nothing to send.
    const early = prepareOfflineConversions([input], { now: () => realNow - 90_000 })
    expect(early.groups.applyOfflineConversions).toBeUndefined()
    expect(early.slots[0]).toEqual({
      outcome: expect.objectContaining({ outcome: 'retry', reason: 'time_not_yet_due', retryAfterSeconds: 60 })
    })
    // Due: sent; its answer is lost, so it is built and sent again a little later, with the same time.
    const first = prepareOfflineConversions([input], { now: () => realNow }).groups.applyOfflineConversions ?? []
    const again = prepareOfflineConversions([input], { now: () => realNow + 5000 }).groups.applyOfflineConversions ?? []
    expect(again).toEqual(first)
    const client = new CampaignClient({ auth: AUTH })
    await client.applyOfflineConversions(first)
    expect((await client.applyOfflineConversions(again)).map((o) => o.outcome)).toEqual(['delivered'])
    expect(harness.emulator.state().offlineConversions).toMatchObject({ count: 1, duplicates: 1 })
  })
})
