import { spawnSync } from 'child_process'
import * as path from 'path'
import { peakRssBytes } from '../peak-rss'

const MB = 2 ** 20

describe('peakRssBytes', () => {
  it('is at least what the process holds now', () => {
    expect(peakRssBytes()).toBeGreaterThanOrEqual(process.memoryUsage().rss * 0.9)
  })

  it("does not count the memory of the parent that started the process (getrusage's maxRSS may)", () => {
    const module = path.join(__dirname, '..', 'peak-rss.ts')
    // A parent holding 400 MB of its own starts a small child that reports its peak.
    const parent = `
      const { spawnSync } = require('child_process')
      const held = []
      for (let i = 0; i < 400; i++) held.push(Buffer.alloc(${MB}, 1))
      const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e',
        'process.stdout.write(JSON.stringify({ peak: require(${JSON.stringify(module)}).peakRssBytes(), rss: process.memoryUsage().rss }))'],
        { encoding: 'utf8' })
      process.stdout.write(child.stdout + child.stderr)
      held.length = 0`
    const run = spawnSync(process.execPath, ['-e', parent], {
      encoding: 'utf8',
      cwd: path.join(__dirname, '..', '..', '..')
    })
    const reported = JSON.parse(run.stdout) as { peak: number; rss: number }
    expect(reported.peak).toBeGreaterThanOrEqual(reported.rss * 0.9)
    expect(reported.peak).toBeLessThan(300 * MB)
  })
})
