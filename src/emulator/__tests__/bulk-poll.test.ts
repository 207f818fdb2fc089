import { bulkPreamble, offlineConversionRow } from '../../cli/export/bulk-csv'
import { BOM, BulkClient, uploadBulkFile } from '../../microsoft'
import { DEFAULT_POLL_POLICY, bulkFileRows, firstPollDelayMs } from '../../microsoft/bulk/bulk-upload'
import { ACCOUNT_ID, CLICK_ID, CREDENTIALS, CUSTOMER_ID, HOUR, isoAgo, useEmulator } from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}

// https://learn.microsoft.com/advertising/guides/bulk-download-upload: check the status after about a minute per 10,000 rows, then every minute.
describe('Bulk status polling', () => {
  it('waits a minute per 10,000 rows (or part) before the first status read', () => {
    expect(firstPollDelayMs(DEFAULT_POLL_POLICY, 1)).toBe(60_000)
    expect(firstPollDelayMs(DEFAULT_POLL_POLICY, 10_000)).toBe(60_000)
    expect(firstPollDelayMs(DEFAULT_POLL_POLICY, 25_000)).toBe(180_000)
    expect(firstPollDelayMs(DEFAULT_POLL_POLICY, undefined)).toBe(60_000)
    expect(firstPollDelayMs({ ...DEFAULT_POLL_POLICY, initialDelayMs: 0 }, 25_000)).toBe(0)
  })

  it('counts the records of a CSV file', () => {
    const row = offlineConversionRow({ ConversionName: 'Purchase', ConversionTime: isoAgo(HOUR) }, 'x')
    expect(bulkFileRows({ name: 'f.csv', content: `${BOM}${bulkPreamble()}${row}${row}` })).toBe(2)
  })

  describe('against the emulator', () => {
    const harness = useEmulator()
    const previous = process.env.MSADS_API_BASE_URL
    beforeEach(() => {
      process.env.MSADS_API_BASE_URL = harness.url
    })
    afterAll(() => {
      if (previous === undefined) delete process.env.MSADS_API_BASE_URL
      else process.env.MSADS_API_BASE_URL = previous
    })

    it('first waits for the rows, then reads the status every minute', async () => {
      harness.emulator.setOptions({ bulkStatusPollsToComplete: 3 })
      const waits: number[] = []
      const row = offlineConversionRow(
        { ConversionName: 'Purchase', ConversionTime: isoAgo(HOUR), MicrosoftClickId: CLICK_ID },
        'line-1'
      )
      const result = await uploadBulkFile(
        new BulkClient({ auth: AUTH }),
        { name: 'file.csv', content: `${BOM}${bulkPreamble()}${row}` },
        { rows: 25_000, poll: { sleep: async (ms) => void waits.push(ms) } }
      )
      expect(result.ok && result.status).toBe('Completed')
      expect(waits).toEqual([180_000, 60_000])
    })
  })
})
