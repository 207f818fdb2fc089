import { spawnSync } from 'child_process'
import * as path from 'path'

/**
 * `npm run bench` must keep printing every figure the docs promise. This runs the bench script itself (from the
 * sources, through ts-node) with tiny sizes and checks the keys and their types; the values are not judged here:
 * benchmarks are never timed assertions.
 */
jest.setTimeout(180_000)

const ROOT = path.resolve(__dirname, '..', '..')

const FIGURES = [
  'core_events_per_s',
  'floor_events_per_s',
  'core_to_floor_ratio',
  'segment_events_per_s',
  'segment_to_core_ratio',
  'rudderstack_events_per_s',
  'rudderstack_to_core_ratio',
  'e2e_events_per_s',
  'e2e_to_core_ratio',
  'requests_per_1000_events',
  'send_1m_peak_rss_mb',
  'send_events',
  'send_requests_per_1000_events',
  'send_mapping_us_per_event',
  'send_core_us_per_event',
  'token_refreshes_per_lifetime',
  'emulator_items_per_s',
  'emulator_capi_events_per_s',
  'echo_items_per_s',
  'emulator_to_echo_ratio',
  'serve_fresh_batch_ms',
  'serve_after_unique_settings_batch_ms',
  'serve_after_to_fresh_ratio'
]

it('prints one JSON object with every figure and the machine', () => {
  const run = spawnSync(
    process.execPath,
    [
      '--conditions=msads-source',
      '-r',
      'ts-node/register/transpile-only',
      'bench/run.ts',
      '--json',
      '--quick',
      '--events',
      '300',
      '--rounds',
      '1',
      '--send-events',
      '3000'
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BENCH_QUICK: '1' },
      timeout: 170_000
    }
  )
  expect(run.stderr).not.toContain('bench failed')
  expect(run.status).toBe(0)
  const lines = run.stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  const results = JSON.parse(lines[0]) as Record<string, unknown>
  for (const key of FIGURES) expect({ key, type: typeof results[key] }).toEqual({ key, type: 'number' })
  expect(results.machine).toEqual(expect.objectContaining({ cpus: expect.any(Number), node: process.version }))
  expect(typeof results.e2e_path).toBe('string')
  // One Apply call for the 300 events.
  expect(results.requests_per_1000_events).toBeCloseTo(1000 / 300, 2)
  expect(results.token_refreshes_per_lifetime).toBe(1)
  expect(results.send_events).toBe(3000)
  expect(results.serve_process_secrets_growth).toBe(0)
  // Three full requests of 1,000, and one read of the account's goals: a third of the events are hash-only, and
  // those need a goal with enhanced conversions (read once per account, shared by the batches in flight).
  expect(results.send_requests_per_1000_events).toBeCloseTo(4 / 3, 2)
})
