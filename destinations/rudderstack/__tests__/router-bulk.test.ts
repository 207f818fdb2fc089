import { MAX_ITEMS_PER_REQUEST } from 'msads-conversions'
import type {
  ProcessorTransformationOutput,
  ProxyV1Request,
  RouterTransformationResponse
} from '../contracts/rudder-types'
import { batchError, ENDPOINTS, FILTER_CODE_HEADERS } from './data/common'
import { accountA, accountB, BULK_SIZE, bulkInputs, clickIdOf } from './data/router/bulk'
import { RouterTransformationResponseListSchema } from './contracts/router-response-schema'
import { mockAxiosReplies } from './harness/axios-mock'
import { freezeClock, releaseClock } from './harness/clock'
import { requestMetadata, runDelivery, runRouter } from '../service-layer'

beforeAll(() => {
  freezeClock()
})
afterAll(() => {
  releaseClock()
})

/** rudder-server sends the requests of status-200 entries only (a filtered entry carries an empty one). */
const sent = (output: RouterTransformationResponse) => output.statusCode === 200
const requestsOf = (output: RouterTransformationResponse): ProcessorTransformationOutput[] =>
  output.batchedRequest === undefined || !sent(output) ? [] : [output.batchedRequest].flat()

const listOf = (request: ProcessorTransformationOutput): { key: string; items: Array<Record<string, unknown>> } => {
  const [key, items] = Object.entries(request.body.JSON).find(([, value]) => Array.isArray(value))!
  return { key, items: items as Array<Record<string, unknown>> }
}

describe('a router call of 2,500 mixed jobs', () => {
  const { inputs, expected } = bulkInputs()
  let output: RouterTransformationResponse[]

  beforeAll(async () => {
    output = (await runRouter({ input: inputs, destType: 'bingads_conversions' }, requestMetadata(FILTER_CODE_HEADERS)))
      .body.output
  })

  it('reports every jobId exactly once', () => {
    const seen = new Map<number, number>()
    for (const entry of output) {
      expect(Array.isArray(entry.metadata)).toBe(true)
      expect(entry.statusCode).toBeGreaterThanOrEqual(200)
      expect(entry.statusCode).toBeLessThan(600)
      for (const metadata of entry.metadata) seen.set(metadata.jobId!, (seen.get(metadata.jobId!) ?? 0) + 1)
    }
    expect(seen.size).toBe(BULK_SIZE)
    expect([...seen.values()].every((count) => count === 1)).toBe(true)
  })

  it('gives each job the status and reason its input calls for', () => {
    const tally: Record<number, number> = {}
    for (const entry of output) {
      for (const metadata of entry.metadata) {
        const want = expected.get(metadata.jobId!)!
        const status = entry.statusCode
        expect({ jobId: metadata.jobId, status }).toEqual({ jobId: metadata.jobId, status: want.status })
        if (!sent(entry)) {
          expect(entry.metadata).toHaveLength(1)
          expect(entry.batched).toBe(false)
          expect(entry.error).toContain(want.because)
        } else {
          expect(Object.keys((metadata.destInfo as { recordIndexes: object }).recordIndexes)).toContain(want.because)
        }
        tally[status] = (tally[status] ?? 0) + 1
      }
    }
    expect(tally).toEqual({ 200: 1375, 298: 500, 400: 375, 500: 250 })
  })

  it('carries the right error classes for rudder-server', () => {
    const byStatus = (status: number) => output.filter((entry) => entry.statusCode === status)
    expect(
      byStatus(400).every(
        (entry) => entry.statTags?.errorType === 'instrumentation' && entry.statTags?.feature === 'router'
      )
    ).toBe(true)
    expect(
      byStatus(500).every(
        (entry) => entry.statTags?.errorType === 'oAuthSecret' && entry.statTags?.errorCategory === 'platform'
      )
    ).toBe(true)
    expect(
      byStatus(298).every((entry) => entry.statTags === undefined && [entry.batchedRequest].flat()[0]?.endpoint === '')
    ).toBe(true)
  })

  it("passes rudder-transformer's router response schema, entry by entry", () => {
    expect(RouterTransformationResponseListSchema.safeParse(output).success).toBe(true)
  })

  it('fills requests up to 1,000 items, per endpoint and account, and sends dontBatch jobs alone', () => {
    const sizes: Record<string, number[]> = {}
    for (const entry of output.filter(sent)) {
      const account = entry.destination.ID
      for (const request of requestsOf(entry)) {
        const { key, items } = listOf(request)
        expect(items.length).toBeLessThanOrEqual(MAX_ITEMS_PER_REQUEST)
        ;(sizes[`${account} ${key}`] ??= []).push(items.length)
        if (key !== 'data') expect(request.headers.CustomerAccountId).toBe(entry.destination.Config.customerAccountId)
      }
      if (entry.metadata.some((m) => m.dontBatch)) expect(entry.metadata).toHaveLength(1)
    }
    // Account A: 1,125 batched offline conversions (the two-goal jobs never split) plus 125 dontBatch jobs of one item.
    const offlineA = sizes['destination-a OfflineConversions']
    expect(offlineA.filter((n) => n > 1).reduce((a, b) => a + b, 0)).toBe(1125)
    expect(Math.max(...offlineA)).toBeGreaterThan(990)
    expect(offlineA.filter((n) => n === 1)).toHaveLength(125)
    expect(sizes['destination-a OnlineConversionAdjustments']).toEqual([125])
    // Account B: one CAPI request and one Apply request for its 250 jobs.
    expect(sizes['destination-b data']).toEqual([250])
    expect(sizes['destination-b OfflineConversions']).toEqual([250])
  })

  it("records in destInfo exactly where each job's items are, and every item belongs to one job", () => {
    for (const entry of output.filter(sent)) {
      for (const request of requestsOf(entry)) {
        const { key, items } = listOf(request)
        const owners = new Array<number>(items.length).fill(0)
        for (const metadata of entry.metadata) {
          const indexes = (metadata.destInfo as { recordIndexes: Record<string, number[]> }).recordIndexes[key]
          const want = expected.get(metadata.jobId!)!
          expect(indexes.map((index) => items[index].ConversionName ?? 'capi')).toEqual(
            key === 'data' ? ['capi'] : want.goals
          )
          for (const index of indexes) owners[index]++
          const i = metadata.jobId! - 1
          for (const index of indexes) {
            const item = items[index]
            if (key === 'OfflineConversions' && item.MicrosoftClickId) expect(item.MicrosoftClickId).toBe(clickIdOf(i))
            if (key === 'OnlineConversionAdjustments') expect(item.TransactionId).toBe(`order-${i}`)
            if (key === 'data') expect(item.eventId).toBe(`bulk-${i}`)
          }
        }
        expect(owners.every((count) => count === 1)).toBe(true)
      }
    }
  })

  it('gets one delivery status per job back from the proxy, only the jobs owning a refused item failing', async () => {
    // Microsoft refuses every "Revenue" item whose click id is a multiple of 7, and accepts everything else.
    const refused = (item: Record<string, unknown>) =>
      item.ConversionName === 'Revenue' && parseInt(String(item.MicrosoftClickId), 16) % 7 === 0
    const restore = mockAxiosReplies({
      [ENDPOINTS.offline]: (body) => {
        const items = (body as { OfflineConversions: Array<Record<string, unknown>> }).OfflineConversions
        const errors = items.flatMap((item, index) =>
          refused(item) ? [batchError('OfflineConversionNameInvalid', index)] : []
        )
        return { status: 200, data: { PartialErrors: errors } }
      },
      [ENDPOINTS.onlineAdjustments]: () => ({ status: 200, data: { PartialErrors: [] } }),
      [ENDPOINTS.capi]: (body) => ({ status: 200, data: { eventsReceived: (body as { data: unknown[] }).data.length } })
    })

    const finalStatus = new Map<number, number>()
    for (const entry of output.filter(sent)) {
      // As rudder-server does: each request of the entry in turn, with every job's metadata; the last answer counts.
      for (const request of requestsOf(entry)) {
        const proxyRequest: ProxyV1Request = {
          ...request,
          userId: '',
          metadata: entry.metadata.map((m) => ({
            jobId: m.jobId!,
            attemptNum: 1,
            userId: '',
            sourceId: m.sourceId!,
            destinationId: m.destinationId!,
            workspaceId: m.workspaceId!,
            secret: m.secret!,
            destInfo: m.destInfo,
            dontBatch: Boolean(m.dontBatch)
          })),
          destinationConfig: entry.destination.Config
        }
        const { body } = await runDelivery(proxyRequest)
        expect(body.output.response).toHaveLength(entry.metadata.length)
        for (const state of body.output.response) finalStatus.set(state.metadata.jobId, state.statusCode)
      }
    }
    const expectedRefused = [...expected]
      .filter(([jobId, want]) => want.goals?.includes('Revenue') && (jobId - 1) % 7 === 0)
      .map(([jobId]) => jobId)
    expect(expectedRefused.length).toBeGreaterThan(30)
    for (const [jobId, status] of finalStatus)
      expect({ jobId, status }).toEqual({ jobId, status: expectedRefused.includes(jobId) ? 400 : 200 })
    expect(finalStatus.size).toBe(1375)
    restore()
  })

  it('keeps the two accounts apart', () => {
    for (const entry of output) {
      const ids = new Set(entry.metadata.map((m) => m.destinationId))
      expect(ids.size).toBe(1)
      expect([accountA.ID, accountB.ID]).toContain(entry.destination.ID)
    }
  })
})
