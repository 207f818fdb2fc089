import { bulkPreamble, offlineConversionRow } from '../../cli/export/bulk-csv'
import {
  TokenManager,
  oauthTokenSource,
  BOM,
  BulkClient,
  CampaignClient,
  MicrosoftApiError,
  multipartBody,
  uploadBulkFile,
  type OfflineConversion
} from '../../microsoft'
import { ACCOUNT_ID, CREDENTIALS, CUSTOMER_ID, HOUR, clickId, control, isoAgo, useEmulator } from './helpers'

const AUTH = {
  developerToken: CREDENTIALS.developerToken,
  customerId: CUSTOMER_ID,
  accountId: ACCOUNT_ID,
  accessToken: CREDENTIALS.accessToken
}
const FAST = { initialDelayMs: 1, maxDelayMs: 1, maxThrottleWaitMs: 1, sleep: async () => undefined }

// Whole seconds: the Bulk file writes times to the second, so only those are the same conversion as through Apply.
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

async function postFile(
  uploadUrl: string,
  content: string,
  options: { fileName?: string; headers?: Record<string, string> } = {}
) {
  const { contentType, body } = multipartBody({
    field: 'file',
    fileName: options.fileName ?? 'upload.csv',
    contentType: 'text/csv',
    content
  })
  const response = await fetch(uploadUrl, {
    method: 'POST',
    headers: {
      AuthenticationToken: CREDENTIALS.accessToken,
      DeveloperToken: CREDENTIALS.developerToken,
      CustomerId: CUSTOMER_ID,
      CustomerAccountId: ACCOUNT_ID,
      'Content-Type': contentType,
      ...options.headers
    },
    body
  })
  return { status: response.status, body: (await response.json()) as { Code?: number; ErrorCode?: string } }
}

describe('the Bulk upload workflow on the emulator', () => {
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

  it('moves the status through PercentComplete and maps row errors to Client Ids with the Apply rules', async () => {
    harness.emulator.setOptions({ bulkStatusPollsToComplete: 3 })
    const bulk = client()
    const { RequestId, UploadUrl } = await bulk.getUploadUrl()
    expect((await bulk.getUploadStatus(RequestId)).RequestStatus).toBe('PendingFileUpload')
    const records = [
      conversion(1),
      conversion(2, { ConversionName: 'No such goal' }),
      conversion(3, { MicrosoftClickId: 'not-a-click' }),
      conversion(1)
    ]
    await bulk.uploadFile(UploadUrl, { name: 'file.csv', content: bulkCsv(records) })
    const first = await bulk.getUploadStatus(RequestId)
    expect(first).toMatchObject({ RequestStatus: 'InProgress', PercentComplete: 33, ResultFileUrl: null })
    expect(await bulk.getUploadStatus(RequestId)).toMatchObject({ RequestStatus: 'InProgress', PercentComplete: 66 })
    const done = await bulk.getUploadStatus(RequestId)
    expect(done).toMatchObject({ RequestStatus: 'CompletedWithErrors', PercentComplete: 100 })
    const raw = Buffer.from(await (await fetch(done.ResultFileUrl as string)).arrayBuffer())
    expect(raw.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const text = await bulk.downloadResults(done.ResultFileUrl as string)
    expect(text).toContain('Offline Conversion Error')
    const state = harness.emulator.state()
    // The duplicate (line 4) is ignored as Apply ignores it: one stored, one duplicate seen.
    expect(state.offlineConversions.count).toBe(1)
    expect(state.offlineConversions.duplicates).toBe(1)
  })

  it('answers each error of the results file by Client Id, through uploadBulkFile', async () => {
    const records = [
      conversion(1),
      conversion(2, { ConversionName: 'No such goal' }),
      conversion(3, { MicrosoftClickId: 'not-a-click' }),
      conversion(4, { ConversionTime: isoAgo(-HOUR) })
    ]
    const result = await uploadBulkFile(client(), { name: 'file.csv', content: bulkCsv(records) }, { poll: FAST })
    if (!result.ok) throw new Error(result.outcome.message)
    expect(result.status).toBe('CompletedWithErrors')
    const codes = Object.fromEntries(
      [...result.results.errorsByClientId].map(([id, errors]) => [id, errors.map((e) => e.code)])
    )
    expect(codes).toEqual({ 'line-2': [5606], 'line-3': [5604], 'line-4': [5614] })
    expect(result.results.errorsByClientId.get('line-2')?.[0]).toMatchObject({
      errorCode: 'OfflineConversionNameInvalid',
      fieldPath: 'ConversionName'
    })
  })

  it('deduplicates Bulk rows against conversions that came through Apply', async () => {
    const campaign = new CampaignClient({ auth: AUTH })
    const records = [conversion(1), conversion(2)]
    expect((await campaign.applyOfflineConversions(records)).map((o) => o.outcome)).toEqual(['delivered', 'delivered'])
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: bulkCsv([...records, conversion(3)]) },
      { poll: FAST }
    )
    expect(result.ok && result.status).toBe('Completed')
    const state = harness.emulator.state()
    expect(state.offlineConversions.count).toBe(3)
    expect(state.offlineConversions.duplicates).toBe(2)
  })

  it('returns results for every row with ErrorsAndResults', async () => {
    const bulk = client()
    const { RequestId, UploadUrl } = await bulk.getUploadUrl('ErrorsAndResults')
    await bulk.uploadFile(UploadUrl, { name: 'file.csv', content: bulkCsv([conversion(1), conversion(2)]) })
    await bulk.getUploadStatus(RequestId)
    const done = await bulk.getUploadStatus(RequestId)
    expect(done.RequestStatus).toBe('Completed')
    const text = await bulk.downloadResults(done.ResultFileUrl as string)
    expect(text.split('\r\n').filter((line) => line.startsWith('Offline Conversion,'))).toHaveLength(2)
  })

  it('refuses at the upload URL: a reused URL, no file, two files, .txt, no AuthenticationToken', async () => {
    const bulk = client()
    const { UploadUrl } = await bulk.getUploadUrl()
    expect((await postFile(UploadUrl, bulkCsv([conversion(1)]), { fileName: 'file.txt' })).body.Code).toBe(3223)
    const noToken = await postFile(UploadUrl, bulkCsv([conversion(1)]), {
      headers: { AuthenticationToken: '', Authorization: `Bearer ${CREDENTIALS.accessToken}` }
    })
    expect(noToken.status).toBe(401)
    const boundary = 'b0undary'
    const twoFiles = await fetch(UploadUrl, {
      method: 'POST',
      headers: {
        AuthenticationToken: CREDENTIALS.accessToken,
        DeveloperToken: CREDENTIALS.developerToken,
        CustomerId: CUSTOMER_ID,
        CustomerAccountId: ACCOUNT_ID,
        'Content-Type': `multipart/form-data; boundary=${boundary}`
      },
      body:
        [1, 2]
          .map(
            (n) => `--${boundary}\r\nContent-Disposition: form-data; name="f${n}"; filename="f${n}.csv"\r\n\r\nx\r\n`
          )
          .join('') + `--${boundary}--\r\n`
    })
    expect(((await twoFiles.json()) as { Code: number }).Code).toBe(3222)
    expect((await postFile(UploadUrl, '', { headers: { 'Content-Type': 'text/csv' } })).body.Code).toBe(3221)
    expect((await postFile(UploadUrl, bulkCsv([conversion(1)]))).status).toBe(200)
    const again = await postFile(UploadUrl, bulkCsv([conversion(1)]))
    expect(again).toEqual({
      status: 400,
      body: expect.objectContaining({ Code: 3224, ErrorCode: 'BulkServiceUrlAlreadyUsedForUpload' })
    })
  })

  it.each([
    ['no byte order mark', (csv: string) => csv.slice(1), 'Failed'],
    ['another Format Version', (csv: string) => csv.replace(',6.0,', ',5.0,'), 'UploadFileFormatNotSupported']
  ])('ends a file with %s in a final status', async (_name, change, status) => {
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: change(bulkCsv([conversion(1)])) },
      { poll: FAST }
    )
    expect(result.ok).toBe(false)
    expect(harness.emulator.state().bulk.byStatus).toEqual({ [status]: 1 })
    expect(harness.emulator.state().offlineConversions.count).toBe(0)
  })

  it('enforces the configured row limit (sandbox: 20,000)', async () => {
    harness.emulator.setOptions({ bulkRowLimit: 3 })
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: bulkCsv([1, 2, 3].map((n) => conversion(n))) },
      { poll: FAST }
    )
    expect(result).toMatchObject({ ok: false, outcome: { outcome: 'rejected', reason: 'bulk_row_count_exceeded' } })
  })

  it('answers 4204 when throttled, and uploadBulkFile waits and tries again', async () => {
    await control(harness.url, 'POST', 'bulk/faults', { throttleNext: 1 })
    await expect(client().getUploadUrl()).rejects.toMatchObject({
      outcome: {
        outcome: 'retry',
        code: 4204,
        reason: 'BulkServiceNoMoreCallsPermittedForTheTimePeriod',
        retryAfterSeconds: 900
      }
    })
    harness.emulator.setBulkFaults({ throttleNext: 2 })
    const waits: number[] = []
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: bulkCsv([conversion(1)]) },
      { poll: { ...FAST, maxThrottleWaitMs: 5, sleep: async (ms) => void waits.push(ms) } }
    )
    expect(result.ok).toBe(true)
    expect(waits.slice(0, 2)).toEqual([5, 5])
    expect(harness.emulator.state().offlineConversions.count).toBe(1)
  })

  it('gives every row one retry outcome when the file ends Failed, and records nothing', async () => {
    harness.emulator.setBulkFaults({ failNext: 1 })
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: bulkCsv([conversion(1)]) },
      { poll: FAST }
    )
    expect(result).toMatchObject({ ok: false, outcome: { outcome: 'retry', reason: 'bulk_upload_failed' } })
    expect(harness.emulator.state().offlineConversions.count).toBe(0)
  })

  it('refuses an expired upload URL with 3226, and uploadBulkFile asks for a new one', async () => {
    harness.emulator.setOptions({ bulkUploadUrlLifetimeSeconds: 0 })
    const bulk = client()
    const { UploadUrl } = await bulk.getUploadUrl()
    await new Promise((resolve) => setTimeout(resolve, 5))
    const error = await bulk
      .uploadFile(UploadUrl, { name: 'file.csv', content: bulkCsv([conversion(1)]) })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MicrosoftApiError)
    expect((error as MicrosoftApiError).outcome).toMatchObject({
      outcome: 'retry',
      code: 3226,
      reason: 'BulkServiceUrlExpired'
    })
    const result = await uploadBulkFile(
      bulk,
      { name: 'file.csv', content: bulkCsv([conversion(1)]) },
      { poll: { ...FAST, attempts: 2 } }
    )
    expect(result).toMatchObject({ ok: false, outcome: { code: 3226 } })
    harness.emulator.setOptions({ bulkUploadUrlLifetimeSeconds: 900 })
    expect(
      (await uploadBulkFile(bulk, { name: 'file.csv', content: bulkCsv([conversion(1)]) }, { poll: FAST })).ok
    ).toBe(true)
  })

  it('refuses an expired results URL (403), and uploadBulkFile reads the status again for a new one', async () => {
    harness.emulator.setBulkFaults({ expireResultsNext: 1 })
    const result = await uploadBulkFile(
      client(),
      { name: 'file.csv', content: bulkCsv([conversion(1), conversion(2, { ConversionName: 'Nope' })]) },
      { poll: FAST }
    )
    if (!result.ok) throw new Error(result.outcome.message)
    expect([...result.results.errorsByClientId.keys()]).toEqual(['line-2'])
    const requests = harness.emulator.state().requests
    expect(requests.bulkResults).toEqual({ 403: 1, 200: 1 })
  })

  it('polls a resumed request id instead of uploading the file again', async () => {
    const bulk = client()
    const seen: string[] = []
    const first = await uploadBulkFile(
      bulk,
      { name: 'file.csv', content: bulkCsv([conversion(1)]) },
      { poll: FAST, hooks: { onUploaded: (id) => void seen.push(id) } }
    )
    expect(first.ok).toBe(true)
    const resumed = await uploadBulkFile(
      bulk,
      { name: 'file.csv', content: bulkCsv([conversion(1)]) },
      { poll: FAST, hooks: { resumeRequestId: seen[0] } }
    )
    expect(resumed).toMatchObject({ ok: true, requestId: seen[0] })
    expect(harness.emulator.state().requests.bulkUpload).toEqual({ 200: 1 })
  })

  it('answers 4203 for a record whose Type it does not know, and 4201 for an unknown RequestId', async () => {
    const csv = bulkCsv([conversion(1)]) + 'Keyword Thing,,,,line-9\r\n'
    const result = await uploadBulkFile(client(), { name: 'file.csv', content: csv }, { poll: FAST })
    if (!result.ok) throw new Error(result.outcome.message)
    expect(result.results.errorsByClientId.get('line-9')).toEqual([
      expect.objectContaining({ code: 4203, errorCode: 'BulkServiceUnknownTypeForRow', recordType: 'Keyword Thing' })
    ])
    await expect(client().getUploadStatus('no-such-request')).rejects.toMatchObject({
      outcome: { code: 4201, reason: 'BulkServiceInvalidRequestId' }
    })
  })

  it('reads quoted cells with commas, quotes and line breaks in the uploaded file and in the results', async () => {
    const name = 'Sale, "big"\nline two'
    const records = [conversion(1, { ConversionName: name }), conversion(2)]
    const result = await uploadBulkFile(client(), { name: 'file.csv', content: bulkCsv(records) }, { poll: FAST })
    if (!result.ok) throw new Error(result.outcome.message)
    expect([...result.results.errorsByClientId.keys()]).toEqual(['line-1'])
    expect(result.results.errorsByClientId.get('line-1')?.[0].code).toBe(5606)
    expect(harness.emulator.state().offlineConversions.count).toBe(1)
  })

  it('refreshes a refused token once, for the queries and for the upload', async () => {
    let refreshes = 0
    const tokens = new TokenManager({ onRefresh: () => (refreshes += 1) })
    const credentials = {
      clientId: CREDENTIALS.clientId,
      clientSecret: CREDENTIALS.clientSecret,
      refreshToken: CREDENTIALS.refreshToken
    }
    const bulk = new BulkClient({ auth: { ...AUTH, accessToken: oauthTokenSource(tokens, credentials) } })
    const { RequestId, UploadUrl } = await bulk.getUploadUrl()
    expect(refreshes).toBe(1)
    harness.emulator.expireAccessTokens()
    await bulk.uploadFile(UploadUrl, { name: 'file.csv', content: bulkCsv([conversion(1)]) })
    expect(refreshes).toBe(2)
    harness.emulator.expireAccessTokens()
    expect((await bulk.getUploadStatus(RequestId)).RequestStatus).toBe('InProgress')
    expect(refreshes).toBe(3)
  })
})
