import { strToU8, zipSync, type Zippable } from 'fflate'
import { bulkPreamble, offlineConversionRow } from '../../cli/export/bulk-csv'
import {
  BOM,
  BulkClient,
  MicrosoftApiError,
  uploadBulkFile,
  zipBulkFile,
  type OfflineConversion
} from '../../microsoft'
import { ACCOUNT_ID, CREDENTIALS, CUSTOMER_ID, HOUR, clickId, isoAgo, useEmulator } from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}
const FAST = { initialDelayMs: 1, maxDelayMs: 1, maxThrottleWaitMs: 1, sleep: async () => undefined }
const NOW = Math.floor(Date.now() / 1000) * 1000

function conversion(n: number, overrides: Partial<OfflineConversion> = {}): OfflineConversion {
  return {
    ConversionName: 'Purchase',
    ConversionTime: isoAgo(HOUR + n * 1000, NOW),
    MicrosoftClickId: clickId(n),
    ConversionValue: 5,
    ConversionCurrencyCode: 'USD',
    ...overrides
  }
}

function bulkCsv(records: OfflineConversion[]): string {
  const rows = records.map((record, index) => offlineConversionRow(record, `line-${index + 1}`))
  return `${BOM}${bulkPreamble()}${rows.join('')}`
}

const RECORDS = [
  conversion(1),
  conversion(2, { ConversionName: 'No such goal' }),
  conversion(3, { MicrosoftClickId: 'not-a-click' }),
  conversion(1)
]

describe('ZIP uploads on the Bulk emulator', () => {
  const harness = useEmulator()
  const previous = process.env.MSADS_API_BASE_URL
  beforeEach(() => {
    process.env.MSADS_API_BASE_URL = harness.url
  })
  afterAll(() => {
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })
  const client = () => new BulkClient({ auth: AUTH })

  /** Uploads an archive; the Bulk code it is refused with, or 'received'. */
  async function uploadArchive(name: string, archive: Uint8Array): Promise<number | string | undefined> {
    const bulk = client()
    const { UploadUrl } = await bulk.getUploadUrl()
    try {
      await bulk.uploadFile(UploadUrl, { name, content: archive })
      return 'received'
    } catch (error) {
      if (error instanceof MicrosoftApiError) return error.outcome.code
      throw error
    }
  }

  async function finalStatusOf(archive: Uint8Array): Promise<{ status: string; errors: string[] }> {
    const bulk = client()
    const { RequestId, UploadUrl } = await bulk.getUploadUrl()
    await bulk.uploadFile(UploadUrl, { name: 'upload.zip', content: archive })
    await bulk.getUploadStatus(RequestId)
    const done = await bulk.getUploadStatus(RequestId)
    return { status: done.RequestStatus, errors: (done.Errors ?? []).map((error) => error.Details ?? '') }
  }

  it('unpacks a one-entry archive and processes it as the plain CSV', async () => {
    const plain = await uploadBulkFile(client(), { name: 'file.csv', content: bulkCsv(RECORDS) }, { poll: FAST })
    // What is stored, less the time each record arrived.
    const stored = () =>
      JSON.parse(
        JSON.stringify(harness.emulator.state().offlineConversions, (key, value) =>
          key === 'receivedAt' ? undefined : value
        )
      ) as Record<string, unknown>
    const plainState = stored()
    harness.emulator.reset()
    const zipped = zipBulkFile({ name: 'file.csv', content: bulkCsv(RECORDS) })
    expect(zipped.name).toBe('file.zip')
    expect(Buffer.from(zipped.content.subarray(0, 4))).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    const result = await uploadBulkFile(client(), zipped, { poll: FAST })
    if (!result.ok || !plain.ok) throw new Error('both uploads must complete')
    expect(result.status).toBe('CompletedWithErrors')
    const codes = (results: typeof result.results) =>
      Object.fromEntries([...results.errorsByClientId].map(([id, errors]) => [id, errors.map((e) => e.code)]))
    expect(codes(result.results)).toEqual({ 'line-2': [5606], 'line-3': [5604] })
    expect(codes(result.results)).toEqual(codes(plain.results))
    expect(stored()).toEqual(plainState)
    expect(harness.emulator.state().bulk.received).toEqual({ csv: 0, zip: 1 })
    expect(plainState).toMatchObject({ count: 1, duplicates: 1 })
  })

  it('takes an entry stored without compression as well', async () => {
    const archive = zipSync({ 'file.csv': strToU8(bulkCsv([conversion(1)])) }, { level: 0 })
    expect(await finalStatusOf(archive)).toEqual({ status: 'Completed', errors: [] })
    expect(harness.emulator.state().offlineConversions.count).toBe(1)
  })

  it.each<[string, Zippable, number]>([
    ['no entry', {}, 3221],
    ['two entries', { 'a.csv': strToU8(bulkCsv([conversion(1)])), 'b.csv': strToU8(bulkCsv([conversion(2)])) }, 3222],
    ['a TSV entry', { 'file.tsv': strToU8('Type\tName\r\n') }, 3223],
    ['a .txt entry', { 'file.txt': strToU8(bulkCsv([conversion(1)])) }, 3223]
  ])('refuses an archive with %s at the upload URL', async (_name, entries, code) => {
    expect(await uploadArchive('upload.zip', zipSync(entries))).toBe(code)
    expect(harness.emulator.state().bulk.byStatus).toEqual({ PendingFileUpload: 1 })
    expect(harness.emulator.state().offlineConversions.count).toBe(0)
  })

  it('refuses a .tsv upload and a .gz upload with 3223', async () => {
    expect(await uploadArchive('upload.tsv', strToU8('Type\tName\r\n'))).toBe(3223)
    expect(await uploadArchive('upload.gz', zipSync({ 'file.csv': strToU8('x') }))).toBe(3223)
  })

  it('ends a corrupt archive Failed after receiving it: no end of central directory, a damaged entry', async () => {
    const archive = zipSync({ 'file.csv': strToU8(bulkCsv([conversion(1), conversion(2)])) })
    const truncated = await finalStatusOf(archive.subarray(0, archive.length - 10))
    expect(truncated.status).toBe('Failed')
    expect(truncated.errors[0]).toMatch(/ZIP archive cannot be read/)
    const notZip = await finalStatusOf(strToU8(bulkCsv([conversion(1)])))
    expect(notZip.status).toBe('Failed')
    const damaged = Uint8Array.from(archive)
    // The local header is 30 bytes plus the name: past it, the deflate stream; its first byte set to an invalid
    // block type (0b11) makes the entry impossible to inflate while the central directory stays readable.
    damaged[30 + 'file.csv'.length] = 0xff
    const broken = await finalStatusOf(damaged)
    expect(broken.status).toBe('Failed')
    expect(broken.errors[0]).toMatch(/cannot be inflated/)
    expect(harness.emulator.state().offlineConversions.count).toBe(0)
  })

  it.each([
    ['no byte order mark', (csv: string) => csv.slice(1), 'Failed'],
    ['another Format Version', (csv: string) => csv.replace(',6.0,', ',5.0,'), 'UploadFileFormatNotSupported'],
    ['more rows than the limit', (csv: string) => csv, 'UploadFileRowCountExceeded']
  ])('checks the unpacked CSV as a plain one: %s', async (name, change, status) => {
    if (name === 'more rows than the limit') harness.emulator.setOptions({ bulkRowLimit: 2 })
    const csv = change(bulkCsv([conversion(1), conversion(2), conversion(3)]))
    const result = await uploadBulkFile(client(), zipBulkFile({ name: 'file.csv', content: csv }), { poll: FAST })
    expect(result.ok).toBe(false)
    expect(harness.emulator.state().bulk.byStatus).toEqual({ [status]: 1 })
    expect(harness.emulator.state().offlineConversions.count).toBe(0)
  })
})
