import { DEFAULT_SEED, startEmulator, type RunningEmulator } from '../../../../emulator'
import { BulkClient, fetchTransport, type HttpRequest, type Transport } from '../../../../microsoft'
import { runBulkSend, type BulkItem } from '../bulk-upload'

const AUTH = {
  developerToken: DEFAULT_SEED.credentials.developerToken,
  customerId: DEFAULT_SEED.customers[0].id,
  accountId: DEFAULT_SEED.customers[0].accounts[0].id,
  accessToken: DEFAULT_SEED.credentials.accessToken
}
const FAST = { initialDelayMs: 0, maxDelayMs: 1, maxThrottleWaitMs: 1, sleep: async () => undefined }
const BASE = Math.floor(Date.now() / 1000) * 1000 - 7_200_000
const clickId = (n: number) => n.toString(16).padStart(32, '0')

/** 1,500 conversions; every 97th names no goal, every 101st has a bad click id, every 499th repeats the one before. */
function items(): BulkItem[] {
  return Array.from({ length: 1500 }, (_, index): BulkItem => {
    const n = index + 1
    const same = n % 499 === 0 ? n - 1 : n
    return {
      line: n + 1,
      kind: 'offline',
      input: {
        conversionName: n % 97 === 0 ? 'No Such Goal' : 'Purchase',
        conversionTime: new Date(BASE - same * 1000).toISOString(),
        clickId: { mapped: n % 101 === 0 ? `not-a-click-${n}` : clickId(same) },
        value: 5,
        currency: 'USD',
        consent: { adUserData: 'granted' }
      }
    }
  })
}

interface Upload {
  multipart: Buffer
  bytes: number
}

function recordingClient(uploads: Upload[]): BulkClient {
  const transport: Transport = (request: HttpRequest) => {
    if (request.url.includes('/bulk-upload/')) {
      const multipart = Buffer.from(request.body ?? '')
      uploads.push({ multipart, bytes: multipart.length })
    }
    return fetchTransport(request)
  }
  return new BulkClient({ auth: AUTH, transport })
}

function stored(emulator: RunningEmulator): string[] {
  const byAccount = emulator.state().offlineConversions.records as Record<string, Array<{ item: unknown }>>
  return Object.values(byAccount)
    .flat()
    .map(({ item }) => JSON.stringify(item))
    .sort()
}

describe('the Bulk upload with compress', () => {
  jest.setTimeout(60_000)
  let emulator: RunningEmulator
  const previous = process.env.MSADS_API_BASE_URL
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
    process.env.MSADS_API_BASE_URL = emulator.url
  })
  afterAll(async () => {
    await emulator.close()
    if (previous === undefined) delete process.env.MSADS_API_BASE_URL
    else process.env.MSADS_API_BASE_URL = previous
  })

  async function send(compress: boolean, maxFileBytes?: number) {
    emulator.reset()
    const uploads: Upload[] = []
    const outcomes = await runBulkSend(items(), {
      client: recordingClient(uploads),
      core: {},
      rowLimit: 100_000,
      compress,
      maxFileBytes,
      poll: FAST
    })
    return { outcomes, uploads, stored: stored(emulator) }
  }

  it('uploads ZIP archives and gives the same outcomes and stored records as plain CSV files', async () => {
    const plain = await send(false)
    const zipped = await send(true)
    expect(plain.uploads).toHaveLength(1)
    expect(zipped.uploads).toHaveLength(1)
    const [upload] = zipped.uploads
    expect(upload.multipart.includes('Content-Type: application/zip')).toBe(true)
    expect(upload.multipart.includes(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(true)
    expect(upload.bytes).toBeLessThan(plain.uploads[0].bytes / 3)

    const kinds = (outcomes: typeof plain.outcomes) => outcomes.map((o) => `${o.outcome}:${o.reason}:${o.code ?? ''}`)
    expect(kinds(zipped.outcomes)).toEqual(kinds(plain.outcomes))
    expect(zipped.stored).toEqual(plain.stored)
    const count = (kind: string) => zipped.outcomes.filter((o) => o.outcome === kind).length
    expect(count('rejected')).toBeGreaterThan(20)
    expect(count('delivered')).toBe(zipped.stored.length)
  })

  it('halves a file whose archive is over the size limit, until each archive is under it', async () => {
    const whole = await send(true)
    const limit = Math.floor(whole.uploads[0].bytes / 3)
    const split = await send(true, limit)
    expect(split.uploads.length).toBeGreaterThanOrEqual(4)
    // The limit is on the archive; the multipart envelope around it adds a few hundred bytes.
    for (const upload of split.uploads) expect(upload.bytes).toBeLessThan(limit + 400)
    expect(split.outcomes.map((o) => o.outcome)).toEqual(whole.outcomes.map((o) => o.outcome))
    expect(split.stored).toEqual(whole.stored)
  })
})
