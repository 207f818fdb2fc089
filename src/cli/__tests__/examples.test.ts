/**
 * The sample files of examples/, as the README's commands use them: with their times moved to the last hours
 * (npm run examples), each is delivered on the embedded emulator, nothing rejected.
 */
import { spawnSync } from 'child_process'
import { readFileSync } from 'fs'
import { join } from 'path'
import {
  CSV_FILES,
  EXAMPLES_DIRECTORY,
  FRESH_DIRECTORY,
  NDJSON_FILES,
  refreshExamples
} from '../../../scripts/refresh-examples'
import { ENDPOINT_ENV } from '../../microsoft/endpoints'
import { runCli } from '../program'
import type { SendSummary } from '../send/send-run'
import { memoryIo, temporaryDirectory } from './helpers'

describe('examples/', () => {
  const directory = temporaryDirectory()
  const now = Date.now()
  const saved = Object.values(ENDPOINT_ENV).map((name) => [name, process.env[name]] as const)
  beforeAll(() => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    refreshExamples(EXAMPLES_DIRECTORY, directory.path, now)
  })
  afterAll(() => {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value
    directory.remove()
  })

  async function send(args: string[]): Promise<SendSummary> {
    const io = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'tokens.json') })
    const [file, ...flags] = args
    const code = await runCli(['send', join(directory.path, file), ...flags, '--json', '--no-progress'], io)
    expect(code).toBe(0)
    return JSON.parse(io.out().trim().split('\n').pop() as string) as SendSummary
  }

  it('moves every time so that the newest is five minutes ago, keeping the spacing', () => {
    for (const name of NDJSON_FILES) {
      const times = readFileSync(join(directory.path, name), 'utf8')
        .trim()
        .split('\n')
        .flatMap((line) =>
          [...line.matchAll(/"(?:timestamp|conversionTime)":"([^"]+)"/g)].map((match) => Date.parse(match[1]))
        )
      expect(Math.max(...times)).toBe(now - 5 * 60_000)
      expect(Math.min(...times)).toBeGreaterThan(now - 86_400_000)
    }
    for (const name of CSV_FILES)
      expect(readFileSync(join(directory.path, name), 'utf8')).toContain(new Date(now - 5 * 60_000).toISOString())
  })

  it('segment-events.ndjson: the default names delivered, Demo Booked and page_view not mapped', async () => {
    expect((await send(['segment-events.ndjson'])).outcomes).toEqual({
      delivered: { accepted: 8 },
      skipped: { event_not_mapped: 2 }
    })
  })

  it('segment-events.ndjson with subscriptions.json: only the two subscribed events', async () => {
    const summary = await send(['segment-events.ndjson', '--mapping', join(directory.path, 'subscriptions.json')])
    expect(summary.outcomes).toEqual({ delivered: { accepted: 2 }, skipped: { event_not_mapped: 8 } })
  })

  it('rudderstack-events.ndjson: events and records the RudderStack way', async () => {
    const summary = await send(['rudderstack-events.ndjson', '--source', 'rudderstack'])
    expect(summary.outcomes).toEqual({ delivered: { accepted: 4 }, skipped: { event_not_mapped: 1 } })
  })

  it('conversions.csv: every row delivered', async () => {
    expect((await send(['conversions.csv'])).outcomes).toEqual({ delivered: { accepted: 4 } })
  })

  it('npm run examples writes examples/fresh/ and leaves git status as it was', () => {
    const repository = join(EXAMPLES_DIRECTORY, '..')
    const status = (): string =>
      spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repository, encoding: 'utf8' }).stdout
    const before = status()
    const run = spawnSync('npm', ['run', '--silent', 'examples'], { cwd: repository, encoding: 'utf8' })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('examples/fresh/')
    expect(status()).toBe(before)
    for (const name of [...NDJSON_FILES, ...CSV_FILES])
      expect(readFileSync(join(FRESH_DIRECTORY, name), 'utf8')).not.toBe(
        readFileSync(join(EXAMPLES_DIRECTORY, name), 'utf8')
      )
  })
})
