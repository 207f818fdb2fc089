import { runCli } from '../program'
import { memoryIo } from './helpers'

describe('the command line', () => {
  it('lists its commands and exits 2 on an unknown one', async () => {
    const help = memoryIo({})
    expect(await runCli(['--help'], help)).toBe(0)
    for (const command of ['serve', 'send', 'goals', 'tags', 'auth', 'export-csv', 'emulator'])
      expect(help.out()).toContain(command)
    const unknown = memoryIo({})
    expect(await runCli(['frobnicate'], unknown)).toBe(2)
    expect(unknown.err()).toMatch(/unknown command/)
  })
})
