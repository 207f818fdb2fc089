import { writeFileSync } from 'fs'
import { join } from 'path'
import { memoryIo, temporaryDirectory } from '../../__tests__/helpers'
import { runCli } from '../../program'
import { earlyMemoryMode, MEMORY_MODES } from '../memory-mode'

describe('msads send --memory', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())
  const file = join(directory.path, 'events.ndjson')
  writeFileSync(
    file,
    `${JSON.stringify({ type: 'track', event: 'Order Completed', properties: { msclkid: 'abc' } })}\n`
  )

  it('asks the process for the lean heap by default, and for V8 defaults with fast', async () => {
    for (const [args, expected] of [
      [[], 'lean'],
      [['--memory', 'fast'], 'fast']
    ] as const) {
      const asked: string[] = []
      const io = { ...memoryIo({ HOME: directory.path }), tuneMemory: (mode: string) => void asked.push(mode) }
      await runCli(
        ['send', file, '--dry-run', '--json', '--no-progress', '--rejects', join(directory.path, 'r.jsonl'), ...args],
        io
      )
      expect(asked).toEqual([expected])
    }
    expect(MEMORY_MODES).toEqual(['lean', 'fast'])
  })

  it('refuses any other mode as a usage error, naming the choices', async () => {
    const io = memoryIo({ HOME: directory.path })
    expect(await runCli(['send', file, '--memory', 'huge'], io)).toBe(2)
    expect(io.err()).toMatch(/--memory.*lean, fast/s)
  })
})

describe('the memory mode read before the modules load', () => {
  it('is lean for a send unless fast is asked for, in either spelling, and nothing for other commands', () => {
    expect(earlyMemoryMode(['send', 'events.ndjson'])).toBe('lean')
    expect(earlyMemoryMode(['send', 'events.ndjson', '--memory', 'fast'])).toBe('fast')
    expect(earlyMemoryMode(['send', '--memory=fast', 'events.ndjson'])).toBe('fast')
    expect(earlyMemoryMode(['send', '--memory', 'lean'])).toBe('lean')
    expect(earlyMemoryMode(['serve'])).toBeUndefined()
  })
})
