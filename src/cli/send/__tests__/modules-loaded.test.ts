import { spawnSync } from 'child_process'
import { readFileSync, writeFileSync } from 'fs'
import { join, resolve } from 'path'
import { demoEnv, temporaryDirectory } from '../../__tests__/helpers'

const ROOT = resolve(__dirname, '../../../..')

/**
 * What a process holds it cannot give back: a Segment send must not load RudderStack's modules (integrations-lib
 * alone is about 50 MB) or the emulator. Run as the real command, in its own process, with the modules it loaded
 * written out when it exits.
 */
describe('the modules msads send loads', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  function loadedBy(lines: object[]): string[] {
    const input = join(directory.path, `events-${lines.length}.ndjson`)
    writeFileSync(input, lines.map((line) => `${JSON.stringify(line)}\n`).join(''))
    const report = join(directory.path, 'modules.json')
    const reporter = join(directory.path, 'report-modules.js')
    writeFileSync(
      reporter,
      `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(require.cache))))\n`
    )
    const args = [
      '--conditions=msads-source',
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      reporter,
      'src/cli/main.ts'
    ]
    const run = spawnSync(
      process.execPath,
      [...args, 'send', input, '--dry-run', '--json', '--no-progress', '--rejects', join(directory.path, 'r.jsonl')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: directory.path, ...demoEnv(directory.path) },
        encoding: 'utf8'
      }
    )
    // Each line has its outcome (the dry run's, or a rejection): the run went through, whatever the events' fate.
    const summary = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { total?: number }
    expect({ total: summary.total, stderr: run.status === 0 || run.status === 1 ? '' : run.stderr }).toEqual({
      total: lines.length,
      stderr: ''
    })
    return (JSON.parse(readFileSync(report, 'utf8')) as string[]).map((file) => file.slice(ROOT.length + 1))
  }

  it('leaves RudderStack and the emulator unloaded for Segment events, and loads RudderStack with its first event', () => {
    const track = {
      type: 'track',
      event: 'Order Completed',
      messageId: 'm-1',
      timestamp: new Date().toISOString(),
      properties: { msclkid: 'abc', revenue: 5 }
    }
    const segmentOnly = loadedBy([track])
    expect(
      segmentOnly.filter(
        (file) => file.includes('@rudderstack/') || file.startsWith('destinations/rudderstack/service-layer')
      )
    ).toEqual([])
    expect(segmentOnly.filter((file) => file.startsWith('src/emulator/'))).toEqual([])

    const record = {
      type: 'record',
      action: 'insert',
      fields: { conversionName: 'Purchase', conversionTime: new Date().toISOString(), microsoftClickId: 'abc' }
    }
    const withRudderStack = loadedBy([track, record])
    expect(withRudderStack.some((file) => file.includes('@rudderstack/integrations-lib'))).toBe(true)
  })
})
