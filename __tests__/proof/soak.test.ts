import { runSoak, type SoakReport } from '../../bench/soak/soak'

/**
 * A bounded soak in the suite: 5,000 events of the mix (offline conversions, Restate/Retract adjustments of them,
 * CAPI page loads and custom events) through each host path (the sender on the core, Segment's
 * Destination.onBatch, RudderStack's router and delivery proxy) against the emulator with every fault kind at a
 * 0.3 rate. Batches of 100 make each path send 50+ requests, so that every kind of fault is met. `npm run soak`
 * runs the full size.
 */
jest.setTimeout(120_000)

let report: SoakReport

beforeAll(async () => {
  report = await runSoak({ events: 5000, faultRate: 0.3, seed: 3, batchSize: 100, slowMs: 200 })
})

describe.each(['sender', 'segment', 'rudderstack'] as const)('the %s path under faults', (path) => {
  it('loses nothing and duplicates nothing, and its outcomes sum to the input', () => {
    const result = report.paths[path]!
    expect(result.lost).toBe(0)
    expect(result.duplicates).toBe(0)
    expect(result.gave_up).toBe(0)
    expect(result.reported_twice).toBe(0)
    expect(result.stored_but_not_reported_delivered).toBe(0)
    expect(result.delivered + result.rejected + result.skipped).toBe(result.sent)
    expect(result.sums_to_input).toBe(true)
  })

  it('gives every event the outcome its input calls for, each kind with its reasons', () => {
    const result = report.paths[path]!
    expect(result.outcomes_as_expected).toBe(true)
    expect(result.delivered).toBeGreaterThan(4000)
    expect(result.rejected).toBeGreaterThan(0)
    expect(result.skipped).toBe(result.skipped_reasons.ad_storage_consent_denied)
    expect(Object.keys(result.rejected_reasons).length).toBeGreaterThanOrEqual(5)
    expect(
      Object.keys(result.rejected_reasons).some((reason) => reason.startsWith('OfflineConversionNameInvalid'))
    ).toBe(true)
  })

  it.each(['conversion', 'adjustment', 'capi'] as const)('accounts for its %s events against the emulator', (kind) => {
    const result = report.paths[path]!.kinds[kind]
    expect(result.sent).toBeGreaterThan(kind === 'conversion' ? 4000 : 150)
    expect(result.lost).toBe(0)
    expect(result.duplicates).toBe(0)
    if (kind !== 'conversion') expect(result.delivered).toBe(result.sent)
  })

  it('gives every CAPI event it stored an eventId', () => {
    expect(report.paths[path]!.capi_without_event_id).toBe(0)
  })

  it('met faults, retried, and refreshed the token', () => {
    const result = report.paths[path]!
    expect(result.retried).toBeGreaterThan(0)
    expect(Object.values(result.faults_injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(5)
    expect(result.token_refreshes).toBeGreaterThanOrEqual(1)
  })
})

it('sums the paths in the total', () => {
  expect(report.total.sent).toBe(15_000)
  expect(report.total.lost).toBe(0)
  expect(report.total.duplicates).toBe(0)
  expect(report.total.sums_to_input).toBe(true)
})

it('is deterministic under its seed: the same faults, retries and outcomes twice', async () => {
  const withoutTimes = (soak: SoakReport) =>
    JSON.parse(
      JSON.stringify({
        ...soak,
        seconds: 0,
        paths: Object.fromEntries(Object.entries(soak.paths).map(([name, path]) => [name, { ...path, seconds: 0 }]))
      })
    )
  const options = { events: 1500, faultRate: 0.3, seed: 8, batchSize: 100, slowMs: 100 }
  const first = withoutTimes(await runSoak(options))
  const second = withoutTimes(await runSoak(options))
  expect(second).toEqual(first)
  expect(first.total.retried).toBeGreaterThan(0)
})
