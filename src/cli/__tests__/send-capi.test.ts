import { readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { demoEnv, memoryIo, useEmulatorAndDirectory, wholeSecondsAgo } from './helpers'

/** Page events reach the Conversions API: RudderStack's with the tag and token of its own config, Segment's with the settings' tag. */
describe('msads send: Conversions API events', () => {
  jest.setTimeout(60_000)
  const { directory, emulator } = useEmulatorAndDirectory()
  let run = 0

  async function send(config: Record<string, unknown>) {
    emulator().reset()
    const file = join(directory.path, `pages-${++run}.ndjson`)
    const page = {
      type: 'page',
      name: 'Home',
      messageId: `page-${run}`,
      anonymousId: 'visitor-1',
      timestamp: wholeSecondsAgo(60_000),
      context: { page: { url: 'https://shop.example/' } }
    }
    writeFileSync(file, `${JSON.stringify(page)}\n`)
    const configFile = join(directory.path, `config-${run}.json`)
    writeFileSync(configFile, JSON.stringify(config))
    const io = memoryIo(demoEnv(directory.path, { MSADS_TOKEN_FILE: join(directory.path, `tokens-${run}.json`) }))
    const rejects = join(directory.path, `rejects-${run}.jsonl`)
    const code = await runCli(
      [
        'send',
        file,
        '--source',
        'rudderstack',
        '--destination-config',
        configFile,
        '--no-progress',
        '--json',
        '-r',
        rejects
      ],
      io
    )
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
    return { code, summary, rejects }
  }

  it("sends a page event to the tag of the destination's config, with its token", async () => {
    const { code, summary } = await send({
      sendPageEventsToCapi: true,
      uetTagId: '400000001',
      capiToken: 'emulator-demo-capi-token'
    })
    expect(summary.outcomes).toEqual({ delivered: { accepted: 1 } })
    expect(code).toBe(0)
    expect(emulator().state().capiEvents.count).toBe(1)
  })

  it('refuses it, as the RudderStack destination does, when the config has no CAPI token', async () => {
    const { code, summary, rejects } = await send({ sendPageEventsToCapi: true, uetTagId: '400000001', capiToken: '' })
    expect(code).toBe(1)
    expect(summary.outcomes).toEqual({ rejected: { invalid_config: 1 } })
    expect(JSON.parse(readFileSync(rejects, 'utf8').trim())).toMatchObject({
      reason: 'invalid_config',
      source: 'rudderstack'
    })
    expect(emulator().state().capiEvents.count).toBe(0)
  })

  it('sends a Segment page event through the tag of the settings, its key fetched once', async () => {
    emulator().reset()
    const file = join(directory.path, 'segment-page.ndjson')
    const page = {
      type: 'page',
      name: 'Home',
      messageId: 'segment-page-1',
      anonymousId: 'visitor-2',
      timestamp: wholeSecondsAgo(60_000),
      context: { page: { url: 'https://shop.example/' } }
    }
    writeFileSync(file, `${JSON.stringify(page)}\n`)
    const io = memoryIo(
      demoEnv(directory.path, {
        MSADS_TOKEN_FILE: join(directory.path, 'tokens-segment.json'),
        MSADS_UET_TAG_ID: '400000001'
      })
    )
    const code = await runCli(
      ['send', file, '--no-progress', '--json', '-r', join(directory.path, 'segment.jsonl')],
      io
    )
    const summary = JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
    expect(summary.outcomes).toEqual({ delivered: { accepted: 1 } })
    expect(code).toBe(0)
    expect(emulator().state().capiEvents.count).toBe(1)
    expect(emulator().state().requests.getUetTagAuthKey).toEqual({ 200: 1 })
  })
})
