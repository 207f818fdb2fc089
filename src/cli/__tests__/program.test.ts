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

describe('msads serve parses its options with commander, as send does', () => {
  it.each([
    [
      ['--port', '70000'],
      /option '-p, --port <port>' argument '70000' is invalid\. a port is a number from 0 to 65535/
    ],
    [
      ['--max-body-bytes', '0'],
      /option '--max-body-bytes <bytes>' argument '0' is invalid\. It must be a whole number/
    ],
    [['--max-connections', 'many'], /option '--max-connections <n>' argument 'many' is invalid/],
    [['--answer-timeout-ms', '1.5'], /option '--answer-timeout-ms <ms>' argument '1\.5' is invalid/],
    [
      ['--log-format', 'xml'],
      /option '--log-format <format>' argument 'xml' is invalid\. Allowed choices are json, pretty/
    ],
    [
      ['--unattributed-threshold', '1.5'],
      /'--unattributed-threshold <share>' argument '1\.5' is invalid\. It must be a share/
    ],
    [['--diagnostics-interval-minutes', '0'], /'--diagnostics-interval-minutes <minutes>' argument '0' is invalid/],
    [
      ['--forward-log-max-mb', '-1'],
      /'--forward-log-max-mb <mb>' argument '-1' is invalid\. It must be a positive number/
    ],
    [['--forward-log-max-age-days', 'x'], /'--forward-log-max-age-days <days>' argument 'x' is invalid/]
  ])('refuses %j with exit 2, naming the option and the rule, before anything starts', async (args, message) => {
    const io = memoryIo({})
    expect(await runCli(['serve', ...args], io)).toBe(2)
    expect(io.err()).toMatch(message)
    expect(io.out()).toBe('')
  })

  it('checks PORT and the diagnostics variables by the same rules', async () => {
    const port = memoryIo({ PORT: 'abc' })
    expect(await runCli(['serve'], port)).toBe(2)
    expect(port.err()).toBe('msads serve: PORT is invalid: a port is a number from 0 to 65535. Not "abc".\n')
    const threshold = memoryIo({ MSADS_UNATTRIBUTED_THRESHOLD: '2' })
    expect(await runCli(['serve', '--port', '0'], threshold)).toBe(2)
    expect(threshold.err()).toMatch(/MSADS_UNATTRIBUTED_THRESHOLD is invalid: It must be a share from 0 to 1/)
  })
})
