/** `msads send` maps the default event names (Segment's spec and the product guides') to their goals on both paths. */
import { writeFileSync } from 'fs'
import { join } from 'path'
import { DEFAULT_GOALS } from '../../conversions/default-goals'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, orderCompleted, temporaryDirectory, useEmulatorEndpoints } from './helpers'

const NAMES = DEFAULT_GOALS.flatMap(({ goal, events }) => events.map((event) => [event, goal] as [string, string]))
const NOT_CONVERSIONS = ['page_view', 'view_item', 'Product Viewed']

describe('msads send, default event names', () => {
  const directory = temporaryDirectory()
  let emulator: RunningEmulator
  let run = 0

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 })
  })
  beforeEach(() => emulator.reset())
  useEmulatorEndpoints(() => emulator)
  afterAll(async () => {
    await emulator.close()
    directory.remove()
  })

  async function send(source: 'segment' | 'rudderstack', events: string[]) {
    const file = join(directory.path, `${source}-${++run}.ndjson`)
    const now = Date.now()
    writeFileSync(
      file,
      events.map((event, index) => JSON.stringify(orderCompleted(index + 1, now, { event }))).join('\n')
    )
    const io = memoryIo(demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${run}.json`) }))
    const code = await runCli(['send', file, '--json', '--no-progress', '--source', source], io)
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
    const stored = emulator.state().offlineConversions.records as Record<
      string,
      Array<{ item: Record<string, string> }>
    >
    const names = Object.values(stored)
      .flat()
      .map(({ item }) => [parseInt(item.MicrosoftClickId, 16), item.ConversionName] as const)
      .sort(([a], [b]) => a - b)
      .map(([, name]) => name)
    return { code, summary, names }
  }

  it.each(['segment', 'rudderstack'] as const)(
    'on the %s path, each default name is delivered to its goal',
    async (source) => {
      const { code, summary, names } = await send(
        source,
        NAMES.map(([event]) => event)
      )
      expect(summary.outcomes).toEqual({ delivered: { accepted: NAMES.length } })
      expect(code).toBe(0)
      expect(names).toEqual(NAMES.map(([, goal]) => goal))
    }
  )

  it('on the segment path, page views and other events are skipped as event_not_mapped', async () => {
    // Segment's subscriptions compare names exactly, so a capitalised "Purchase" is not the guides' "purchase".
    const { code, summary, names } = await send('segment', [...NOT_CONVERSIONS, 'Purchase'])
    expect(summary.outcomes).toEqual({ skipped: { event_not_mapped: NOT_CONVERSIONS.length + 1 } })
    expect(code).toBe(0)
    expect(names).toEqual([])
  })

  it('on the rudderstack path, page views and other events are filtered, none sent', async () => {
    const { summary, names } = await send('rudderstack', NOT_CONVERSIONS)
    expect(summary.outcomes).toEqual({ skipped: { event_not_mapped: NOT_CONVERSIONS.length } })
    expect(names).toEqual([])
  })
})
