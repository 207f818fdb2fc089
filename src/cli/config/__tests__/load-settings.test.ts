import { writeFileSync } from 'fs'
import { join } from 'path'
import { temporaryDirectory } from '../../__tests__/helpers'
import { destinationConfig } from '../../rudderstack/cli-destination'
import { ConfigError } from '../../errors'
import { loadSettings } from '../load-settings'

describe('settings', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('reads a config file, with the environment over it', async () => {
    const config = join(directory.path, 'config.json')
    writeFileSync(config, JSON.stringify({ customer_id: '1', account_id: 2, environment: 'sandbox' }))
    const loaded = await loadSettings({
      configFile: config,
      env: { MSADS_ACCOUNT_ID: '3', MSADS_TOKEN_FILE: join(directory.path, 't.json') }
    })
    expect(loaded.settings).toEqual({ customer_id: '1', account_id: '3', environment: 'sandbox' })
    expect(loaded.sources).toEqual({
      customer_id: 'config file',
      account_id: 'environment',
      environment: 'config file'
    })
    expect(loaded.configured).toBe(true)
  })

  it('reads the default phone country, which is a choice, not a credential', async () => {
    const loaded = await loadSettings({
      env: { MSADS_DEFAULT_PHONE_COUNTRY: 'gb', MSADS_TOKEN_FILE: join(directory.path, 'p.json') }
    })
    expect(loaded.settings).toEqual({ default_phone_country: 'gb' })
    expect(loaded.configured).toBe(false)
    expect(destinationConfig({ default_phone_country: 'GB' })).toMatchObject({ defaultPhoneCountry: 'GB' })
  })

  it('refuses config keys that are not settings, such as an endpoint', async () => {
    const config = join(directory.path, 'endpoint.json')
    writeFileSync(config, JSON.stringify({ customer_id: '1', api_base_url: 'http://elsewhere' }))
    await expect(loadSettings({ configFile: config, env: {} })).rejects.toThrow(ConfigError)
  })
})
