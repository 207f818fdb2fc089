import { spawnSync } from 'child_process'
import { writeFileSync } from 'fs'
import { join, resolve } from 'path'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'

const ROOT = resolve(__dirname, '../../../..')

/** The drawings of the progress bar in what a terminal received: the text after each carriage return, escapes out. */
function drawings(screen: string): string[] {
  return screen
    .split('\r')
    .map((piece) => piece.replace(/\x1b\[K/g, '').replace(/\n[\s\S]*$/, ''))
    .filter((piece) => /events done/.test(piece))
}

/**
 * `msads send` in an 80-column pseudo-terminal (util-linux `script` gives it one): every drawing of the progress
 * line fits in 79 columns, so none wraps and leaves a stale line, and the share done never goes backwards.
 */
describe('the progress line in a terminal', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('fits the terminal and never goes backwards', () => {
    const input = join(directory.path, 'events.ndjson')
    const now = Date.now()
    const lines = Array.from({ length: 8_000 }, (_, index) => JSON.stringify(orderCompleted(index, now)))
    writeFileSync(input, `${lines.join('\n')}\n`)
    const command = [
      'stty cols 80 rows 24;',
      JSON.stringify(process.execPath),
      '--conditions=msads-source -r ts-node/register/transpile-only src/cli/main.ts send',
      JSON.stringify(input),
      '--rejects',
      JSON.stringify(join(directory.path, 'rejects.jsonl')),
      '> /dev/null'
    ].join(' ')
    const run = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      // No credentials: the run goes to the embedded emulator.
      env: { PATH: process.env.PATH, HOME: directory.path, TERM: 'xterm', MSADS_CONSENT_DEFAULT: 'granted' },
      encoding: 'utf8',
      timeout: 300_000
    })
    expect({ status: run.status, tail: run.status === 0 ? '' : run.stdout.slice(-600) }).toEqual({
      status: 0,
      tail: ''
    })
    const drawn = drawings(run.stdout)
    expect(drawn.length).toBeGreaterThan(0)
    for (const line of drawn) expect(line.length).toBeLessThan(80)
    const shares = drawn.map((line) => Number(/\] (\d+)%/.exec(line)?.[1] ?? 0))
    shares.forEach((share, index) => expect(share).toBeGreaterThanOrEqual(shares[index - 1] ?? 0))
  })
})
