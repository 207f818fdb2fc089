import { join } from 'path'
import { writeFileSync } from 'fs'
import { DEFAULT_SEED } from '../../../emulator'
import { demoEnv, memoryIo, temporaryDirectory } from '../../__tests__/helpers'
import { runCli } from '../../program'
import { loadSettings } from '../load-settings'
import { missingCredentials } from '../missing-credentials'

describe('credentials that are only partly set', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('names each missing one by environment variable and config key', async () => {
    const env = demoEnv(directory.path, { MSADS_DEVELOPER_TOKEN: '', MSADS_CLIENT_SECRET: '' })
    const error = missingCredentials(await loadSettings({ env }))
    expect(error?.message).toContain(
      'developer_token: set MSADS_DEVELOPER_TOKEN or "developer_token" in a config file (--config)'
    )
    expect(error?.message).toContain('client_secret: set MSADS_CLIENT_SECRET')
    expect(error?.message).not.toContain('customer_id')
  })

  it('names the config file when there is one', async () => {
    const config = join(directory.path, 'msads.json')
    writeFileSync(config, JSON.stringify({ customer_id: DEFAULT_SEED.customers[0].id }))
    const error = missingCredentials(await loadSettings({ configFile: config, env: {} }))
    expect(error?.message).toContain(`account_id: set MSADS_ACCOUNT_ID or "account_id" in ${config}`)
  })

  it('asks nothing more of a run that has the whole set, of Conversions API events alone, or of none', async () => {
    expect(missingCredentials(await loadSettings({ env: demoEnv(directory.path) }))).toBeUndefined()
    const capiOnly = { MSADS_UET_TAG_ID: DEFAULT_SEED.tags[0].id, MSADS_UET_CAPI_TOKEN: 'capi-token-value' }
    expect(missingCredentials(await loadSettings({ env: capiOnly }))).toBeUndefined()
    expect(missingCredentials(await loadSettings({ env: {} }))).toBeUndefined()
  })

  it('stops msads send before any event with exit 2', async () => {
    const input = join(directory.path, 'one.ndjson')
    writeFileSync(input, '{"type":"track","event":"Order Completed"}\n')
    const io = memoryIo(demoEnv(directory.path, { MSADS_DEVELOPER_TOKEN: '' }))
    const code = await runCli(['send', input, '--no-progress'], io)
    expect(code).toBe(2)
    expect(io.err()).toContain('developer_token: set MSADS_DEVELOPER_TOKEN')
  })
})
