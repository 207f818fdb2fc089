import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import type { Diagnostics } from '../../diagnostics/collect-diagnostics'
import { serveDiagnosticsOptions } from '../serve-diagnostics'
import { startServe, type RunningServe } from '../start-serve'
import { UnattributedWatch, combinedStatus } from '../unattributed-health'

function diagnostics(days: Array<{ date: string; accepted: number; unattributed: number }>): Diagnostics {
  return {
    version: 1,
    range: { start: '2026-06-04', end: '2026-06-10' },
    goals: days.map((day) => ({
      goal: 'Purchase',
      goalId: '300000001',
      date: day.date,
      accepted: day.accepted,
      attributed: day.accepted - day.unattributed,
      unattributed: day.unattributed,
      reasons: [],
      sent: null
    })),
    uploads: [],
    errors: [],
    totals: { accepted: 0, attributed: 0, unattributed: 0, sent: null }
  }
}

const OPTIONS = { threshold: 0.5, intervalMs: 0, firstReadDelayMs: 0 }

describe('the unattributed share in /health', () => {
  it('judges the last day with accepted conversions only, degraded above the threshold', async () => {
    let answer = diagnostics([
      { date: '2026-06-09', accepted: 10, unattributed: 9 },
      { date: '2026-06-10', accepted: 10, unattributed: 5 }
    ])
    const watch = new UnattributedWatch(() => Promise.resolve(answer), OPTIONS)
    expect(watch.verdict()).toEqual({ status: 'live', threshold: 0.5 })
    await watch.refresh()
    expect(watch.verdict()).toMatchObject({
      status: 'live',
      lastDay: { date: '2026-06-10', accepted: 10, unattributed: 5, share: 0.5 }
    })
    answer = diagnostics([
      { date: '2026-06-10', accepted: 10, unattributed: 6 },
      { date: '2026-06-11', accepted: 0, unattributed: 0 }
    ])
    await watch.refresh()
    expect(watch.verdict()).toMatchObject({ status: 'degraded', lastDay: { date: '2026-06-10', share: 0.6 } })
    expect(combinedStatus('live', watch)).toBe('degraded')
    expect(combinedStatus('down', watch)).toBe('down')
    expect(combinedStatus('live', undefined)).toBe('live')
  })

  it('keeps the last good figures when a read fails, and says why', async () => {
    let fail = false
    const watch = new UnattributedWatch(
      () => (fail ? Promise.reject(new Error('[117] CallRateExceeded')) : Promise.resolve(diagnostics([]))),
      OPTIONS
    )
    await watch.refresh()
    fail = true
    await watch.refresh()
    expect(watch.latest()).toMatchObject({ diagnostics: { version: 1 }, error: '[117] CallRateExceeded' })
  })

  it('reads one at a time, however often it is asked', async () => {
    let reads = 0
    let release: () => void = () => undefined
    const watch = new UnattributedWatch(() => {
      reads += 1
      return new Promise<Diagnostics>((resolve) => (release = () => resolve(diagnostics([]))))
    }, OPTIONS)
    const first = watch.refresh()
    const second = watch.refresh()
    release()
    await Promise.all([first, second])
    expect(reads).toBe(1)
  })

  it('takes the threshold and interval from the flags, else the environment, naming a bad value', () => {
    expect(serveDiagnosticsOptions({}, {})).toEqual({})
    expect(serveDiagnosticsOptions({}, { MSADS_UNATTRIBUTED_THRESHOLD: '0.25' })).toEqual({ threshold: 0.25 })
    expect(serveDiagnosticsOptions({ unattributedThreshold: 0.1 }, { MSADS_UNATTRIBUTED_THRESHOLD: '0.25' })).toEqual({
      threshold: 0.1
    })
    expect(serveDiagnosticsOptions({ diagnosticsIntervalMinutes: 15 }, {})).toEqual({ intervalMs: 900_000 })
    expect(serveDiagnosticsOptions({}, { MSADS_UNATTRIBUTED_THRESHOLD: '1.5' })).toBe(
      'MSADS_UNATTRIBUTED_THRESHOLD is invalid: It must be a share from 0 to 1, such as 0.5. Not "1.5".'
    )
    expect(serveDiagnosticsOptions({}, { MSADS_DIAGNOSTICS_INTERVAL_MINUTES: '0' })).toMatch(
      /MSADS_DIAGNOSTICS_INTERVAL_MINUTES is invalid: It must be a whole number from 1 to 1440/
    )
  })
})

describe('msads serve: GET /diagnostics and /health after unattributed uploads', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' },
      diagnostics: { threshold: 0.5 }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  const get = async (path: string) => {
    const response = await fetch(`${serve.url}${path}`)
    return { http: response.status, ...(await response.json()) }
  }

  it('answers 503 until a first read, then turns /health degraded when most of the last day is unattributed', async () => {
    expect(await get('/diagnostics')).toMatchObject({ http: 503, error: { code: 'diagnostics_unavailable' } })
    // Four of ten clicks are known to Microsoft; the other six conversions find no click.
    serve.emulator?.addClicks(
      [1, 2, 3, 4].map((n) => ({
        msclkid: n.toString(16).padStart(32, '0'),
        clickTime: new Date(Date.now() - 2 * 3_600_000).toISOString()
      }))
    )
    const payloads = Array.from({ length: 10 }, (_, i) => orderCompleted(i + 1))
    const sent = await fetch(`${serve.url}/actions/trackConversion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ payloads })
    })
    expect((await sent.json()).results.map((r: { outcome: string }) => r.outcome)).toEqual(Array(10).fill('delivered'))
    // Delivered, yet not read again until the next background read: /health is what the last read said.
    expect(await get('/health')).toMatchObject({ http: 200, status: 'live' })

    await serve.diagnostics.refresh()
    const health = await get('/health')
    expect(health).toMatchObject({
      http: 200,
      status: 'degraded',
      processing: { status: 'degraded', threshold: 0.5, lastDay: { accepted: 10, unattributed: 6, share: 0.6 } }
    })
    const report = await get('/diagnostics')
    expect(report).toMatchObject({
      http: 200,
      version: 1,
      health: { status: 'degraded' },
      totals: { accepted: 10, attributed: 4, unattributed: 6 }
    })
    const post = await fetch(`${serve.url}/diagnostics`, { method: 'POST' })
    expect(post.status).toBe(405)
    expect(report.goals[0].reasons).toEqual([expect.objectContaining({ reason: 'NoMatchingClickFound', count: 6 })])
  })
})
