import { writeFileSync } from 'fs'
import { join } from 'path'
import { ENDPOINT_ENV } from '../../microsoft/endpoints'
import { runCli } from '../program'
import { INVALID_MAPPINGS, memoryIo, orderCompleted, temporaryDirectory } from './helpers'

describe('msads send --mapping with an invalid directive', () => {
  const directory = temporaryDirectory()
  const events = join(directory.path, 'events.ndjson')

  beforeAll(() => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    writeFileSync(events, `${JSON.stringify(orderCompleted(1))}\n`)
  })
  afterAll(() => directory.remove())

  it.each(INVALID_MAPPINGS)(
    'fails at once with exit 2, naming $names, and sends nothing',
    async ({ mapping, names }) => {
      const file = join(directory.path, 'mapping.json')
      writeFileSync(file, JSON.stringify([{ subscribe: 'type = "track"', partnerAction: 'trackConversion', mapping }]))
      const io = memoryIo({ MSADS_TOKEN_FILE: join(directory.path, 'tokens.json') })
      const code = await runCli(['send', events, '--mapping', file, '--no-progress', '--json'], io)
      expect(code).toBe(2)
      for (const name of names) expect(io.err()).toContain(name)
      expect(io.err()).toContain('mapping is not valid')
      expect(io.err()).not.toMatch(/\n\s+at |node_modules|\/work\//)
      expect(io.out()).not.toContain('"retry"')
    }
  )
})
