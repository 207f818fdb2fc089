import { runSoak } from '../../bench/soak/soak'

/**
 * The soak's kill -9 cycle on the sender path: its first run is a process of its own, killed with SIGKILL once its
 * checkpoint has passed a seeded line, then finished with --resume. Nothing may be lost, the summary must cover the
 * input, and the only repeats Microsoft sees are the lines past the checkpoint the killed run had got stored.
 */
jest.setTimeout(180_000)

it('kill -9 midway and --resume: nothing lost, no repeat but those past the checkpoint, outcomes as due', async () => {
  const report = await runSoak({
    events: 4000,
    faultRate: 0.3,
    seed: 4,
    batchSize: 200,
    slowMs: 100,
    paths: ['sender'],
    killResume: true
  })

  const sender = report.paths.sender!
  expect(sender.kill_resume).toMatchObject({ killed: true })
  const cycle = sender.kill_resume!
  expect(cycle.resumed_after_line).toBeGreaterThan(0)
  expect(cycle.resumed_after_line).toBeLessThan(2000)
  expect(cycle.repeats_after_resume).toBe(cycle.stored_past_checkpoint)
  expect(sender).toMatchObject({ lost: 0, duplicates: 0, gave_up: 0, reported_twice: 0, sums_to_input: true })
  expect(sender.stored_but_not_reported_delivered).toBe(0)
  expect(sender.outcomes_as_expected).toBe(true)
  // Adjustments and CAPI events carry their own time or id: the resumed run's resends of them are ignored too.
  for (const kind of ['conversion', 'adjustment', 'capi'] as const) {
    expect(sender.kinds[kind]).toMatchObject({ lost: 0, duplicates: 0 })
    expect(sender.kinds[kind].delivered).toBeGreaterThan(0)
  }
  expect(Object.values(cycle.stored_past_checkpoint_by_kind).reduce((a, b) => a + b, 0)).toBe(
    cycle.stored_past_checkpoint
  )
})
