import { processRouterDest } from '../destinations/rudderstack'
import { chunk } from '../src/microsoft/chunk'
import {
  asSegmentEvents,
  DEMO,
  rudderDestination,
  rudderInput,
  rudderMetadata,
  segmentHost,
  segmentSettings
} from './hosts'
import { generateConversions, toRudderMessage, toSegmentEvent } from './workload'

/**
 * `node --cpu-prof dist-bench/bench/profile-hosts.js rudderstack|segment`: one host path alone, for a CPU profile.
 * The Segment path needs Microsoft intercepted; it is profiled without HTTP by answering from a local transport.
 */
async function main(which: string): Promise<void> {
  const conversions = generateConversions(10_000, Date.now())
  if (which === 'rudderstack') {
    const destination = rudderDestination()
    const batches = chunk(
      conversions.map((c) =>
        rudderInput(toRudderMessage(c), rudderMetadata(c.index + 1, DEMO.accessToken), destination)
      )
    )
    for (let round = 0; round < 20; round++) for (const batch of batches) await processRouterDest(batch)
    return
  }
  const nock = (await import('nock')).default
  process.env.MSADS_API_BASE_URL = 'http://microsoft.profile.invalid'
  nock('http://microsoft.profile.invalid')
    .persist()
    .post(/Apply$/)
    .reply(200, '{"PartialErrors":[]}')
  const segment = segmentHost()
  const settings = segmentSettings({ accessToken: DEMO.accessToken, refreshToken: DEMO.refreshToken })
  const batches = chunk(conversions.map((c) => toSegmentEvent(c))).map(asSegmentEvents)
  for (let round = 0; round < 5; round++) for (const batch of batches) await segment.onBatch(batch, settings)
}

main(process.argv[2] ?? 'rudderstack').then(
  () => process.stdout.write('done\n'),
  (error: unknown) => {
    process.stderr.write(`host profile failed: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 1
  }
)
