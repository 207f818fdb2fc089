import { writeFileSync } from 'fs'
import { join } from 'path'
import { loadSettings } from '../config/load-settings'
import { RequestError, SettingsError } from '../errors'
import { requestSettings } from '../host/settings-guard'
import { runCli } from '../program'
import { memoryIo, temporaryDirectory } from './helpers'

const directory = temporaryDirectory()
afterAll(() => directory.remove())
const tokenFile = join(directory.path, 'tokens.json')

describe('the consent default of the command line (the core rule)', () => {
  it('accepts granted or denied in any case, and no value at all', async () => {
    const denied = await loadSettings({ env: { MSADS_CONSENT_DEFAULT: ' Denied ', MSADS_TOKEN_FILE: tokenFile } })
    expect(denied.settings.consent_default).toBe('Denied')
    const unset = await loadSettings({ env: { MSADS_TOKEN_FILE: tokenFile } })
    expect(unset.settings.consent_default).toBeUndefined()
  })

  it('refuses any other value, naming the variable it came from', async () => {
    const loading = loadSettings({ env: { MSADS_CONSENT_DEFAULT: 'maybe', MSADS_TOKEN_FILE: tokenFile } })
    await expect(loading).rejects.toThrow(SettingsError)
    await expect(loading).rejects.toThrow('consent_default (MSADS_CONSENT_DEFAULT) must be granted or denied.')
  })

  it('refuses it in the config file and in any of its accounts, naming where', async () => {
    const shared = join(directory.path, 'shared.json')
    writeFileSync(shared, JSON.stringify({ consent_default: 'deny' }))
    await expect(loadSettings({ configFile: shared, env: { MSADS_TOKEN_FILE: tokenFile } })).rejects.toThrow(
      `consent_default in ${shared} must be granted or denied.`
    )

    const accounts = join(directory.path, 'accounts.json')
    writeFileSync(accounts, JSON.stringify({ accounts: { eu: { customer_id: '1', consent_default: 'opt-in' } } }))
    await expect(loadSettings({ configFile: accounts, env: { MSADS_TOKEN_FILE: tokenFile } })).rejects.toThrow(
      `consent_default of accounts.eu in ${accounts} must be granted or denied.`
    )
  })

  it('refuses it in the settings of a request to serve, as a 400', () => {
    expect(requestSettings({ consent_default: 'DENIED' })).toEqual({ consent_default: 'DENIED' })
    let refused: unknown
    try {
      requestSettings({ consent_default: 'maybe' })
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(RequestError)
    expect(refused).toMatchObject({
      status: 400,
      code: 'invalid_settings',
      message: 'settings.consent_default must be granted or denied.'
    })
  })

  it.each([
    [['send', 'events.ndjson']],
    [['send', 'rows.csv']],
    [['export-csv', 'events.ndjson']],
    [['goals', 'list']],
    [['auth', 'test']],
    [['serve', '--port', '0']]
  ])('%j exits 2 with the setting named, before anything starts', async (argv) => {
    writeFileSync(join(directory.path, 'events.ndjson'), '')
    writeFileSync(join(directory.path, 'rows.csv'), 'Conversion Name,Conversion Time,Microsoft Click Id\n')
    const io = {
      ...memoryIo({ MSADS_CONSENT_DEFAULT: 'maybe', MSADS_TOKEN_FILE: tokenFile }),
      stop: AbortSignal.abort()
    }
    const args = argv.map((arg) => (arg.includes('.') ? join(directory.path, arg) : arg))
    expect(await runCli(args, io)).toBe(2)
    expect(io.err()).toContain('consent_default (MSADS_CONSENT_DEFAULT) must be granted or denied.')
  })
})
