import { DEFAULT_SEED } from '../../../emulator'
import { ENDPOINT_ENV } from '../../../microsoft/endpoints'
import { INVALID_MAPPINGS, orderCompleted, postJson, requestCount, temporaryDirectory } from '../../__tests__/helpers'
import { startServe, type RunningServe } from '../start-serve'

const post = postJson

/** What an attacker or a careless caller sends to a started `msads serve`; none of it is the server's fault. */
describe('msads serve against hostile requests', () => {
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

  const { customers, credentials } = DEFAULT_SEED
  const settings = {
    customer_id: customers[0].id,
    account_id: customers[0].accounts[0].id,
    developer_token: credentials.developerToken,
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken
  }

  const ROUTES = [
    '/actions/trackConversion',
    '/actions/adjustConversion',
    '/actions/uetCapiEvent',
    '/rudderstack/v0/destinations/bingads_conversions',
    '/rudderstack/routerTransform',
    '/rudderstack/v1/destinations/bingads_conversions/proxy',
    '/rudderstack/deliver',
    '/accounts/default/rudderstack/v0/destinations/bingads_conversions'
  ]
  const MALFORMED = [
    '[null]',
    '[1]',
    '["x"]',
    '[[]]',
    '[{}]',
    '[{"message":null}]',
    '[{"message":{},"metadata":null,"destination":null}]',
    '[{"message":{},"metadata":{},"destination":{"Config":null}}]',
    '[{"message":{"type":"track","event":"Order Completed"},"metadata":{"jobId":"x"},"destination":{"Config":{"customerId":[]}}}]',
    'null',
    '1',
    '"text"',
    'true',
    '{}',
    '{"input":[null],"destType":"bingads_conversions"}',
    '{"input":[{"message":null}],"destType":"bingads_conversions"}',
    '{"input":"x","destType":"bingads_conversions"}',
    '{"input":[{"message":{},"metadata":{},"destination":{}}],"destType":{}}',
    '{"endpoint":"x","metadata":[null]}',
    '{"endpoint":null,"metadata":null}',
    '{"endpoint":"https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply","metadata":[null]}',
    '{"endpoint":"https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply","metadata":[]}',
    '{"messages":[null]}',
    '{"messages":[{"type":null}]}',
    '{"input":[{"message":{},"metadata":5}]}',
    '{"input":[{"message":{},"metadata":[]}]}',
    '{"payload":null}',
    '{"payloads":[null]}',
    '{"payload":{"type":"track","event":"Order Completed","properties":null}}',
    '{"payload":{"type":"track","event":"Order Completed"},"settings":[]}',
    '{"__proto__":{"x":1}}'
  ]

  it('answers every malformed body on every route with a 4xx, never a 5xx', async () => {
    const failures: string[] = []
    for (const route of ROUTES) {
      for (const raw of MALFORMED) {
        const answer = await post(`${serve.url}${route}`, undefined, raw)
        if (answer.status >= 500) failures.push(`${route} ${raw} → ${answer.status} ${answer.text.slice(0, 120)}`)
        const entries = [answer.json?.output, answer.json?.output?.response, answer.json?.results, answer.json?.jobs]
          .filter(Array.isArray)
          .flat() as Array<{ statusCode?: number; status?: number }>
        if (Array.isArray(answer.json)) entries.push(...(answer.json as typeof entries))
        for (const entry of entries)
          if ((entry?.statusCode ?? entry?.status ?? 0) >= 500)
            failures.push(`${route} ${raw} → an entry ${JSON.stringify(entry).slice(0, 160)}`)
      }
    }
    expect(failures).toEqual([])
  })

  it.each(INVALID_MAPPINGS)('an invalid mapping is 400 invalid_mapping naming $names', async ({ mapping, names }) => {
    for (const useDefaultMappings of [false, true]) {
      const answer = await post(`${serve.url}/actions/trackConversion`, {
        payload: orderCompleted(1),
        mapping,
        useDefaultMappings
      })
      expect(answer.status).toBe(400)
      expect(answer.json.error.code).toBe('invalid_mapping')
      for (const name of names) expect(answer.json.error.message).toContain(name)
      expect(answer.text).not.toMatch(/\\n\s+at |node_modules|\/work\/|ValidationError/)
    }
  })

  it.each(['customer_id', 'account_id', 'developer_token'] as const)(
    'a line break in %s is invalid_settings naming it, not a retry',
    async (field) => {
      const before = requestCount(serve.emulator!, 'applyOfflineConversions')
      const answer = await post(`${serve.url}/actions/trackConversion`, {
        payload: orderCompleted(1),
        settings: { ...settings, [field]: `${settings[field]}\r\nX-Injected: 1` }
      })
      expect(answer.json.results).toEqual([
        expect.objectContaining({ outcome: 'rejected', reason: 'invalid_settings', field })
      ])
      expect(answer.text).not.toContain('X-Injected')
      expect(requestCount(serve.emulator!, 'applyOfflineConversions')).toBe(before)
    }
  )
})
