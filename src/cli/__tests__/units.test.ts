import { readFileSync, statSync, writeFileSync } from 'fs'
import { join } from 'path'
import { loadSettings, ConfigError } from '../config/load-settings'
import { fingerprint, TokenFile } from '../config/token-file'
import { outcomeOfError } from '../host/error-outcome'
import { fromMultiStatusNode } from '../host/event-outcome'
import { HostTokens } from '../host/host-tokens'
import { requestSettings, RequestError } from '../host/settings-guard'
import { microsoftOperation } from '../metrics/microsoft-requests'
import { runCli } from '../program'
import { destinationConfig } from '../rudderstack/cli-destination'
import { rudderJobOutcome } from '../rudderstack/job-outcome'
import { canonicalRow, mapCsvHeader } from '../send/csv-columns'
import { Progress } from '../send/progress'
import { csvConversion } from '../send/csv-conversions'
import { retryDelayMs, withRetries } from '../send/retry-policy'
import { openInput } from '../send/input-source'
import { readRecords } from '../send/read-records'
import { Readable } from 'stream'
import { memoryIo, temporaryDirectory } from './helpers'
import { authFailure, rejected, retry } from '../../outcome'
import { outcomeToError, toMultiStatus } from '../../../destinations/segment/translate/outcome'
import type { MultiStatusResponse } from '@segment/actions-core'

/** The entries of a MultiStatusResponse as actions-core hands them to a host. */
function multiStatusNodes(response: MultiStatusResponse): unknown[] {
  return response.getAllResponses().map((entry) => entry.value())
}

describe('the token file', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())
  const credentials = { clientId: 'app', clientSecret: 's', refreshToken: 'configured-token-1', environment: 'production' as const }

  it('keeps the newest token of the configured token\'s chain, readable by its owner only', async () => {
    const file = new TokenFile(join(directory.path, 'nested', 'tokens.json'))
    expect(await file.load(credentials)).toBeUndefined()
    await file.save(credentials, 'rotated-token-2')
    expect(statSync(file.path).mode & 0o777).toBe(0o600)
    expect(await file.load(credentials)).toBe('rotated-token-2')
    // The manager saves with the credentials it was given (the configured token): the chain goes on.
    await file.save(credentials, 'rotated-token-3')
    expect(await file.load(credentials)).toBe('rotated-token-3')
    expect(JSON.parse(readFileSync(file.path, 'utf8')).tokens['production|app'].origin).toBe(fingerprint('configured-token-1'))
  })

  it('lets a newly pasted refresh token win over the stored chain', async () => {
    const file = new TokenFile(join(directory.path, 'pasted.json'))
    await file.save(credentials, 'rotated-token-2')
    expect(await file.load({ ...credentials, refreshToken: 'pasted-again-9' })).toBeUndefined()
  })

  it('serves a signed-in token when none is configured', async () => {
    const path = join(directory.path, 'login.json')
    await new TokenFile(path).saveSignedIn('production', 'app-id-1', 'signed-in-token')
    const loaded = await loadSettings({ env: { MSADS_CLIENT_ID: 'app-id-1', MSADS_TOKEN_FILE: path } })
    expect(loaded.settings.refresh_token).toBe('signed-in-token')
    expect(loaded.sources.refresh_token).toBe('token file')
  })
})

describe('settings', () => {
  const directory = temporaryDirectory()
  afterAll(() => directory.remove())

  it('reads a config file, with the environment over it', async () => {
    const config = join(directory.path, 'config.json')
    writeFileSync(config, JSON.stringify({ customer_id: '1', account_id: 2, environment: 'sandbox' }))
    const loaded = await loadSettings({ configFile: config, env: { MSADS_ACCOUNT_ID: '3', MSADS_TOKEN_FILE: join(directory.path, 't.json') } })
    expect(loaded.settings).toEqual({ customer_id: '1', account_id: '3', environment: 'sandbox' })
    expect(loaded.sources).toEqual({ customer_id: 'config file', account_id: 'environment', environment: 'config file' })
    expect(loaded.configured).toBe(true)
  })

  it('reads the default phone country, which is a choice, not a credential', async () => {
    const loaded = await loadSettings({ env: { MSADS_DEFAULT_PHONE_COUNTRY: 'gb', MSADS_TOKEN_FILE: join(directory.path, 'p.json') } })
    expect(loaded.settings).toEqual({ default_phone_country: 'gb' })
    expect(loaded.configured).toBe(false)
    expect(destinationConfig({ default_phone_country: 'GB' })).toMatchObject({ defaultPhoneCountry: 'GB' })
  })

  it('refuses config keys that are not settings, such as an endpoint', async () => {
    const config = join(directory.path, 'endpoint.json')
    writeFileSync(config, JSON.stringify({ customer_id: '1', api_base_url: 'http://elsewhere' }))
    await expect(loadSettings({ configFile: config, env: {} })).rejects.toThrow(ConfigError)
  })

  it('refuses request settings that are not settings', () => {
    expect(requestSettings({ customer_id: 1, consent_default: 'granted' })).toEqual({ customer_id: '1', consent_default: 'granted' })
    expect(() => requestSettings({ MSADS_API_BASE_URL: 'http://x' })).toThrow(RequestError)
    expect(() => requestSettings({ customer_id: { nested: true } })).toThrow(/must be a string/)
  })
})

describe('reading the Segment destination\'s answers', () => {
  it('keeps the outcome body of a multistatus entry', () => {
    expect(
      fromMultiStatusNode({ status: 400, body: { outcome: 'rejected', reason: 'OfflineConversionNameInvalid', message: 'No goal.', code: 5606, field: 'conversion_name', trackingId: 't-1' } })
    ).toEqual({ status: 400, outcome: 'rejected', reason: 'OfflineConversionNameInvalid', message: 'No goal.', code: 5606, field: 'conversion_name', trackingId: 't-1' })
  })

  it('names the field of an event actions-core refused before the destination saw it', () => {
    expect(fromMultiStatusNode({ status: 400, errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: "The root value is missing the required field 'conversion_time'." })).toMatchObject({
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'conversion_time'
    })
  })

  it('reads an event the core refused before sending from the body the destination gives it', () => {
    const refusals = [
      rejected('invalid_input', 'conversion_time is older than 90 days (2026-07-25T17:25:55.951Z); Microsoft accepts only the last 90 days.', { field: 'conversion_time', rule: 'max_age' }),
      rejected('invalid_settings', 'Check the destination settings: customer_id is required.', { field: 'customer_id', rule: 'required' })
    ]
    const nodes = multiStatusNodes(toMultiStatus(refusals, [{}, {}], { bodyOnRefusals: true }))
    expect(nodes.map(fromMultiStatusNode)).toEqual([
      { status: 400, outcome: 'rejected', reason: 'invalid_input', field: 'conversion_time', rule: 'max_age', message: refusals[0].message },
      { status: 400, outcome: 'rejected', reason: 'invalid_settings', field: 'customer_id', rule: 'required', message: refusals[1].message }
    ])
  })

  it('believes the body over a message that looks like another code', () => {
    const node = {
      status: 400,
      errortype: 'BAD_REQUEST',
      errormessage: '[5606 OfflineConversionNameInvalid] email is not an email address. TrackingId: t-9.',
      body: { outcome: 'rejected', reason: 'OfflineConversionMicrosoftClickIdInvalid', code: 5604, field: 'microsoft_click_id', message: 'Not a click id.', status: 400 }
    }
    expect(fromMultiStatusNode(node)).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionMicrosoftClickIdInvalid',
      code: 5604,
      field: 'microsoft_click_id',
      message: 'Not a click id.'
    })
    const thrown = Object.assign(new Error('[5606 OfflineConversionNameInvalid] No goal. TrackingId: abc-1.'), { status: 400, outcome: node.body })
    expect(outcomeOfError(thrown)).toMatchObject({ reason: 'OfflineConversionMicrosoftClickIdInvalid', code: 5604 })
    expect(outcomeOfError(thrown)).not.toHaveProperty('trackingId')
  })

  it('reads single-mode errors from the outcome they carry: Microsoft code and reason, auth, retry', () => {
    const notFound = rejected('OfflineConversionNameInvalid', 'No goal.', { code: 5606, field: 'conversion_name', trackingId: 'abc-1' })
    expect(outcomeOfError(outcomeToError(notFound))).toEqual({ ...notFound, status: 400 })
    expect(outcomeOfError(outcomeToError(authFailure('AuthenticationTokenExpired', 'Expired.', 'refresh', { code: 109 })))).toMatchObject({
      outcome: 'auth',
      authAction: 'refresh',
      status: 401,
      code: 109
    })
    expect(outcomeOfError(outcomeToError(retry('server_error', 'Microsoft answered HTTP 503.')))).toMatchObject({ outcome: 'retry', reason: 'server_error', status: 503 })
  })

  it('reads an error that carries no outcome by its status, as Segment does', () => {
    expect(outcomeOfError({ status: 401, code: 'INVALID_AUTHENTICATION', message: 'Expired.' })).toMatchObject({ outcome: 'auth', authAction: 'refresh', reason: 'http_401' })
    expect(outcomeOfError({ status: 503, code: 'RETRYABLE_ERROR', message: 'Unavailable.' })).toMatchObject({ outcome: 'retry', reason: 'server_error' })
    expect(outcomeOfError({ status: 400, code: 'OfflineConversionNameInvalid', message: '[5606 OfflineConversionNameInvalid] No goal.' })).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'OfflineConversionNameInvalid',
      message: '[5606 OfflineConversionNameInvalid] No goal.'
    })
  })
})

describe('reading the RudderStack destination\'s answers', () => {
  it('takes the reason, field, code and TrackingId from the outcome beside the status, not from the text', () => {
    const status = {
      status: 400,
      error: 'email is not an email address. (OfflineConversionNameInvalid 5606) TrackingId t-1.',
      outcome: { outcome: 'rejected', reason: 'invalid_input', field: 'email', rule: 'format', message: 'email is not an email address.', status: 400 }
    }
    expect(rudderJobOutcome(status)).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'invalid_input',
      field: 'email',
      rule: 'format',
      message: status.error
    })
  })

  it('follows the status for what rudder-server does, and the outcome for why', () => {
    const refusedTagToken = { outcome: 'auth', reason: 'capi_token_rejected', authAction: 'inactive', message: 'Refused.', status: 403 }
    expect(rudderJobOutcome({ status: 400, error: 'Refused.', outcome: refusedTagToken })).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'capi_token_rejected',
      message: 'Refused.'
    })
    const skipped = { outcome: 'skipped', reason: 'event_not_mapped', message: 'Not mapped.', status: 200 }
    expect(rudderJobOutcome({ status: 298, error: 'Not mapped.', outcome: skipped })).toMatchObject({ outcome: 'skipped', reason: 'event_not_mapped', status: 298 })
  })

  it('reads a status without an outcome (a batch that failed alike) from the status and the OAuth category', () => {
    expect(rudderJobOutcome({ status: 500, error: '{"Code":109}', authErrorCategory: 'REFRESH_TOKEN' })).toEqual({
      status: 500,
      outcome: 'auth',
      reason: 'http_401',
      authAction: 'refresh',
      message: '{"Code":109}'
    })
    expect(rudderJobOutcome({ status: 429, error: 'Slow down. (rate_limited)' })).toMatchObject({ outcome: 'retry', reason: 'rate_limited' })
    expect(rudderJobOutcome({ status: 400, error: 'Nope. (OfflineConversionNameInvalid 5606)' })).toEqual({
      status: 400,
      outcome: 'rejected',
      reason: 'invalid_input',
      message: 'Nope. (OfflineConversionNameInvalid 5606)'
    })
  })
})

describe('CSV columns', () => {
  it('accepts RudderStack and Bulk names, without regard to case or spaces, and reports unknown ones', () => {
    const header = mapCsvHeader(['Conversion Name', 'conversion_time', 'MICROSOFTCLICKID', 'Client Id', 'Favourite Colour'])
    expect([...header.columns.values()]).toEqual(['conversionName', 'conversionTime', 'microsoftClickId'])
    expect(header.unknown).toEqual(['Favourite Colour'])
    expect(canonicalRow({ 'Conversion Name': ' Purchase ', conversion_time: '', MICROSOFTCLICKID: 'x' }, header)).toEqual({ conversionName: 'Purchase', microsoftClickId: 'x' })
  })

  it('turns update and delete (or Restate and Retract) into adjustments', () => {
    expect(csvConversion({ action: 'update', conversionValue: '5', conversionName: 'P' })).toMatchObject({ kind: 'adjustment', input: { adjustmentType: 'Restate', adjustmentValue: '5' } })
    expect(csvConversion({ adjustmentType: 'Retract', conversionValue: '5' })).toMatchObject({ kind: 'adjustment', input: { adjustmentType: 'Retract' } })
    expect(csvConversion({ adjustmentType: 'Retract', conversionValue: '5' })).not.toHaveProperty('input.adjustmentValue')
    expect(csvConversion({ action: 'upsert' })).toMatchObject({ kind: 'none', outcome: { outcome: 'rejected', field: 'action' } })
  })
})

describe('reading the input', () => {
  it('loses nothing of an input that is readable before the reader starts (stdin in process, a pipe already full)', async () => {
    const input = await openInput('-', 'ndjson', Readable.from(['{"n":1}\n{"n":2}\n', '{"n":3}\n']))
    // What the sender does between opening the input and reading it (settings, a dry-run sink, an emulator).
    await new Promise((resolve) => setTimeout(resolve, 20))
    const lines: unknown[] = []
    const reading = (async () => {
      for await (const record of readRecords(input)) lines.push(record)
    })()
    let timer: NodeJS.Timeout | undefined
    const stuck = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the reader never saw the end of the input')), 2000)))
    await Promise.race([reading, stuck]).finally(() => clearTimeout(timer))
    expect(lines).toEqual([1, 2, 3].map((n) => ({ line: n, record: { n } })))
    expect(input.bytesRead()).toBe(24)
  })
})

describe('retries', () => {
  it('waits longer each time, at least what Microsoft asks for, never past the cap', () => {
    const policy = { retries: 3, baseDelayMs: 1000, maxDelayMs: 10_000 }
    expect(retryDelayMs(policy, 1, undefined, () => 0.5)).toBe(1000)
    expect(retryDelayMs(policy, 3, undefined, () => 0.5)).toBe(4000)
    expect(retryDelayMs(policy, 1, 5, () => 0.5)).toBe(5000)
    expect(retryDelayMs(policy, 1, 60, () => 0.5)).toBe(10_000)
  })

  it('sends again only the transient events, a bounded number of times', async () => {
    const attempts: string[][] = []
    const outcomes = await withRetries(
      ['a', 'b', 'c'],
      async (items) => {
        attempts.push(items)
        return items.map((item) => (item === 'b' && attempts.length < 3 ? { status: 503, outcome: 'retry', reason: 'server_error', message: '' } : item === 'c' ? { status: 429, outcome: 'retry', reason: 'rate_limited', message: '', retryAfterSeconds: 1 } : { status: 200, outcome: 'delivered', reason: 'accepted', message: '' }))
      },
      { retries: 3, baseDelayMs: 0, maxDelayMs: 0 }
    )
    expect(attempts).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b', 'c'], ['c']])
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'delivered', 'retry'])
  })

  it('sends again an event whose fresh token was refused too (auth, refresh), never one a person must fix', async () => {
    const attempts: string[][] = []
    const outcomes = await withRetries(
      ['expired', 'inactive'],
      async (items) => {
        attempts.push(items)
        return items.map((item) =>
          item === 'inactive'
            ? { status: 403, outcome: 'auth', authAction: 'inactive', reason: 'invalid_grant', message: '' }
            : attempts.length < 2
              ? { status: 401, outcome: 'auth', authAction: 'refresh', reason: 'AuthenticationTokenExpired', message: '' }
              : { status: 200, outcome: 'delivered', reason: 'accepted', message: '' }
        )
      },
      { retries: 3, baseDelayMs: 0, maxDelayMs: 0 }
    )
    expect(attempts).toEqual([['expired', 'inactive'], ['expired']])
    expect(outcomes.map((o) => o.outcome)).toEqual(['delivered', 'auth'])
  })
})

describe('the command line', () => {
  it('lists its commands and exits 2 on an unknown one', async () => {
    const help = memoryIo({})
    expect(await runCli(['--help'], help)).toBe(0)
    for (const command of ['serve', 'send', 'goals', 'tags', 'auth', 'export-csv', 'emulator']) expect(help.out()).toContain(command)
    const unknown = memoryIo({})
    expect(await runCli(['frobnicate'], unknown)).toBe(2)
    expect(unknown.err()).toMatch(/unknown command/)
  })

  it('knows which Microsoft operation a URL calls', () => {
    expect(microsoftOperation('https://campaign.api.bingads.microsoft.com/CampaignManagement/v13/OfflineConversions/Apply', {})).toBe('applyOfflineConversions')
    expect(microsoftOperation('https://capi.uet.microsoft.com/v1/123/events', {})).toBe('capi')
    expect(microsoftOperation('https://login.microsoftonline.com/common/oauth2/v2.0/token', {})).toBe('token')
    expect(microsoftOperation('http://127.0.0.1:9/CampaignManagement/v13/UetTags/QueryByIds', { MSADS_API_BASE_URL: 'http://127.0.0.1:9' })).toBe('getUetTagsByIds')
    expect(microsoftOperation('https://example.com/', {})).toBeUndefined()
  })
})

describe('host tokens', () => {
  it('remember a refused grant for a while instead of asking the identity platform for every batch', async () => {
    let calls = 0
    const tokens = new HostTokens({
      transport: async () => {
        calls += 1
        return { status: 400, headers: {}, body: JSON.stringify({ error: 'invalid_grant', error_description: 'AADSTS70008: expired', error_codes: [70008] }) }
      }
    })
    const settings = { client_id: '7d3c1f0e-5b2a-4c8d-9e6f-a1b2c3d4e5f6', client_secret: 'secret-value', refresh_token: 'revoked-token' }
    await expect(tokens.accessToken(settings)).rejects.toMatchObject({ outcome: { outcome: 'auth', authAction: 'inactive' } })
    await expect(tokens.accessToken(settings)).rejects.toMatchObject({ outcome: { outcome: 'auth', authAction: 'inactive' } })
    expect(calls).toBe(1)
    // A different refresh token (pasted anew) is tried at once.
    await expect(tokens.accessToken({ ...settings, refresh_token: 'another-token' })).rejects.toBeDefined()
    expect(calls).toBe(2)
  })
})

describe('progress', () => {
  it('writes a line every interval when stderr is not a terminal, and a bar in place when it is', async () => {
    const lines: string[] = []
    const snapshot = () => ({ linesRead: 1200, finished: 1000, failed: 3, bytesRead: 50, totalBytes: 200 })
    const plain = new Progress({ write: (text: string) => lines.push(text) }, snapshot, { enabled: true, intervalMs: 5 })
    plain.start()
    await new Promise((resolve) => setTimeout(resolve, 30))
    plain.stop()
    expect(lines.length).toBeGreaterThan(0)
    expect(lines[0]).toMatch(/^progress: 1,200 lines read \(25% of the file\), 1,000 done, 3 not delivered/)

    const drawn: string[] = []
    const bar = new Progress({ write: (text: string) => drawn.push(text), isTTY: true }, snapshot, { enabled: true })
    bar.start()
    await new Promise((resolve) => setTimeout(resolve, 250))
    bar.stop()
    expect(drawn[0]).toMatch(/^\r\[######\.+\] 25% 1,000\/1,200 events done/)
    expect(drawn.at(-1)).toBe('\r\x1b[K')
  })
})
