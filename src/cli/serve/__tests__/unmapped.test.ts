import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { orderCompleted, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

describe('msads serve: events that no preset maps', () => {
  const directory = temporaryDirectory()
  let serve: RunningServe

  beforeAll(async () => {
    for (const name of Object.values(ENDPOINT_ENV)) delete process.env[name]
    serve = await startServe({
      port: 0,
      env: { MSADS_TOKEN_FILE: `${directory.path}/tokens.json`, LOG_LEVEL: 'silent' }
    })
  })
  afterAll(async () => {
    await serve.close()
    directory.remove()
  })

  const post = async (body: unknown) => {
    const response = await fetch(`${serve.url}/actions/trackConversion`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    })
    return { status: response.status, json: await response.json() }
  }
  const unmapped = (index: number) => ({ ...orderCompleted(index), event: 'Button Clicked' })

  it('skips an unmapped event with event_not_mapped (200), as msads send does', async () => {
    const single = await post({ payload: unmapped(1) })
    expect(single.status).toBe(200)
    expect(single.json.results).toEqual([
      expect.objectContaining({ status: 200, outcome: 'skipped', reason: 'event_not_mapped' })
    ])
    expect(serve.emulator!.state().offlineConversions.count).toBe(0)
  })

  it('delivers the mapped events of a mixed batch, each by its own preset, in order', async () => {
    const signUp = { ...orderCompleted(4), event: 'Signed Up' }
    const answer = await post({ payloads: [orderCompleted(2), unmapped(3), signUp] })
    expect(answer.status).toBe(200)
    expect(
      answer.json.results.map((result: { outcome: string; reason: string }) => `${result.outcome}:${result.reason}`)
    ).toEqual(['delivered:accepted', 'skipped:event_not_mapped', 'delivered:accepted'])
    const records = Object.values(serve.emulator!.state().offlineConversions.records ?? {}).flat() as Array<{
      item: { ConversionName: string }
    }>
    expect(records.map((record) => record.item.ConversionName).sort()).toEqual(['Purchase', 'Sign Up'])
  })

  it('sends an unmapped event with the mapping the request gives', async () => {
    const answer = await post({ payload: unmapped(5), mapping: { conversion_name: 'Lead' }, useDefaultMappings: true })
    expect(answer.json.results[0]).toMatchObject({ outcome: 'delivered' })
  })
})
